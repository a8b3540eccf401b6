/**
 * Pins the image table (src/core/images.ts) by digest: asks each image's registry, through the Docker Registry HTTP
 * API v2, which manifest its tag names now, and writes the answers to src/core/image-digests.generated.ts.
 *
 * - `HEAD /v2/<repository>/manifests/<tag>` accepting the multi-platform forms first (OCI image index, Docker
 *   manifest list), then the single-platform ones; the digest is the `Docker-Content-Digest` header.
 * - A `401` with a `WWW-Authenticate: Bearer realm=…,service=…,scope=…` challenge is answered with an anonymous
 *   token from the realm (docker.io: auth.docker.io; ghcr.io and gcr.io: their own token endpoints), then asked again.
 * - An image that fails (unreachable, an error status, no or a malformed digest) keeps the digest recorded before,
 *   or stays without one, and is reported; a digest is written only as a registry answered it. Images no longer in
 *   the table lose their digests.
 *
 * `npx projen images:resolve [-- --base-url <registry>=<url> …] [--out <file>]`; exits 1 when an image failed (the
 * file is written all the same). `--base-url` points a registry (e.g. `docker.io`) at another endpoint (tests).
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { imageTable } from '../src/core/environment';
import { IMAGE_DIGESTS } from '../src/core/image-digests.generated';
import '../src/environments';

/** What the resolver asks for: the image table's entries. */
export interface ImageToResolve {
  /** With its registry, e.g. `docker.io/library/python`. */
  readonly repository: string;
  readonly tag: string;
}

/** Options of `resolveImages`. */
export interface ResolveOptions {
  /** Endpoint of a registry by its name in the repository (`docker.io` → `https://registry-1.docker.io`). */
  readonly baseUrls?: { readonly [registry: string]: string };
  /** Per request. @default 15000 */
  readonly timeoutMs?: number;
}

/** An image the registry did not resolve, and the digest it keeps. */
export interface ResolveFailure {
  /** `<repository>:<tag>` */
  readonly image: string;
  readonly reason: string;
  /** The digest recorded before, kept; undefined: the image stays without one. */
  readonly kept?: string;
}

/** The digests to record (`<repository>:<tag>` → digest) and the images that failed. */
export interface ResolveResult {
  readonly digests: { [image: string]: string };
  readonly failures: ResolveFailure[];
}

/** Multi-platform forms first, so a tag's digest is that of its index (what `docker pull` resolves too). */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** Registries whose API is not at their own name. */
const API_HOSTS: { [registry: string]: string } = { 'docker.io': 'registry-1.docker.io' };

/** The registry and the repository path within it. */
function split(repository: string): { registry: string; path: string } {
  const slash = repository.indexOf('/');
  return { registry: repository.slice(0, slash), path: repository.slice(slash + 1) };
}

