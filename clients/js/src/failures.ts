import { CursorExpiredError } from './errors/cursor-expired-error.js';
import { ForbiddenError } from './errors/forbidden-error.js';
import { HttpError } from './errors/http-error.js';
import { InvalidResponseError } from './errors/invalid-response-error.js';
import { NetworkError } from './errors/network-error.js';
import { PollfeedError } from './errors/pollfeed-error.js';
import { UnauthorizedError } from './errors/unauthorized-error.js';
import type { Exchange } from './exchange.js';
import { parseProblem } from './problem.js';
import { retryAfterMs } from './response-headers.js';

/**
 * The error for a non-success answer: `CursorExpiredError` for a 410 that names `oldest`, `UnauthorizedError` for
 * 401, `ForbiddenError` for 403, else `HttpError`.
 */
export function httpErrorOf(answer: Exchange, channel?: string): HttpError {
  const problem = parseProblem(answer.body);
  if (answer.status === 401) {
    return new UnauthorizedError(problem, answer.url);
  }
  if (answer.status === 403) {
    return new ForbiddenError(problem, answer.url);
  }
  const oldest = problem?.['oldest'];
  if (answer.status === 410 && typeof oldest === 'number' && Number.isSafeInteger(oldest) && oldest >= 1) {
    const named = problem?.['channel'];
    return new CursorExpiredError(oldest, typeof named === 'string' ? named : channel, problem, answer.url);
  }
  return new HttpError(answer.status, problem, answer.url, retryAfterMs(answer.headers, answer.receivedAt));
}

/** Network failures, timeouts, garbled answers, 429 and 5xx: worth trying again with the same request. */
export function isRetryable(error: PollfeedError): boolean {
  if (error instanceof HttpError) {
    return error.retryable;
  }
  return error instanceof NetworkError || error instanceof InvalidResponseError;
}

/** Anything thrown on the way, as a `PollfeedError` (a bug in the client itself shows as its cause). */
export function asPollfeedError(error: unknown): PollfeedError {
  return error instanceof PollfeedError
    ? error
    : new PollfeedError(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/** The JSON body of a success answer, or `InvalidResponseError`. */
export function jsonBody(answer: Exchange): unknown {
  try {
    return JSON.parse(answer.body);
  } catch {
    throw new InvalidResponseError(answer.url, answer.status, 'the body is not JSON');
  }
}
