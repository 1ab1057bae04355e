/**
 * Bundles the compiled client (dist/, from `npm run build`) into one ES module for the demo page that the server
 * serves at `/`, so that the Maven build needs no npm. The banner marks it generated and carries the hash of
 * clients/js/src it was built from, which DemoBundleTest checks in `./mvnw verify`. With --check, fails if the
 * committed file is out of date.
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { sourceHash } from './source-hash.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, '../../src/main/resources/META-INF/resources/js/pollfeed-client.js');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const result = await build({
  absWorkingDir: root,
  entryPoints: ['dist/index.js'],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  write: false,
  legalComments: 'none',
  banner: {
    js:
      `// @generated @pollfeed/client ${version} from clients/js/src by \`npm run build:demo\`. Do not edit.\n` +
      `// sources-sha256: ${sourceHash(join(root, 'src'))}`,
  },
});
const bundle = result.outputFiles[0].text;
const shown = relative(process.cwd(), target);

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // Missing counts as out of date.
  }
  if (committed !== bundle) {
    console.error(`${shown} is out of date with clients/js/src: run \`npm run build:demo\` and commit it.`);
    process.exit(1);
  }
  console.log(`${shown} is up to date.`);
} else {
  writeFileSync(target, bundle);
  console.log(`wrote ${shown} (${bundle.length} bytes)`);
}
