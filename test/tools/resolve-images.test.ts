import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { imageTable } from '../../src/core/environment';
import { IMAGE_DIGESTS } from '../../src/core/image-digests.generated';
import { DIGESTS_FILE, main, MANIFEST_ACCEPT, parseBearerChallenge, renderDigestsFile, resolveImages } from '../../tools/resolve-images';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

interface Logged {
  readonly method: string;
  readonly path: string;
  readonly accept?: string;
  readonly authorization?: string;
}

/**
 * A fake registry on 127.0.0.1: `manifests` answers HEAD /v2/<path>/manifests/<tag> (`<path>:<tag>` → digest, or
 * an HTTP status, or `no-header`); unknown manifests are 404. With `auth`, manifests need `Bearer token-<path>`
 * (a 401 with a challenge at /token otherwise), like docker.io, ghcr.io and gcr.io.
 */
class FakeRegistry {
  public readonly log: Logged[] = [];
  private server?: Server;

  constructor(private readonly manifests: { [image: string]: string | number }, private readonly auth: boolean) {}

  public get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  public async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  public async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: import('http').ServerResponse): void {
    const url = new URL(req.url!, this.url);
    this.log.push({ method: req.method!, path: `${url.pathname}${url.search}`, accept: req.headers.accept, authorization: req.headers.authorization });
    if (url.pathname === '/token') {
      const scope = /^repository:(.+):pull$/.exec(url.searchParams.get('scope') ?? '');
      if (!scope || url.searchParams.get('service') !== 'fake-registry') {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: `token-${scope[1]}` }));
      return;
    }
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    if (!manifest || req.method !== 'HEAD') {
      res.writeHead(404).end();
      return;
    }
    const [, path, tag] = manifest;
    if (this.auth && req.headers.authorization !== `Bearer token-${path}`) {
      res.writeHead(401, {
        'WWW-Authenticate': `Bearer realm="${this.url}/token",service="fake-registry",scope="repository:${path}:pull"`,
      }).end();
      return;
    }
    const answer = this.manifests[`${path}:${decodeURIComponent(tag)}`];
    if (answer === undefined) res.writeHead(404).end();
    else if (typeof answer === 'number') res.writeHead(answer).end();
    else if (answer === 'no-header') res.writeHead(200).end();
    else res.writeHead(200, { 'Docker-Content-Digest': answer, 'Content-Type': 'application/vnd.oci.image.index.v1+json' }).end();
  }
}

