/**
 * An RFC 9457 problem document, as the server sends with every error (`application/problem+json`). `type` is
 * `urn:pollfeed:problem:<slug>`; extension members such as `oldest` sit beside the standard ones.
 */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly [member: string]: unknown;
}

/** The problem document in an error body, or undefined when the body is not a JSON object. */
export function parseProblem(body: string): Problem | undefined {
  if (body.trim() === '') {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Problem) : undefined;
  } catch {
    return undefined;
  }
}
