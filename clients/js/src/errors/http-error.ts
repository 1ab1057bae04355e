import type { Problem } from '../problem.js';
import { PollfeedError } from './pollfeed-error.js';

/** The server answered with an error status. `problem` is its problem+json body, when it sent one. */
export class HttpError extends PollfeedError {
  override readonly name: string = 'HttpError';
  readonly status: number;
  readonly problem: Problem | undefined;
  readonly url: string;
  /** The server's `Retry-After`, in milliseconds, on 429 and 503. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, problem: Problem | undefined, url: string, retryAfterMs?: number) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
    this.url = url;
    this.retryAfterMs = retryAfterMs;
  }

  /** 429 and 5xx are worth retrying unchanged; any other 4xx is a client bug (protocol §5). */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

function describe(status: number, problem: Problem | undefined): string {
  const title = problem?.title ?? `HTTP ${status}`;
  return problem?.detail ? `${status} ${title}: ${problem.detail}` : `${status} ${title}`;
}
