/**
 * An in-process fake of the few Kubernetes API endpoints the binder uses, for tests that run the real binder
 * script against it:
 *
 * - core v1 Secrets in a namespace: GET one, POST (409 when it exists), PATCH with
 *   `application/merge-patch+json` (RFC 7386; `stringData` is folded into base64 `data`, as the API server does);
 * - GET of any other namespaced object (`/apis/<group>/<version>/namespaces/<ns>/<resource>/<name>`, or a core one
 *   such as a ConfigMap under `/api/v1/namespaces/<ns>/<resource>/<name>`) from an in-memory map whose entries are functions of how often the object was read, so an object or one of its status
 *   fields can appear after a few polls.
 *
 * - POST of a PersistentVolumeClaim (`/api/v1/namespaces/<ns>/persistentvolumeclaims`, 409 when it exists), stored
 *   in `objects` under its path;
 * - ConfigMaps in `configMaps` (by `<namespace>/<name>`): GET and merge PATCH (the binder's state ConfigMap);
 * - DELETE of a Secret, honouring `preconditions.resourceVersion` (409 Conflict), and merge PATCH honouring a
 *   `metadata.resourceVersion` in the patch (409 Conflict when it is not the stored one), as the API server does;
 * - injected faults (`fault`): an HTTP status (500, 429, …) or a dropped connection for chosen requests;
 * - watches of one object (`GET <collection>?watch=1&fieldSelector=metadata.name=<name>`): the object as an `ADDED`
 *   event when it exists, then a `MODIFIED` event each time a Secret or ConfigMap of that name is written, or a test
 *   calls `changed(path)` for another object; the stream stays open until the fake closes (`refuseWatches` answers
 *   them 405 instead, as a server or proxy without watches would). Watches are recorded with their query, and
 *   are not counted by `fault`'s index.
 *
 * Every request must carry `Authorization: Bearer <token>` (401 otherwise); errors are `Status` objects with the
 * API server's codes and reasons. Requests are recorded so tests can count reads and writes.
 */
import * as http from 'http';
import { AddressInfo } from 'net';

/** One request the fake received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** The query string, without `?` (empty when none). */
  readonly query?: string;
}

/** A custom object's value as a function of how many times it has been read (including this read). */
export type ObjectSource = (reads: number) => any | undefined;

