/**
 * What each entry point costs an app: minified and gzipped, bundled the way an app's bundler would (the framework
 * itself left out, as the app already has it). Run after `npm run build`.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = { core: 'dist/index.js', react: 'dist/react.js', vue: 'dist/vue.js' };
const rows = [];
for (const [name, entry] of Object.entries(entries)) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    external: ['react', 'vue'],
  });
  const code = result.outputFiles[0].contents;
  rows.push({ entry: name, minified: code.length, gzipped: gzipSync(code, { level: 9 }).length });
}
console.table(rows);
