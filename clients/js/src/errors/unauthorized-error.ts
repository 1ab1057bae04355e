import type { Problem } from '../problem.js';
import { HttpError } from './http-error.js';

/**
 * `401 Unauthorized`: the request needs credentials and had none (`problem.type` ends in `:unauthorized`), or the
 * ones it had prove nothing: unknown or revoked key, expired or badly signed token (`:invalid-credentials`). Never
 * retried unchanged: a subscription stops (`willRetry: false`) and `publish` rejects; set or refresh `token` and
 * subscribe again.
 */
export class UnauthorizedError extends HttpError {
  override readonly name: string = 'UnauthorizedError';

  constructor(problem: Problem | undefined, url: string) {
    super(401, problem, url);
  }
}
