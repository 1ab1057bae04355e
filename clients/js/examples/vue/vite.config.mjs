import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

import { pollfeedAlias } from '../vite.config.shared.mjs';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [vue()],
  resolve: { alias: pollfeedAlias },
  build: { outDir: 'dist', emptyOutDir: true, minify: false },
  server: { proxy: { '/v1': process.env.POLLFEED_URL ?? 'http://localhost:8080' } },
});
