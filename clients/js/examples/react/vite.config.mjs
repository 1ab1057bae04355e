import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

import { pollfeedAlias } from '../vite.config.shared.mjs';

// Built with NODE_ENV=development by `npm run build:examples`, so that StrictMode double-mounts as in `vite dev`.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  resolve: { alias: pollfeedAlias },
  build: { outDir: 'dist', emptyOutDir: true, minify: false },
  server: { proxy: { '/v1': process.env.POLLFEED_URL ?? 'http://localhost:8080' } },
});
