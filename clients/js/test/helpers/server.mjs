/**
 * Starts the real pollfeed server jar for a test: `POLLFEED_SERVER_JAR` (a `./mvnw package -Pserver` build) with
 * the database from the QUARKUS_DATASOURCE_* variables, on a free port, logging to test-results/. The jar runs in its
 * production profile, so every channel is private unless a test makes it public (`publicRead`, `publicPublish`);
 * `ADMIN_KEY` may do anything, and tokens signed with `JWT_SECRET` (HS256) are accepted.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');
const REQUIRED = [
  'POLLFEED_SERVER_JAR',
  'QUARKUS_DATASOURCE_REACTIVE_URL',
  'QUARKUS_DATASOURCE_JDBC_URL',
  'QUARKUS_DATASOURCE_USERNAME',
  'QUARKUS_DATASOURCE_PASSWORD',
];

/** New for every test process: nothing but these tests can use the servers they start. */
export const ADMIN_KEY = randomBytes(24).toString('hex');
export const JWT_SECRET = randomBytes(32).toString('hex');

export function requireServerEnvironment() {
  const missing = REQUIRED.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`Set ${missing.join(', ')} (see clients/js/README.md, "Tests")`);
  }
  if (!existsSync(process.env.POLLFEED_SERVER_JAR)) {
    throw new Error(`POLLFEED_SERVER_JAR=${process.env.POLLFEED_SERVER_JAR} does not exist; build it with ./mvnw package -Pserver`);
  }
}

/**
 * A free port: any (the system picks) or, with POLLFEED_TEST_PORT_BASE set, the first free one from there, for
 * machines where several people's tests share the port space (each keeps to its own range).
 */
export async function freePort() {
  const base = Number(process.env.POLLFEED_TEST_PORT_BASE ?? 0);
  if (!base) {
    return listenable(0);
  }
  for (let port = base + nextOffset; port < base + 90; port += 1) {
    nextOffset = port - base + 1;
    try {
      return await listenable(port);
    } catch {
      // Taken: try the next one.
    }
  }
  throw new Error(`No free port in ${base}..${base + 89}`);
}

// Test files run in processes of their own: each starts probing at an offset of its own, so two rarely race.
let nextOffset = process.pid % 30;

function listenable(port) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(port, '127.0.0.1', () => {
      const { port: bound } = probe.address();
      probe.close(() => resolve(bound));
    });
  });
}

/**
 * A server process that can be stopped and started again on the same port (same database, so same channels).
 * `pollIntervalSeconds` sets the Poll-Interval it sends (POLLFEED_POLLING_INTERVAL_SECONDS); `publicRead` and
 * `publicPublish` are the channel patterns anyone may read or publish to without credentials (comma-separated, as in
 * POLLFEED_SECURITY_PUBLIC_READ; default: every channel readable, none writable).
 */
export class PollfeedServer {
  #process;
  #exited;
  #starts = 0;

  constructor({ port, name = 'server', pollIntervalSeconds = 1, publicRead = '*', publicPublish = '' }) {
    this.port = port;
    this.name = name;
    this.pollIntervalSeconds = pollIntervalSeconds;
    this.publicRead = publicRead;
    this.publicPublish = publicPublish;
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(options = {}) {
    requireServerEnvironment();
    const server = new PollfeedServer({ ...options, port: options.port ?? (await freePort()) });
    await server.start();
    return server;
  }

  get logFile() {
    return join(RESULTS, `${this.name}-${this.port}.log`);
  }

  async start() {
    mkdirSync(RESULTS, { recursive: true });
    this.#starts += 1;
    const log = createWriteStream(this.logFile, { flags: this.#starts === 1 ? 'w' : 'a' });
    await new Promise((resolve) => log.once('open', resolve));
    const env = {
      ...process.env,
      QUARKUS_HTTP_PORT: String(this.port),
      QUARKUS_HTTP_HOST: '127.0.0.1',
      POLLFEED_POLLING_INTERVAL_SECONDS: String(this.pollIntervalSeconds),
      POLLFEED_SECURITY_ADMIN_KEY: ADMIN_KEY,
      POLLFEED_SECURITY_JWT_SECRET: JWT_SECRET,
      // The tests publish and poll far faster than the default 100 requests per second and key.
      POLLFEED_SECURITY_RATE_LIMIT_PER_SECOND: '0',
      POLLFEED_SECURITY_PUBLIC_READ: this.publicRead,
      POLLFEED_SECURITY_PUBLIC_PUBLISH: this.publicPublish,
    };
    for (const name of ['POLLFEED_SECURITY_PUBLIC_READ', 'POLLFEED_SECURITY_PUBLIC_PUBLISH']) {
      if (!env[name]) delete env[name]; // not public at all, whatever the calling shell has set
    }
    const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-Xshare:auto', '-jar', process.env.POLLFEED_SERVER_JAR], {
      env,
      stdio: ['ignore', log, log],
    });
    this.#process = child;
    running.add(child);
    this.#exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        resolve({ code, signal });
      }),
    );
    await this.#waitUntilServing(child);
  }

  async #waitUntilServing(child) {
    const deadline = Date.now() + 60_000;
    let exited = false;
    this.#exited.then(() => (exited = true));
    while (Date.now() < deadline) {
      if (exited) {
        throw new Error(`The server exited while starting:\n${this.logTail()}`);
      }
      try {
        const response = await fetch(`${this.url}/v1/channels/startup-probe/events?since=now`, {
          headers: { Authorization: `Bearer ${ADMIN_KEY}` }, // whether or not the channel is public
        });
        if (response.ok) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`The server did not answer within 60 s:\n${this.logTail()}`);
  }

  /** Stops the process; SIGKILL by default, as a crash would (in-flight requests get no answer). */
  async stop(signal = 'SIGKILL') {
    const child = this.#process;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    child.kill(signal);
    await this.#exited;
  }

  logTail(lines = 40) {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/** A channel name no earlier run used (the database is shared between runs). */
export function uniqueChannel(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Resolves when `predicate()` is true, polling every 20 ms; rejects after `timeoutMs` with `message`. */
export async function eventually(predicate, { timeoutMs = 10_000, message = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A fetch that counts requests and answers by status, for the client's `fetch` option. */
export function countingFetch() {
  const counts = { requests: 0, byStatus: new Map() };
  const fetchFn = async (input, init) => {
    counts.requests += 1;
    const response = await fetch(input, init);
    counts.byStatus.set(response.status, (counts.byStatus.get(response.status) ?? 0) + 1);
    return response;
  };
  return { fetch: fetchFn, counts };
}

/** Last resort, if a test fails before its cleanup: never leave a server process behind. */
const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});
