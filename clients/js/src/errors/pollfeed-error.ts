/** Base class of every error the client reports, so that `error instanceof PollfeedError` tells them apart. */
export class PollfeedError extends Error {
  override readonly name: string = 'PollfeedError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
