/**
 * The deployment of deploy/: Debian's nginx, with deploy/nginx/lich-hop.conf (ports, paths and
 * names substituted) and a self-signed certificate, in front of two instances of the built service
 * (NODE_ENV=production, TRUST_PROXY=1) on one database. Everything is checked over https through
 * the proxy: HTTP/2, a feed compressed and then 304, CORS on public reads, a page, an API write on
 * one instance visible on the other, and the client address the rate limits and logs use.
 * nginx runs unprivileged from a temporary prefix (as `nobody` when the test runs as root).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { freePort } from '../../src/shared/local-db';
import {
  chaosDatabase,
  childPids,
  closedPromise,
  endProcess,
  sleep,
  startInstance,
  type ChaosDb,
  type Instance,
} from './harness';

const root = path.resolve(__dirname, '../..');
const SITE = path.join(root, 'deploy/nginx/lich-hop.conf');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** The body as sent, decompressed by its Content-Encoding. */
function decoded(r: Reply): string {
  const coding = String(r.headers['content-encoding'] ?? 'identity');
  if (coding === 'gzip') return zlib.gunzipSync(r.body).toString('utf8');
  if (coding === 'br') return zlib.brotliDecompressSync(r.body).toString('utf8');
  return r.body.toString('utf8');
}

let db: ChaosDb;
let a: Instance;
let b: Instance;
let nginx: ChildProcess | undefined;
let nginxClosed: Promise<void> = Promise.resolve();
/** The master's workers, cache manager and loader, seen while it ran: killed too if the master has to be. */
const nginxChildren = new Set<number>();
let dir: string;
let cert: Buffer;
let httpsPort: number;
let httpPort: number;

