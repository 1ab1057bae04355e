import type { Problem } from '../problem.js';
import { HttpError } from './http-error.js';

/**
 * `403 Forbidden`: the credentials are valid but do not cover this channel (read) or may not publish to it. Never
 * retried: a subscription stops (`willRetry: false`) and `publish` rejects.
 */
export class ForbiddenError extends HttpError {
  override readonly name: string = 'ForbiddenError';

  constructor(problem: Problem | undefined, url: string) {
    super(403, problem, url);
  }
}