/** The parameters of a `Bearer` challenge, or undefined for another scheme. */
export function parseBearerChallenge(header: string): { [param: string]: string } | undefined {
  const match = /^\s*Bearer\s+(.*)$/i.exec(header);
  if (!match) return undefined;
  const params: { [param: string]: string } = {};
  for (const [, key, quoted, bare] of match[1].matchAll(/([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g)) {
    params[key.toLowerCase()] = quoted ?? bare;
  }
  return params;
}

async function request(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  return fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
}

/** An anonymous pull token for the challenge. */
async function token(challenge: string, path: string, timeoutMs: number): Promise<string> {
  const params = parseBearerChallenge(challenge);
  if (!params?.realm) throw new Error(`unsupported authentication challenge "${challenge}"`);
  const url = new URL(params.realm);
  if (params.service) url.searchParams.set('service', params.service);
  url.searchParams.set('scope', params.scope ?? `repository:${path}:pull`);
  const res = await request(url.toString(), { method: 'GET' }, timeoutMs);
  if (!res.ok) throw new Error(`token endpoint ${url.origin}${url.pathname} answered HTTP ${res.status}`);
  const body = await res.json() as { token?: unknown; access_token?: unknown };
  const value = body.token ?? body.access_token;
  if (typeof value !== 'string' || value === '') throw new Error(`token endpoint ${url.origin}${url.pathname} returned no token`);
  return value;
}

/** The digest the registry gives for the image's tag; throws with the reason otherwise. */
export async function resolveDigest(image: ImageToResolve, options: ResolveOptions = {}): Promise<string> {
  const { registry, path } = split(image.repository);
  const base = (options.baseUrls?.[registry] ?? `https://${API_HOSTS[registry] ?? registry}`).replace(/\/+$/, '');
  const url = `${base}/v2/${path}/manifests/${encodeURIComponent(image.tag)}`;
  const timeoutMs = options.timeoutMs ?? 15000;
  const headers: { [name: string]: string } = { Accept: MANIFEST_ACCEPT };
  let res = await request(url, { method: 'HEAD', headers }, timeoutMs);
  if (res.status === 401) {
    const challenge = res.headers.get('www-authenticate');
    if (!challenge) throw new Error('HTTP 401 without an authentication challenge');
    headers.Authorization = `Bearer ${await token(challenge, path, timeoutMs)}`;
    res = await request(url, { method: 'HEAD', headers }, timeoutMs);
  }
  if (res.status !== 200) throw new Error(`HEAD ${url} answered HTTP ${res.status}`);
  const digest = res.headers.get('docker-content-digest');
  if (digest === null) throw new Error(`HEAD ${url} answered without a Docker-Content-Digest header`);
  if (!DIGEST.test(digest)) throw new Error(`HEAD ${url} answered the digest "${digest}", not sha256:<64 hex digits>`);
  return digest;
}

/**
 * Resolves each image; an image that fails keeps its `previous` digest (or none) and is reported. The digests come
 * in the order of `images`; previous digests of images not in `images` are dropped.
 */
export async function resolveImages(images: readonly ImageToResolve[], previous: { readonly [image: string]: string },
  options: ResolveOptions = {}): Promise<ResolveResult> {
  const digests: { [image: string]: string } = {};
  const failures: ResolveFailure[] = [];
  for (const image of images) {
    const key = `${image.repository}:${image.tag}`;
    try {
      digests[key] = await resolveDigest(image, options);
    } catch (e) {
      const kept = Object.prototype.hasOwnProperty.call(previous, key) ? previous[key] : undefined;
      if (kept !== undefined) digests[key] = kept;
      failures.push({ image: key, reason: reasonOf(e), kept });
    }
  }
  return { digests, failures };
}

/** An error's message with its cause's (fetch reports the connection error as the cause). */
function reasonOf(e: unknown): string {
  // Duck-typed: fetch's errors may come from another realm than this module's `Error`.
  const message = (x: unknown) => (typeof (x as { message?: unknown })?.message === 'string' ? (x as { message: string }).message : undefined);
  const own = message(e) ?? String(e);
  const cause = message((e as { cause?: unknown })?.cause);
  return cause === undefined ? own : `${own}: ${cause}`;
}

/** The generated module of recorded digests. */
export function renderDigestsFile(digests: { readonly [image: string]: string }): string {
  const entries = Object.entries(digests);
  return [
    '// Generated by `npx projen images:resolve` (tools/resolve-images.ts): the digest each image of the table',
    '// (src/core/images.ts) resolved to in its registry, keyed by `<repository>:<tag>`. Do not edit by hand.',
    ...(entries.length === 0 ? ['// Empty: no digest has been resolved yet (resolving needs the registries).'] : []),
    '',
    '/** The recorded digest of each image, by `<repository>:<tag>`. */',
    'export const IMAGE_DIGESTS: { readonly [image: string]: string } = {',
    ...entries.map(([image, digest]) => `  '${image}': '${digest}',`),
    '};',
    '',
  ].join('\n');
}

/** The default output: the module the image table reads. */
export const DIGESTS_FILE = join(__dirname, '..', 'src', 'core', 'image-digests.generated.ts');

/** The command line; returns the exit code (1 when an image failed). */
export async function main(argv: string[], log: (line: string) => void = console.error): Promise<number> {
  const baseUrls: { [registry: string]: string } = {};
  let out = DIGESTS_FILE;
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--') continue; // what `npx projen images:resolve -- …` passes on
    if (argv[i] === '--base-url' && value?.includes('=')) {
      baseUrls[value.slice(0, value.indexOf('='))] = value.slice(value.indexOf('=') + 1);
      i++;
    } else if (argv[i] === '--out' && value !== undefined) {
      out = value;
      i++;
    } else {
      throw new Error(`unknown argument "${argv[i]}": use --base-url <registry>=<url> and --out <file>`);
    }
  }
  const images = imageTable();
  const { digests, failures } = await resolveImages(images, IMAGE_DIGESTS, { baseUrls });
  writeFileSync(out, renderDigestsFile(digests));
  for (const image of images) {
    const key = image.tagged;
    const failure = failures.find((f) => f.image === key);
    if (!failure) log(`resolved ${key} → ${digests[key]}`);
    else log(`FAILED ${key}: ${failure.reason}; ${failure.kept ? `kept ${failure.kept}` : 'no digest recorded'}`);
  }
  log(`wrote ${out}: ${Object.keys(digests).length} of ${images.length} images pinned, ${failures.length} failed`);
  return failures.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    console.error(`images:resolve failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
