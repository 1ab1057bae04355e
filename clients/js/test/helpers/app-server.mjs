/**
 * Serves a built example app (Vite's dist/) and forwards `/v1/…` to a pollfeed server, as a deployment's reverse
 * proxy would: the app talks to its own origin. While the pollfeed server is down the proxy answers 502.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export async function serveApp(directory, upstream, port) {
  const target = new URL(upstream);
  const server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url, 'http://app');
    if (url.pathname.startsWith('/v1/')) {
      const forwarded = request(
        { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', () => {
        if (!outgoing.headersSent) {
          outgoing.writeHead(502, { 'Content-Type': 'application/problem+json' });
        }
        outgoing.end(JSON.stringify({ title: 'Bad Gateway', status: 502, detail: 'pollfeed is not answering' }));
      });
      incoming.pipe(forwarded);
      return;
    }
    let file = join(directory, normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    if (!existsSync(file) || statSync(file).isDirectory()) {
      file = join(directory, 'index.html');
    }
    outgoing.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(outgoing);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
