/**
 * Direct SQL for what the API cannot do yet: simulating retention (pruning a channel's oldest events), so that the
 * client's 410 path is tested against the real server. Uses `psql` with the QUARKUS_DATASOURCE_* settings.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export function psqlAvailable() {
  return spawnSync('psql', ['--version']).status === 0;
}

function connection() {
  const url = new URL(process.env.QUARKUS_DATASOURCE_REACTIVE_URL.replace(/^[a-z]+:/, 'http:'));
  return {
    args: ['-h', url.hostname, '-p', url.port || '5432', '-U', process.env.QUARKUS_DATASOURCE_USERNAME, '-d', url.pathname.slice(1)],
    env: { ...process.env, PGPASSWORD: process.env.QUARKUS_DATASOURCE_PASSWORD },
  };
}

/** Deletes the channel's events below `oldest` and raises its `oldest`, as retention does. */
export function pruneChannel(channel, oldest) {
  const { args, env } = connection();
  execFileSync(
    'psql',
    [
      ...args,
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-v',
      `channel=${channel}`,
      '-v',
      `oldest=${oldest}`,
    ],
    {
      env,
      input: `BEGIN;
DELETE FROM events WHERE channel = :'channel' AND seq < :oldest;
UPDATE channels SET oldest = :oldest WHERE name = :'channel';
COMMIT;
`,
    },
  );
}
