/**
 * Runs the real bucket keeper script (python3) against an in-process fake S3 server that checks every request's
 * AWS Signature Version 4 with an independent implementation (node:crypto), so the keeper's signing, its requests
 * and its lifecycle semantics are proven without a real server.
 */
import { spawn } from 'child_process';
import { createHash, createHmac } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { KEEPER_PY, KUBE_PY } from '../../src/programs/embedded.generated';

jest.setTimeout(60_000);

const ACCESS = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const REGION = 'us-east-1';
const BUCKET = 'uploads-0a1b2c3d';
const DAY = 24 * 3600 * 1000;

interface Version { key: string; versionId: string; modified: Date; deleteMarker?: boolean }

class FakeS3 {
  public exists = false;
  public versioning?: string;
  public lifecycle?: string | null;
  public versions: Version[] = []; // newest last
  public readonly calls: string[] = [];
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [code, body] = this.serve(req, Buffer.concat(chunks));
      res.writeHead(code, { 'Content-Type': 'application/xml' });
      res.end(body);
    });
  });

  public async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private serve(req: http.IncomingMessage, body: Buffer): [number, string] {
    const url = new URL(req.url!, 'http://x');
    const query = [...url.searchParams.keys()].sort().join(',');
    this.calls.push(`${req.method} ${url.pathname}${query ? '?' + query : ''}`);
    if (!this.signatureOk(req, url, body)) return [403, '<Error><Code>SignatureDoesNotMatch</Code></Error>'];
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (bucket !== BUCKET) return [404, '<Error><Code>NoSuchBucket</Code></Error>'];
    if (req.method === 'PUT' && !key && !query) { this.exists = true; return [200, '']; }
    if (!this.exists) return [404, '<Error><Code>NoSuchBucket</Code></Error>'];
    if (req.method === 'HEAD') return [200, ''];
    if (req.method === 'PUT' && query === 'versioning') { this.versioning = /<Status>(\w+)<\/Status>/.exec(body.toString())![1]; return [200, '']; }
    if (req.method === 'PUT' && query === 'lifecycle') {
      if (req.headers['content-md5'] !== createHash('md5').update(body).digest('base64')) return [400, '<Error><Code>BadDigest</Code></Error>'];
      this.lifecycle = body.toString();
      return [200, ''];
    }
    if (req.method === 'DELETE' && query === 'lifecycle') { this.lifecycle = null; return [204, '']; }
    if (req.method === 'GET' && query === 'list-type') return [200, this.listObjects()];
    if (req.method === 'GET' && query === 'versions') return [200, this.listVersions()];
    if (req.method === 'DELETE' && key && query === 'versionId') {
      this.versions = this.versions.filter((v) => !(v.key === key && v.versionId === url.searchParams.get('versionId')));
      return [204, ''];
    }
    if (req.method === 'DELETE' && key) {
      this.versions.push({ key, versionId: `dm-${this.versions.length}`, modified: new Date(), deleteMarker: true });
      return [204, ''];
    }
    return [400, '<Error><Code>NotImplemented</Code></Error>'];
  }

  private latest(): Version[] {
    const byKey = new Map<string, Version>();
    for (const v of this.versions) byKey.set(v.key, v);
    return [...byKey.values()].filter((v) => !v.deleteMarker).sort((a, b) => a.key.localeCompare(b.key));
  }

  private listObjects(): string {
    const contents = this.latest().map((v) => `<Contents><Key>${v.key}</Key><LastModified>${v.modified.toISOString()}</LastModified></Contents>`);
    return `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>false</IsTruncated>${contents.join('')}</ListBucketResult>`;
  }

  private listVersions(): string {
    const keys = [...new Set(this.versions.map((v) => v.key))].sort();
    const items = keys.flatMap((key) => {
      const vs = this.versions.filter((v) => v.key === key).reverse(); // newest first
      return vs.map((v, i) => {
        const tag = v.deleteMarker ? 'DeleteMarker' : 'Version';
        return `<${tag}><Key>${key}</Key><VersionId>${v.versionId}</VersionId><IsLatest>${i === 0}</IsLatest><LastModified>${v.modified.toISOString()}</LastModified></${tag}>`;
      });
    });
    return `<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>false</IsTruncated>${items.join('')}</ListVersionsResult>`;
  }

  /** AWS Signature Version 4, computed independently of the keeper. */
  private signatureOk(req: http.IncomingMessage, url: URL, body: Buffer): boolean {
    const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization));
    if (!auth || auth[1] !== ACCESS || auth[3] !== REGION) return false;
    const payloadHash = createHash('sha256').update(body).digest('hex');
    if (req.headers['x-amz-content-sha256'] !== payloadHash) return false;
    const signed = auth[4].split(';');
    if (!signed.includes('host') || !signed.includes('x-amz-date')) return false;
    const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const canonicalQuery = [...url.searchParams.entries()].map(([k, v]) => `${enc(k)}=${enc(v)}`).sort().join('&');
    const canonical = [req.method, url.pathname, canonicalQuery, signed.map((h) => `${h}:${String(req.headers[h]).trim()}\n`).join(''), auth[4], payloadHash].join('\n');
    const amzDate = String(req.headers['x-amz-date']);
    const scope = `${auth[2]}/${REGION}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
    let k: Buffer = createHmac('sha256', `AWS4${SECRET}`).update(auth[2]).digest();
    for (const part of [REGION, 's3', 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
    return createHmac('sha256', k).update(toSign).digest('hex') === auth[5];
  }
}

let s3: FakeS3;
let endpoint: string;
let script: string;

beforeAll(() => {
  script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keeper-')), 'keeper.py');
  fs.writeFileSync(script, KEEPER_PY);
  fs.writeFileSync(path.join(path.dirname(script), 'kube.py'), KUBE_PY);
});
beforeEach(async () => {
  s3 = new FakeS3();
  endpoint = await s3.start();
});
afterEach(() => s3.close());

function keeper(mode: string, spec: any, env: { [k: string]: string } = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('python3', [script, mode], {
      env: {
        PATH: process.env.PATH,
        KEEPER_SPEC: JSON.stringify(spec),
        S3_ENDPOINT: endpoint,
        S3_REGION: REGION,
        S3_BUCKET: BUCKET,
        AWS_ACCESS_KEY_ID: ACCESS,
        AWS_SECRET_ACCESS_KEY: SECRET,
        POLL_SECONDS: '0.05',
        PYTHONDONTWRITEBYTECODE: '1',
        ...env,
      },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('bucket keeper', () => {
  test('setup creates the bucket and enables versioning, with requests the server verifies (SigV4)', async () => {
    const r = await keeper('setup', { create: true, versioned: true });
    expect(r).toEqual({ code: 0, output: expect.stringMatching(/created bucket uploads-0a1b2c3d[\s\S]*versioning Enabled/) });
    expect(s3.exists).toBe(true);
    expect(s3.versioning).toBe('Enabled');
    expect(s3.calls).toEqual([`HEAD /${BUCKET}`, `PUT /${BUCKET}`, `PUT /${BUCKET}?versioning`]);
    // Idempotent: an existing bucket is not created again.
    await keeper('setup', { create: true, versioned: false });
    expect(s3.calls.slice(3)).toEqual([`HEAD /${BUCKET}`, `PUT /${BUCKET}?versioning`]);
    expect(s3.versioning).toBe('Suspended');
  });

  test('setup with server-side lifecycle puts the rules with a Content-MD5, and deletes them when there are none', async () => {
    s3.exists = true;
    expect((await keeper('setup', { create: false, versioned: true, lifecycle: { expirationDays: 30, noncurrentDays: 7, abortIncompleteUploadDays: 7 } })).code).toBe(0);
    expect(s3.lifecycle).toContain('<Expiration><Days>30</Days></Expiration>');
    expect(s3.lifecycle).toContain('<NoncurrentVersionExpiration><NoncurrentDays>7</NoncurrentDays></NoncurrentVersionExpiration>');
    expect(s3.lifecycle).toContain('<AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload>');
    expect((await keeper('setup', { create: false, versioned: true, lifecycle: {} })).code).toBe(0);
    expect(s3.lifecycle).toBeNull();
  });

  test('setup fails when the bucket is missing and must not be created (claimed buckets)', async () => {
    const r = await keeper('setup', { create: false, versioned: true });
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/bucket-keeper: error: bucket uploads-0a1b2c3d does not exist/);
  });

  test('setup fails with the server\'s answer when the keys are wrong', async () => {
    const r = await keeper('setup', { create: true, versioned: true, timeoutSeconds: 0.3 }, { AWS_SECRET_ACCESS_KEY: 'wrong' });
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/bucket-keeper: error: the S3 server did not answer: HEAD bucket: HTTP 403/);
  });

  test('expire deletes current objects past the expiration and noncurrent versions past their noncurrent days', async () => {
    s3.exists = true;
    const ago = (days: number) => new Date(Date.now() - days * DAY);
    s3.versions = [
      { key: 'old.txt', versionId: 'v1', modified: ago(100) },
      { key: 'new.txt', versionId: 'v2', modified: ago(1) },
      { key: 'doc.txt', versionId: 'v3', modified: ago(50) }, // noncurrent for 40 days
      { key: 'doc.txt', versionId: 'v4', modified: ago(40) }, // noncurrent for 2 days
      { key: 'doc.txt', versionId: 'v5', modified: ago(2) },
    ];
    const r = await keeper('expire', { expirationDays: 90, noncurrentDays: 30 });
    expect(r).toEqual({ code: 0, output: expect.stringMatching(/expired 2 objects and versions/) });
    expect(s3.calls).toContain(`DELETE /${BUCKET}/old.txt`);
    expect(s3.calls.filter((c) => c.startsWith('DELETE'))).toEqual([`DELETE /${BUCKET}/old.txt`, `DELETE /${BUCKET}/doc.txt?versionId`]);
    expect(s3.versions.map((v) => v.versionId)).toEqual(['v1', 'v2', 'v4', 'v5', 'dm-5']);
  });
});
