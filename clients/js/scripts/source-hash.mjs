/**
 * The SHA-256 of clients/js/src that the demo bundle's banner carries, so that the Maven build (no npm there) can
 * tell a stale bundle: every file under src/, sorted by its path relative to src/ ('/'-separated), each hashed as
 * path, NUL, content bytes, NUL. dev.pollfeed.demo.DemoBundleTest computes the same in Java.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function sourceHash(srcDirectory) {
  const files = [];
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(relative(srcDirectory, path).split(sep).join('/'));
    }
  };
  walk(srcDirectory);
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file, 'utf8');
    hash.update(Buffer.of(0));
    hash.update(readFileSync(join(srcDirectory, file)));
    hash.update(Buffer.of(0));
  }
  return hash.digest('hex');
}
