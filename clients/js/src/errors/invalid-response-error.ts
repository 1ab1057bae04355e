import { PollfeedError } from './pollfeed-error.js';

/**
 * A success status with a body that is not what the protocol promises (say, an HTML page from a proxy). Retried
 * with backoff; the cursor does not move.
 */
export class InvalidResponseError extends PollfeedError {
  override readonly name: string = 'InvalidResponseError';
  readonly url: string;
  readonly status: number;

  constructor(url: string, status: number, reason: string) {
    super(`Unexpected ${status} answer from ${url}: ${reason}`);
    this.url = url;
    this.status = status;
  }
}