/** HTTP/1.1 over TLS through the proxy, from a chosen local address (127.0.0.x) when asked. */
function get1(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: unknown; from?: string } = {},
): Promise<Reply> {
  return new Promise((ok, fail) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = https.request(
      {
        host: '127.0.0.1',
        port: httpsPort,
        method,
        path: url,
        servername: 'localhost',
        ca: cert,
        agent: false,
        ...(options.from ? { localAddress: options.from } : {}),
        headers: {
          host: `localhost:${httpsPort}`,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', fail);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`no reply to ${method} ${url} within 30 s`)));
    req.on('error', fail);
    req.end(payload);
  });
}

/** One request over HTTP/2 (ALPN h2), as browsers and calendar services talk to the proxy. */
async function get2(url: string, headers: Record<string, string> = {}): Promise<Reply & { alpn: string }> {
  const session = http2.connect(`https://localhost:${httpsPort}`, {
    ca: cert,
    host: '127.0.0.1',
  } as http2.SecureClientSessionOptions);
  // An error after the reply (the proxy going away) must not become an uncaught 'error' event.
  session.on('error', () => undefined);
  try {
    const alpn = await new Promise<string>((ok, fail) => {
      session.once('connect', () => ok(String((session.socket as unknown as { alpnProtocol?: string }).alpnProtocol)));
      session.once('error', fail);
    });
    return await new Promise((ok, fail) => {
      const req = session.request({ ':path': url, ...headers });
      let status = 0;
      let hdrs: Record<string, string | string[] | undefined> = {};
      const chunks: Buffer[] = [];
      req.on('response', (h) => {
        status = Number(h[':status']);
        hdrs = h;
      });
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => ok({ status, headers: hdrs, body: Buffer.concat(chunks), alpn }));
      req.setTimeout(30_000, () => req.close(http2.constants.NGHTTP2_CANCEL));
      req.on('close', () => fail(new Error(`HTTP/2 stream for ${url} closed before its end`)));
      req.on('error', fail);
      req.end();
    });
  } finally {
    // Every stream is done: close() then ends the session and its TLS socket at once.
    session.close();
    if (!session.destroyed) session.destroy();
  }
}

/** deploy/nginx/lich-hop.conf with this test's ports, certificate, cache folder and upstreams. */
function siteConfig(upstreams: number[]): string {
  let conf = fs.readFileSync(SITE, 'utf8');
  const replace = (pattern: RegExp, by: string) => {
    if (!pattern.test(conf)) throw new Error(`deploy/nginx/lich-hop.conf no longer has ${pattern}: update this test`);
    conf = conf.replace(pattern, by);
  };
  replace(/^\s*listen \[::\]:.*$/gm, '');
  replace(/listen 80;/, `listen 127.0.0.1:${httpPort};`);
  replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${httpsPort} ssl http2;`);
  replace(/server_name lich\.example\.gov\.vn;/g, 'server_name localhost;');
  replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${dir}/cert.pem;`);
  replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${dir}/key.pem;`);
  replace(/proxy_cache_path \/var\/lib\/nginx\/lich-hop /, `proxy_cache_path ${dir}/cache `);
  replace(/root \/var\/www\/html;/, `root ${dir}/www;`);
  replace(
    /upstream lich_hop \{[^}]*\}/,
    `upstream lich_hop {\n${upstreams.map((p) => `    server 127.0.0.1:${p};`).join('\n')}\n    keepalive 8;\n}`,
  );
  return conf;
}

beforeAll(async () => {
  if (!NGINX)
    throw new Error('nginx is not installed: scripts/setup.sh installs it (apt-get install nginx-light or nginx)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lich-hop-nginx-'));
  httpsPort = await freePort();
  httpPort = await freePort();
  const ssl = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      `${dir}/key.pem`,
      '-out',
      `${dir}/cert.pem`,
    ],
    { encoding: 'utf8' },
  );
  if (ssl.status !== 0) throw new Error(`openssl failed: ${ssl.stderr}`);
  cert = fs.readFileSync(`${dir}/cert.pem`);

  db = await chaosDatabase('deploy-nginx');
  const env = {
    MONGODB_URI: db.uri,
    NODE_ENV: 'production',
    PUBLIC_BASE_URL: `https://localhost:${httpsPort}`,
    TRUST_PROXY: '1',
    SEED_ON_EMPTY: 'true',
    MAIL_FROM: 'Văn phòng HĐND và UBND huyện <lich-hop@lucngan.gov.vn>',
    AUTH_INVALID_KEY_LIMIT: '3',
    ENV_FILE: 'none',
  };
  a = await startInstance(env); // seeds the empty database
  b = await startInstance(env);

  fs.mkdirSync(`${dir}/www`);
  fs.writeFileSync(`${dir}/site.conf`, siteConfig([a.port, b.port]));
  fs.writeFileSync(
    `${dir}/nginx.conf`,
    `worker_processes 1;
worker_shutdown_timeout 3s;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp-body;
  proxy_temp_path ${dir}/tmp-proxy;
  fastcgi_temp_path ${dir}/tmp-fastcgi;
  uwsgi_temp_path ${dir}/tmp-uwsgi;
  scgi_temp_path ${dir}/tmp-scgi;
  include ${dir}/site.conf;
}
`,
  );
  // Unprivileged: as root, run nginx as nobody over a folder it owns.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['-R', '65534:65534', dir]);
  const args = ['-p', dir, '-c', `${dir}/nginx.conf`, '-e', `${dir}/error.log`, '-g', 'daemon off;'];
  const outFile = `${dir}/nginx.out`;
  const check = spawnSync(NGINX, ['-t', ...args.slice(0, 6)], {
    encoding: 'utf8',
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  if (check.status !== 0) throw new Error(`nginx -t refused the configuration:\n${check.stderr}`);
  // Output to a file, not pipes: nginx's workers inherit its stdout/stderr, and a worker outliving the
  // master would keep a pipe, and with it this jest process, open.
  const out = fs.openSync(outFile, 'a');
  try {
    nginx = spawn(NGINX, args, { stdio: ['ignore', out, out], ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
  } finally {
    fs.closeSync(out);
  }
  nginxClosed = closedPromise(nginx);
  const nginxLog = () =>
    [outFile, `${dir}/error.log`].map((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '')).join('\n');
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await get1('GET', '/healthz')).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline || nginx.exitCode !== null) throw new Error(`nginx did not start:\n${nginxLog()}`);
    await sleep(100);
  }
  for (const pid of childPids(nginx.pid)) nginxChildren.add(pid);
}, 300_000);