describe('tools/resolve-images', () => {
  let registries: FakeRegistry[] = [];
  const start = async (manifests: { [image: string]: string | number }, auth: boolean) => {
    const registry = await new FakeRegistry(manifests, auth).start();
    registries.push(registry);
    return registry;
  };
  afterEach(async () => {
    await Promise.all(registries.map((r) => r.stop()));
    registries = [];
  });

  test('resolves a tag through the auth challenge and an anonymous token, asking for the index or manifest list first', async () => {
    const hub = await start({ 'library/python:3.13.9-alpine3.22': digest('a') }, true);
    const { digests, failures } = await resolveImages(
      [{ repository: 'docker.io/library/python', tag: '3.13.9-alpine3.22' }], {}, { baseUrls: { 'docker.io': hub.url } });
    expect(failures).toEqual([]);
    expect(digests).toEqual({ 'docker.io/library/python:3.13.9-alpine3.22': digest('a') });
    expect(hub.log).toEqual([
      { method: 'HEAD', path: '/v2/library/python/manifests/3.13.9-alpine3.22', accept: MANIFEST_ACCEPT, authorization: undefined },
      { method: 'GET', path: '/token?service=fake-registry&scope=repository%3Alibrary%2Fpython%3Apull', accept: '*/*', authorization: undefined },
      { method: 'HEAD', path: '/v2/library/python/manifests/3.13.9-alpine3.22', accept: MANIFEST_ACCEPT, authorization: 'Bearer token-library/python' },
    ]);
    expect(MANIFEST_ACCEPT.split(', ').slice(0, 2)).toEqual(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
  });

  test('resolves every image of the table, each at its own registry (docker.io, ghcr.io, gcr.io)', async () => {
    const table = imageTable();
    const byRegistry: { [registry: string]: { [image: string]: string } } = {};
    table.forEach((image, i) => {
      const [registry, ...path] = image.repository.split('/');
      (byRegistry[registry] ??= {})[`${path.join('/')}:${image.tag}`] = `sha256:${i.toString(16).padStart(64, '0')}`;
    });
    expect(Object.keys(byRegistry).sort()).toEqual(['docker.io', 'gcr.io', 'ghcr.io']);
    const baseUrls: { [registry: string]: string } = {};
    for (const [registry, manifests] of Object.entries(byRegistry)) baseUrls[registry] = (await start(manifests, registry !== 'gcr.io')).url;
    const { digests, failures } = await resolveImages(table, {}, { baseUrls });
    expect(failures).toEqual([]);
    expect(digests).toEqual(Object.fromEntries(table.map((image, i) => [image.tagged, `sha256:${i.toString(16).padStart(64, '0')}`])));
    expect(Object.keys(digests)).toEqual(table.map((i) => i.tagged));
  });

  test('an image that fails keeps its previous digest or stays without one, and is reported; a digest of an image not asked for is dropped', async () => {
    const registry = await start({
      'ok/one:1.0': digest('b'),
      'broken/two:2.0': 500,
      'bare/three:3.0': 'no-header',
      'odd/four:4.0': 'md5:abc',
    }, true);
    const images = ['ok/one:1.0', 'missing/five:5.0', 'broken/two:2.0', 'bare/three:3.0', 'odd/four:4.0', 'missing/six:6.0'].map((i) => {
      const [path, tag] = i.split(':');
      return { repository: `registry.example.com/${path}`, tag };
    });
    const previous = {
      'registry.example.com/ok/one:1.0': digest('0'),
      'registry.example.com/missing/five:5.0': digest('5'),
      'registry.example.com/broken/two:2.0': digest('2'),
      'registry.example.com/gone/seven:7.0': digest('7'),
    };
    const { digests, failures } = await resolveImages(images, previous, { baseUrls: { 'registry.example.com': registry.url } });
    expect(digests).toEqual({
      'registry.example.com/ok/one:1.0': digest('b'),
      'registry.example.com/missing/five:5.0': digest('5'),
      'registry.example.com/broken/two:2.0': digest('2'),
    });
    const head = (path: string) => `HEAD ${registry.url}/v2/${path}`;
    expect(failures).toEqual([
      { image: 'registry.example.com/missing/five:5.0', reason: `${head('missing/five/manifests/5.0')} answered HTTP 404`, kept: digest('5') },
      { image: 'registry.example.com/broken/two:2.0', reason: `${head('broken/two/manifests/2.0')} answered HTTP 500`, kept: digest('2') },
      { image: 'registry.example.com/bare/three:3.0', reason: `${head('bare/three/manifests/3.0')} answered without a Docker-Content-Digest header`, kept: undefined },
      { image: 'registry.example.com/odd/four:4.0', reason: `${head('odd/four/manifests/4.0')} answered the digest "md5:abc", not sha256:<64 hex digits>`, kept: undefined },
      { image: 'registry.example.com/missing/six:6.0', reason: `${head('missing/six/manifests/6.0')} answered HTTP 404`, kept: undefined },
    ]);
  });

  test('an unreachable registry fails the image with the connection error and keeps its previous digest', async () => {
    const registry = await start({}, false);
    const url = registry.url;
    await registry.stop();
    registries = [];
    const { digests, failures } = await resolveImages([{ repository: 'docker.io/library/python', tag: '3.13' }],
      { 'docker.io/library/python:3.13': digest('c') }, { baseUrls: { 'docker.io': url } });
    expect(digests).toEqual({ 'docker.io/library/python:3.13': digest('c') });
    expect(failures).toEqual([{ image: 'docker.io/library/python:3.13', reason: expect.stringMatching(/^fetch failed: .*ECONNREFUSED/), kept: digest('c') }]);
  });

  test('reads the parameters of Bearer challenges, quoted or not', () => {
    expect(parseBearerChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/python:pull"'))
      .toEqual({ realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/python:pull' });
    expect(parseBearerChallenge('bearer realm=https://ghcr.io/token, service=ghcr.io')).toEqual({ realm: 'https://ghcr.io/token', service: 'ghcr.io' });
    expect(parseBearerChallenge('Basic realm="registry"')).toBeUndefined();
  });

  test('the committed digests module is what the tool writes for the digests it holds', () => {
    expect(renderDigestsFile(IMAGE_DIGESTS)).toEqual(readFileSync(DIGESTS_FILE, 'utf8'));
  });

  describe('the command line', () => {
    let tmp: string;
    beforeEach(() => {
      tmp = mkdtempSync(join(tmpdir(), 'images-'));
    });
    afterEach(() => rmSync(tmp, { recursive: true, force: true }));

    test('writes the digests of the table, reports each image, and exits 1 when one failed', async () => {
      const table = imageTable();
      const hub = await start(Object.fromEntries(table.filter((i) => i.repository.startsWith('docker.io/'))
        .map((i) => [`${i.repository.slice('docker.io/'.length)}:${i.tag}`, digest('d')])), true);
      const out = join(tmp, 'digests.ts');
      const lines: string[] = [];
      const code = await main(['--', '--base-url', `docker.io=${hub.url}`, '--base-url', 'ghcr.io=http://127.0.0.1:1', '--base-url', 'gcr.io=http://127.0.0.1:1', '--out', out],
        (line) => lines.push(line));
      expect(code).toBe(1);
      const pinned = table.filter((i) => i.repository.startsWith('docker.io/'));
      expect(readFileSync(out, 'utf8')).toBe(renderDigestsFile(Object.fromEntries(pinned.map((i) => [i.tagged, digest('d')]))));
      expect(readFileSync(out, 'utf8')).toContain(`  'docker.io/library/python:3.13.9-alpine3.22': '${digest('d')}',\n`);
      expect(lines).toContain(`resolved docker.io/library/python:3.13.9-alpine3.22 → ${digest('d')}`);
      expect(lines.filter((l) => l.startsWith('FAILED ')).map((l) => l.split(':')[0] + l.slice(l.indexOf(';'))))
        .toEqual(table.filter((i) => !i.repository.startsWith('docker.io/')).map((i) => `FAILED ${i.repository}; no digest recorded`));
      expect(lines[lines.length - 1]).toBe(`wrote ${out}: ${pinned.length} of ${table.length} images pinned, ${table.length - pinned.length} failed`);
    });

    test('fails when given an unknown argument', async () => {
      await expect(main(['--registry', 'x'])).rejects.toThrow('unknown argument "--registry": use --base-url <registry>=<url> and --out <file>');
    });
  });
});