/** The fake API. Create with `FakeKubeApi.start()`, stop with `close()`. */
export class FakeKubeApi {
  /** Starts a fake API on 127.0.0.1 with a random port. */
  public static async start(token: string): Promise<FakeKubeApi> {
    const api = new FakeKubeApi(token);
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  /** Every request, in order. */
  public readonly requests: RecordedRequest[] = [];
  /** Secrets by `<namespace>/<name>`, as the API server stores them (base64 `data`). */
  public readonly secrets = new Map<string, any>();
  /** Other objects by their path (`/apis/<group>/<version>/namespaces/<ns>/<resource>/<name>`, `/api/v1/…`). */
  public readonly objects = new Map<string, ObjectSource>();
  /** Called before each request is served (after it is recorded); tests use it to change state after N polls. */
  public onRequest?: (req: RecordedRequest) => void;
  /** Requests for which this returns true are answered 403 Forbidden. */
  public forbid?: (req: RecordedRequest) => boolean;
  /** A fault for the request with this 0-based index: a status to answer, or 'drop' to close the connection. */
  public fault?: (req: RecordedRequest, index: number) => number | 'drop' | undefined;
  /** ConfigMaps by `<namespace>/<name>`. */
  public readonly configMaps = new Map<string, any>();
  /** Answer watches 405 Method Not Allowed. */
  public refuseWatches = false;

  private readonly server: http.Server;
  private revision = 100;
  private callCount = 0;
  private readonly watchers = new Map<string, http.ServerResponse[]>();

  private constructor(private readonly token: string) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        if (url.searchParams.get('watch') === '1') {
          this.serveWatch(req, res, url);
          return;
        }
        const index = this.callCount++;
        const injected = this.fault?.({ method: req.method ?? 'GET', path: url.pathname }, index);
        if (injected === 'drop') {
          this.requests.push({ method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://x').pathname });
          req.socket.destroy();
          return;
        }
        if (typeof injected === 'number') {
          this.requests.push({ method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://x').pathname });
          const [c, b] = status(injected, injected === 429 ? 'TooManyRequests' : 'InternalError', `injected ${injected}`);
          res.writeHead(c, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(b));
          return;
        }
        const [code, body] = this.serve(req, Buffer.concat(chunks).toString('utf8'));
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
  }

  /** Base URL for `KUBERNETES_API_URL`. */
  public get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The requests that are not watches, in order. */
  public calls(): RecordedRequest[] {
    return this.requests.filter((r) => !(r.query ?? '').includes('watch=1'));
  }

  /** The watches requested, as `<collection path>?<query>`. */
  public watches(): string[] {
    return this.requests.filter((r) => (r.query ?? '').includes('watch=1')).map((r) => `${r.path}?${r.query}`);
  }

  /** Sends a `MODIFIED` event with the object's current value to the watchers of an object's path. */
  public changed(objectPath: string): void {
    const obj = this.current(objectPath);
    if (obj !== undefined) this.emit(objectPath, 'MODIFIED', obj);
  }

  /** Stops the server. */
  public async close(): Promise<void> {
    for (const list of this.watchers.values()) for (const res of list) res.end();
    this.watchers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Path of a core Secret. */
  public secretPath(namespace: string, name: string): string {
    return `/api/v1/namespaces/${namespace}/secrets/${name}`;
  }

  /** Stores a Secret directly (as a user would have created it), with plain-text values. */
  public putSecret(namespace: string, name: string, values: { [key: string]: string }, type = 'Opaque', labels?: { [key: string]: string }): void {
    this.secrets.set(`${namespace}/${name}`, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace, resourceVersion: String(++this.revision), ...(labels ? { labels } : {}) },
      type,
      data: encode(values),
    });
    this.changed(this.secretPath(namespace, name));
  }

  /** A stored Secret's values, decoded; undefined when it does not exist. */
  public secretValues(namespace: string, name: string): { [key: string]: string } | undefined {
    const s = this.secrets.get(`${namespace}/${name}`);
    if (!s) return undefined;
    const out: { [key: string]: string } = {};
    for (const [k, v] of Object.entries(s.data ?? {})) out[k] = Buffer.from(v as string, 'base64').toString('utf8');
    return out;
  }

  /** The requests that are not reads. */
  public writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  /** How many times a path was requested with a method. */
  public count(method: string, path: string): number {
    return this.requests.filter((r) => r.method === method && r.path === path).length;
  }

  private current(objectPath: string): any {
    const secret = /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/]+)$/.exec(objectPath);
    if (secret) return this.secrets.get(`${secret[1]}/${secret[2]}`);
    const cm = /^\/api\/v1\/namespaces\/([^/]+)\/configmaps\/([^/]+)$/.exec(objectPath);
    if (cm && this.configMaps.has(`${cm[1]}/${cm[2]}`)) return this.configMaps.get(`${cm[1]}/${cm[2]}`);
    return this.objects.get(objectPath)?.(0);
  }

  private emit(objectPath: string, type: string, obj: any): void {
    for (const res of this.watchers.get(objectPath) ?? []) res.write(JSON.stringify({ type, object: obj }) + '\n');
  }

  private serveWatch(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    this.requests.push({ method: 'GET', path: url.pathname, query: url.search.slice(1) });
    const name = /^metadata\.name=(.+)$/.exec(url.searchParams.get('fieldSelector') ?? '')?.[1];
    const reply = (code: number, reason: string, message: string) => {
      const [c, b] = status(code, reason, message);
      res.writeHead(c, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(b));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) return reply(401, 'Unauthorized', 'Unauthorized');
    if (this.refuseWatches) return reply(405, 'MethodNotAllowed', 'watch is not allowed');
    if (this.forbid?.({ method: 'GET', path: url.pathname, query: url.search.slice(1) })) return reply(403, 'Forbidden', `cannot watch ${url.pathname}`);
    if (name === undefined) return reply(400, 'BadRequest', 'the fake watches one object: fieldSelector=metadata.name=<name>');
    const objectPath = `${url.pathname}/${name}`;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const list = this.watchers.get(objectPath) ?? [];
    list.push(res);
    this.watchers.set(objectPath, list);
    res.on('close', () => this.watchers.set(objectPath, (this.watchers.get(objectPath) ?? []).filter((r) => r !== res)));
    const obj = this.current(objectPath);
    if (obj !== undefined) res.write(JSON.stringify({ type: 'ADDED', object: obj }) + '\n');
    else res.write('');
  }

  private serve(req: http.IncomingMessage, raw: string): [number, any] {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const rec = { method, path, ...(url.search ? { query: url.search.slice(1) } : {}) };
    this.requests.push(rec);
    if (req.headers.authorization !== `Bearer ${this.token}`) return status(401, 'Unauthorized', 'Unauthorized');
    this.onRequest?.(rec);
    if (this.forbid?.(rec)) {
      return status(403, 'Forbidden', `${path} is forbidden: User "system:serviceaccount:test:binder" cannot ${method.toLowerCase()} it`);
    }
    let body: any;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return status(400, 'BadRequest', 'the body of the request was not valid JSON');
      }
    }
    const cm = /^\/api\/v1\/namespaces\/([^/]+)\/configmaps\/([^/]+)$/.exec(path);
    if (cm && this.configMaps.has(`${cm[1]}/${cm[2]}`)) return this.serveConfigMap(method, `${cm[1]}/${cm[2]}`, req.headers['content-type'], body);
    const secret = /^\/api\/v1\/namespaces\/([^/]+)\/secrets(?:\/([^/]+))?$/.exec(path);
    if (secret) return this.serveSecret(method, secret[1], secret[2], req.headers['content-type'], body);
    const custom = /^\/(?:apis\/[^/]+\/[^/]+|api\/v1)\/namespaces\/[^/]+\/([^/]+)\/([^/]+)$/.exec(path);
    if (custom && method === 'GET') {
      const source = this.objects.get(path);
      const obj = source?.(this.count('GET', path));
      return obj === undefined ? status(404, 'NotFound', `${custom[1]} "${custom[2]}" not found`) : [200, obj];
    }
    const collection = /^\/api\/v1\/namespaces\/([^/]+)\/(persistentvolumeclaims)$/.exec(path);
    if (collection && method === 'POST') {
      const n = body?.metadata?.name;
      if (!n) return status(422, 'Invalid', `${collection[2]} "" is invalid: metadata.name: Required value`);
      const at = `${path}/${n}`;
      if (this.objects.get(at)?.(0) !== undefined) return status(409, 'AlreadyExists', `${collection[2]} "${n}" already exists`);
      const stored = { ...body, metadata: { ...body.metadata, namespace: collection[1], resourceVersion: String(++this.revision) } };
      this.objects.set(at, () => stored);
      return [201, stored];
    }
    return status(404, 'NotFound', 'the server could not find the requested resource');
  }

  /** Stores a ConfigMap directly. */
  public putConfigMap(namespace: string, name: string, data: { [key: string]: string }): void {
    this.configMaps.set(`${namespace}/${name}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, resourceVersion: String(++this.revision) }, data });
  }

  private serveConfigMap(method: string, key: string, contentType: string | undefined, body: any): [number, any] {
    const cm = this.configMaps.get(key);
    if (method === 'GET') return [200, cm];
    if (method === 'PATCH') {
      if (contentType !== 'application/merge-patch+json') return status(415, 'UnsupportedMediaType', `unsupported patch type ${contentType}`);
      const patched = mergePatch(cm, body);
      patched.metadata.resourceVersion = String(++this.revision);
      this.configMaps.set(key, patched);
      this.emit(`/api/v1/namespaces/${key.replace('/', '/configmaps/')}`, 'MODIFIED', patched);
      return [200, patched];
    }
    return status(405, 'MethodNotAllowed', `method ${method} not allowed on a ConfigMap`);
  }

  private serveSecret(method: string, ns: string, name: string | undefined, contentType: string | undefined, body: any): [number, any] {
    const key = `${ns}/${name}`;
    if (method === 'GET' && name) {
      const s = this.secrets.get(key);
      return s ? [200, s] : status(404, 'NotFound', `secrets "${name}" not found`);
    }
    if (method === 'POST' && !name) {
      if (contentType !== 'application/json') return status(415, 'UnsupportedMediaType', `unsupported content type ${contentType}`);
      const n = body?.metadata?.name;
      if (!n) return status(422, 'Invalid', 'Secret "" is invalid: metadata.name: Required value');
      if (body.metadata.namespace && body.metadata.namespace !== ns) {
        return status(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      }
      if (this.secrets.has(`${ns}/${n}`)) return status(409, 'AlreadyExists', `secrets "${n}" already exists`);
      const stored = fold({ ...body, metadata: { ...body.metadata, namespace: ns, resourceVersion: String(++this.revision) } });
      this.secrets.set(`${ns}/${n}`, stored);
      this.emit(this.secretPath(ns, n), 'ADDED', stored);
      return [201, stored];
    }
    if (method === 'PATCH' && name) {
      if (contentType !== 'application/merge-patch+json') return status(415, 'UnsupportedMediaType', `unsupported patch type ${contentType}`);
      const s = this.secrets.get(key);
      if (!s) return status(404, 'NotFound', `secrets "${name}" not found`);
      const expected = body?.metadata?.resourceVersion;
      if (expected !== undefined && expected !== s.metadata.resourceVersion) {
        return status(409, 'Conflict', `Operation cannot be fulfilled on secrets "${name}": the object has been modified; please apply your changes to the latest version and try again`);
      }
      const patched = fold(mergePatch(s, body));
      if (patched.type !== s.type) return status(422, 'Invalid', `Secret "${name}" is invalid: type: Invalid value: field is immutable`);
      patched.metadata.resourceVersion = String(++this.revision);
      this.secrets.set(key, patched);
      this.emit(this.secretPath(ns, name), 'MODIFIED', patched);
      return [200, patched];
    }
    if (method === 'DELETE' && name) {
      const s = this.secrets.get(key);
      if (!s) return status(404, 'NotFound', `secrets "${name}" not found`);
      const rv = body?.preconditions?.resourceVersion;
      if (rv !== undefined && rv !== s.metadata.resourceVersion) {
        return status(409, 'Conflict', `Operation cannot be fulfilled on secrets "${name}": the ResourceVersion in the precondition (${rv}) does not match the ResourceVersion in record (${s.metadata.resourceVersion})`);
      }
      this.secrets.delete(key);
      this.emit(this.secretPath(ns, name), 'DELETED', s);
      return [200, { kind: 'Status', apiVersion: 'v1', status: 'Success' }];
    }
    return status(405, 'MethodNotAllowed', `method ${method} not allowed on ${name ? 'a Secret' : 'the Secret collection'}`);
  }
}

function status(code: number, reason: string, message: string): [number, any] {
  return [code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }];
}

function encode(values: { [key: string]: string }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(values)) out[k] = Buffer.from(v, 'utf8').toString('base64');
  return out;
}

/** Folds write-only `stringData` into `data`, as the API server does. */
function fold(secret: any): any {
  const { stringData, ...rest } = secret;
  return { ...rest, type: rest.type ?? 'Opaque', data: { ...(rest.data ?? {}), ...encode(stringData ?? {}) } };
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: any, patch: any): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: any = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
