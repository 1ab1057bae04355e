/** Where cursors are kept between page loads: `sessionStorage` by default, or anything with the same two methods. */
export interface CursorStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** `sessionStorage` if this environment has one and lets us use it (it throws in some sandboxed frames). */
export function defaultCursorStorage(): CursorStorage | undefined {
  try {
    return (globalThis as { sessionStorage?: CursorStorage }).sessionStorage;
  } catch {
    return undefined;
  }
}

export function loadJson(storage: CursorStorage | undefined, key: string | undefined): unknown {
  if (!storage || key === undefined) {
    return undefined;
  }
  try {
    const text = storage.getItem(key);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Best effort: a full or forbidden storage must not stop the feed. */
export function saveJson(storage: CursorStorage | undefined, key: string | undefined, value: unknown): void {
  if (!storage || key === undefined) {
    return;
  }
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: keep polling with the cursor in memory.
  }
}
