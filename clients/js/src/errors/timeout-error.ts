import { NetworkError } from './network-error.js';

/** No complete answer within the client's `timeoutMs`; the request was aborted. Retried like a network error. */
export class TimeoutError extends NetworkError {
  override readonly name: string = 'TimeoutError';
  readonly timeoutMs: number;

  constructor(url: string, timeoutMs: number) {
    super(url, undefined, `Request to ${url} got no answer within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}
