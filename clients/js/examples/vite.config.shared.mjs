/** What both examples' Vite configs share: `@pollfeed/client` is this package, from its compiled dist/. */
import { fileURLToPath } from 'node:url';

const dist = (file) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

export const pollfeedAlias = [
  { find: /^@pollfeed\/client\/react$/, replacement: dist('react.js') },
  { find: /^@pollfeed\/client\/vue$/, replacement: dist('vue.js') },
  { find: /^@pollfeed\/client$/, replacement: dist('index.js') },
];
