import { PollfeedError } from './pollfeed-error.js';

/** No HTTP answer at all: connection refused or reset, DNS, CORS, offline. The original error is `cause`. */
export class NetworkError extends PollfeedError {
  override readonly name: string = 'NetworkError';
  readonly url: string;

  constructor(url: string, cause: unknown, message = `Request to ${url} failed: ${describe(cause)}`) {
    super(message, { cause });
    this.url = url;
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
