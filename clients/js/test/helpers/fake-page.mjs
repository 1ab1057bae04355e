/** A stand-in for `document` (Page Visibility) and `window` (`online`) built on the real EventTarget. */
export function fakePage({ hidden = false } = {}) {
  const document = new EventTarget();
  let state = hidden ? 'hidden' : 'visible';
  Object.defineProperty(document, 'visibilityState', { get: () => state });
  const window = new EventTarget();
  return {
    document,
    window,
    hide() {
      state = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
    },
    show() {
      state = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
    },
    goOnline() {
      window.dispatchEvent(new Event('online'));
    },
  };
}

/** A Storage-like map. */
export function memoryStorage(initial = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
  };
}