afterAll(async () => {
  // Graceful stop (SIGQUIT; worker_shutdown_timeout bounds it), then SIGKILL to the master AND its
  // workers: killing only the master would leave the workers running (and listening).
  if (nginx) {
    const master = nginx.pid;
    for (const pid of childPids(master)) nginxChildren.add(pid);
    await endProcess(nginx, nginxClosed, 'SIGQUIT', 10_000, () => ({
      pids: [...nginxChildren, ...childPids(master)],
      comm: 'nginx',
    }));
  }
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('deployment behind nginx (deploy/nginx/lich-hop.conf, two instances)', () => {
  test('when a calendar client fetches a public feed over HTTP/2, then it is compressed, then 304 with its ETag, and CORS allows it', async () => {
    const first = await get2('/feeds/public/ubnd.ics', { 'accept-encoding': 'gzip' });
    expect(first.alpn).toBe('h2');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/calendar/);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    const text = decoded(first);
    expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(first.body.length).toBeLessThan(Buffer.byteLength(text) * 0.7);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"/);

    const again = await get2('/feeds/public/ubnd.ics', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // The instances agree on the ETag, whichever serves (and after the proxy's cache expires).
    await sleep(5_500);
    const later = await get2('/feeds/public/ubnd.ics', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(later.status).toBe(304);
  });

  test('when a browser opens the home page through the proxy, then it gets the Vietnamese page, compressed', async () => {
    const page = await get1('GET', '/', { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(decoded(page)).toContain('Lịch họp');
    const plain = await new Promise<number>((ok, fail) =>
      http
        // agent: false: no keep-alive socket left in the global agent's pool after the test.
        .get(
          { host: '127.0.0.1', port: httpPort, path: '/lich', agent: false, headers: { host: 'localhost' } },
          (res) => {
            res.resume();
            expect(res.headers.location).toBe('https://localhost/lich');
            ok(res.statusCode ?? 0);
          },
        )
        .on('error', fail),
    );
    expect(plain).toBe(301);
  });

  test('when one instance stores an API write, then the other serves it within its read-model poll', async () => {
    const series = {
      title: 'Giao ban qua proxy',
      kind: 'briefing',
      bodyCode: 'ubnd',
      startTime: '14:00',
      durationMinutes: 90,
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      startDate: '2026-03-03',
      holidayPolicy: 'skip',
    };
    const created = await get1('POST', '/api/series', { headers: { authorization: db.officeKey }, body: series });
    expect(created.status).toBe(201);
    const id = (JSON.parse(created.body.toString()) as { id: string }).id;
    // Round robin over two upstreams: consecutive reads land on both instances. The instance that did
    // not take the write sees it within its read model's poll (READ_MODEL_POLL_MS, 500 ms by default).
    const served = (inst: Instance) =>
      inst
        .output()
        .split('\n')
        .filter((l) => l.includes('"msg":"request"') && l.includes(`/api/series/${id}`) && l.includes('"status":200'));
    const deadline = Date.now() + 5_000;
    while (!(served(a).length && served(b).length)) {
      expect(Date.now()).toBeLessThan(deadline);
      const read = await get1('GET', `/api/series/${encodeURIComponent(id)}`);
      if (read.status === 200)
        expect((JSON.parse(decoded(read)) as { title: string }).title).toBe('Giao ban qua proxy');
      else expect(read.status).toBe(404);
      await sleep(100);
    }
    // Writes get no CORS header; public reads do.
    expect(created.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('when a client behind the proxy presents bad keys, then the limit counts its own address, not the proxy or a forged X-Forwarded-For', async () => {
    const bad = {
      authorization: 'Bearer lh_not-a-real-key-000000000000000000000000000000',
      'x-forwarded-for': '203.0.113.9',
    };
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await get1('GET', '/api/keys', { headers: bad, from: '127.0.0.2' })).status);
    expect(statuses.slice(0, 2)).toEqual([401, 401]);
    expect(statuses.at(-1)).toBe(429); // 3 per instance, two instances: the 7th and 8th are over on both
    // Another client, behind the same proxy, is not limited.
    expect((await get1('GET', '/api/keys', { headers: bad, from: '127.0.0.3' })).status).toBe(401);
    // The request log says which address was counted (the lines reach the pipes a moment after the replies).
    const logged = () =>
      [a, b]
        .flatMap((inst) => inst.output().split('\n'))
        .filter((l) => l.includes('"msg":"request"') && l.includes('/api/keys'));
    for (let i = 0; i < 50 && !logged().some((l) => l.includes('"ip":"127.0.0.3"')); i++) await sleep(100);
    expect(logged().some((l) => l.includes('"ip":"127.0.0.2"') && l.includes('"status":429'))).toBe(true);
    expect(logged().some((l) => l.includes('"ip":"127.0.0.3"'))).toBe(true);
    expect(logged().some((l) => l.includes('203.0.113.9') || l.includes('lh_not-a-real-key'))).toBe(false);
  });

  test('when the production instances start, then they say which settings they read and where the database is', () => {
    for (const inst of [a, b]) {
      expect(inst.output()).toContain('mode production');
      expect(inst.output()).toContain('settings read from the environment');
      expect(inst.output()).toMatch(/database MONGODB_URI=mongodb:\/\/[^"\s]+\/[A-Za-z0-9_-]+/);
    }
  });
});
