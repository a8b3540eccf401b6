import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DescribeDBEngineVersionsCommand, DescribeDBInstancesCommand, DescribeOrderableDBInstanceOptionsCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { CliOverrides, main } from '../../src/cli/main';
import { RdsSource } from '../../src/environments/aws/catalog/source';
import { CloudSqlSource } from '../../src/environments/gcp/catalog/source';
import { dbInstanceYaml, manifestsDir, sqlInstanceYaml } from '../preflight/fixtures';
import { DATABASE_VERSION_ENUM, stubListClient } from '../tools/mock-apis';

const ROOT = join(__dirname, '..', '..');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const HINT = '(add --help for usage)';

/** Runs the CLI in-process; resolves to its exit code and what it wrote. */
async function run(argv: string[], overrides: CliOverrides = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, overrides);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A cloud source that fails the test if the preflight ever reaches it. */
const untouchable: CliOverrides = {
  preflight: { aws: { sourceFor: () => { throw new Error('the preflight ran'); } } },
  synth: async () => { throw new Error('the synth ran'); },
};

describe('cdk8s-portable-data (in-process)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    dir = manifestsDir({ 'app.k8s.yaml': dbInstanceYaml({ cls: 'db.r7g.large' }) });
  });

  describe('help and version: stdout, exit 0', () => {
    test('--help prints the usage and the commands', async () => {
      const r = await run(['--help']);
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(r.out).toMatch(/^Usage: cdk8s-portable-data \[options\] \[command\]\n/);
      expect(r.out).toMatch(/\n {2}plan \[options\] +print, per profile and per service/);
      expect(r.out).toMatch(/\n {2}preflight \[options\] +check the synthesized RDS, Cloud SQL and Azure Flexible\n +Server databases/);
    });

    test.each([['--version'], ['-V']])('%s prints the package version', async (flag) => {
      expect(await run([flag])).toEqual({ code: 0, out: VERSION, err: '' });
    });

    test.each([
      [['preflight', '--help'], 'preflight'],
      [['preflight', '-h', '--dir', 'does-not-exist'], 'preflight'],
      [['help', 'preflight'], 'preflight'],
      [['plan', '--help'], 'plan'],
      [['plan', '--app', 'examples/wordpress', '--help'], 'plan'],
    ])('%j prints the help of the command and runs nothing', async (argv, command) => {
      const r = await run(argv, untouchable);
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(r.out).toMatch(new RegExp(`^Usage: cdk8s-portable-data ${command} \\[options\\]\n`));
      expect(r.out).toContain('--dir <folder>');
    });
  });

  describe('usage errors: stderr, exit 2', () => {
    test.each([
      [['preflight', '--dri', 'out/aws'], "error: unknown option '--dri'\n(Did you mean --dir?)"],
      [['plan', '--formt', 'json'], "error: unknown option '--formt'\n(Did you mean --format?)"],
      [['--versoin'], "error: unknown option '--versoin'\n(Did you mean --version?)"],
      [['preflite'], "error: unknown command 'preflite'\n(Did you mean preflight?)"],
      [['deploy'], "error: unknown command 'deploy'"],
      [['preflight', '--dir'], "error: option '--dir <folder>' argument missing"],
      [['plan', '--format'], "error: option '--format <format>' argument missing"],
      [['preflight', '--profile', 'onprem'], "error: option '--profile <provider>' argument 'onprem' is invalid. Allowed choices are aws, gcp, azure, all."],
      [['plan', '--format', 'yaml'], "error: option '--format <format>' argument 'yaml' is invalid. Allowed choices are table, json, markdown."],
      [['preflight', 'dist'], "error: too many arguments for 'preflight'. Expected 0 arguments but got 1."],
      [['plan', '--app', 'examples/wordpress', '--dir', 'dist'], "error: option '--app <folder>' cannot be used with option '--dir <folder>'"],
      [['plan', '--profile', 'aws'], "error: option '--profile <name>' needs --app <folder>: a folder read with --dir is already synthesized"],
    ])('fails when %j', async (argv, message) => {
      expect(await run(argv, untouchable)).toEqual({ code: 2, out: '', err: `${message}\n${HINT}` });
    });

    test('fails without a command, printing the help on stderr', async () => {
      const r = await run([], untouchable);
      expect(r).toMatchObject({ code: 2, out: '' });
      expect(r.err).toMatch(/^Usage: cdk8s-portable-data \[options\] \[command\]\n/);
    });
  });

  describe('preflight', () => {
    const rds = mockClient(RDSClient);
    beforeEach(() => rds.reset());
    afterAll(() => rds.restore());

    test('exits 1 and prints the errors when the apply would fail', async () => {
      rds.on(DescribeDBEngineVersionsCommand).resolves({ DBEngineVersions: [{ EngineVersion: '8.4.6' }] });
      rds.on(DescribeOrderableDBInstanceOptionsCommand, { DBInstanceClass: 'db.r7g.large' }).resolves({ OrderableDBInstanceOptions: [] });
      rds.on(DescribeOrderableDBInstanceOptionsCommand, { DBInstanceClass: undefined }).resolves({ OrderableDBInstanceOptions: [{ DBInstanceClass: 'db.r6g.large' }] });
      rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
      expect(await run(['preflight', '--dir', dir, '--profile', 'aws'])).toEqual({
        code: 1,
        out: 'error   aws DBInstance/orders (app.k8s.yaml): db.r7g.large is not orderable for mysql 8.4.6 in eu-west-1; did you mean "db.r6g.large"?\n'
          + 'preflight: 1 error(s): the apply would fail',
        err: '',
      });
    });

    test('exits 0 when everything checks out, saying how many databases it checked', async () => {
      rds.on(DescribeDBEngineVersionsCommand).resolves({ DBEngineVersions: [{ EngineVersion: '8.4.6' }] });
      rds.on(DescribeOrderableDBInstanceOptionsCommand).resolves({
        OrderableDBInstanceOptions: [{ DBInstanceClass: 'db.r7g.large', StorageType: 'gp3', MinStorageSize: 20, MaxStorageSize: 65536 }],
      });
      rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
      expect(await run(['preflight', `--dir=${dir}`])).toEqual({
        code: 0,
        out: `info    aws DBInstance/orders (app.k8s.yaml): mysql 8.4.6 on db.r7g.large is orderable in eu-west-1\npreflight: ok: 1 database(s) checked in ${dir}`,
        err: '',
      });
    });

    test('gives each environment\'s preflight its own options: --region to aws, --project to gcp', async () => {
      rds.on(DescribeDBEngineVersionsCommand).resolves({ DBEngineVersions: [{ EngineVersion: '8.4.6' }] });
      rds.on(DescribeOrderableDBInstanceOptionsCommand).resolves({
        OrderableDBInstanceOptions: [{ DBInstanceClass: 'db.m6g.large', StorageType: 'gp3', MinStorageSize: 20, MaxStorageSize: 65536 }],
      });
      rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
      const regions: Array<string | undefined> = [];
      const tiersClient = stubListClient(() => ({ items: [] }));
      const flagsClient = stubListClient(() => ({ items: [] }));
      const gcpSource = new CloudSqlSource({ tiersClient, flagsClient, databaseVersionEnum: DATABASE_VERSION_ENUM });
      dir = manifestsDir({
        'a.yaml': dbInstanceYaml().replace('    services.k8s.aws/region: eu-west-1\n', ''),
        'b.yaml': sqlInstanceYaml({ project: null }),
      });
      const r = await run(['preflight', '--dir', dir, '--region', 'us-east-2', '--project', 'acme-other'], {
        preflight: {
          aws: { sourceFor: (region: string | undefined) => (regions.push(region), new RdsSource({ region })) },
          gcp: { source: gcpSource },
        },
      });
      expect(r).toEqual({
        code: 0,
        out: 'info    aws DBInstance/orders (a.yaml): mysql 8.4.6 on db.m6g.large is orderable in us-east-2\n'
          + 'info    gcp SQLInstance/orders (b.yaml): MYSQL_8_4 on db-custom-2-8192 checks out for project acme-other\n'
          + `preflight: ok: 2 database(s) checked in ${dir}`,
        err: '',
      });
      expect(regions).toEqual(['us-east-2']);
      expect(tiersClient.requests).toEqual([{ project: 'acme-other' }]);
    });

    test('fails with exit 2 when the folder does not exist (a wrong --dir never passes)', async () => {
      const missing = join(dir, 'out', 'aws');
      expect(await run(['preflight', '--dir', missing], untouchable)).toEqual({
        code: 2, out: '', err: `preflight: no folder ${missing}: synthesize first (npx cdk8s synth) or pass --dir <the synth output folder>`,
      });
    });

    test('fails with exit 2 when the folder holds no manifest', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'empty-'));
      try {
        expect(await run(['preflight', '--dir', empty], untouchable)).toEqual({
          code: 2, out: '', err: `preflight: no manifests in ${empty}: it holds no YAML file with a Kubernetes object; synthesize first (npx cdk8s synth) or pass --dir <the synth output folder>`,
        });
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });

    test('fails with exit 2 when there is nothing to check for the profile', async () => {
      expect(await run(['preflight', '--dir', dir, '--profile', 'gcp'], untouchable)).toEqual({
        code: 2,
        out: '',
        err: `preflight: nothing to check: the manifests in ${dir} hold no Config Connector SQLInstance; synthesize with a GCP profile first (PORTABLE_PROFILE=<its name> npx cdk8s synth)`,
      });
    });

    test('fails with exit 2 and an install instruction when the SDK is missing', async () => {
      const missing = () => {
        throw Object.assign(new Error("Cannot find module '@aws-sdk/client-rds'"), { code: 'MODULE_NOT_FOUND' });
      };
      expect(await run(['preflight', '--dir', dir], { preflight: { aws: { sourceFor: (region: string | undefined) => new RdsSource({ region, load: missing }) } } })).toEqual({
        code: 2,
        out: '',
        err: 'preflight: reading the RDS APIs needs @aws-sdk/client-rds, which is not installed: install it with `npm install --save-dev @aws-sdk/client-rds` '
          + '(a dev-time tool: cdk8s-portable-data never depends on the cloud SDKs)',
      });
    });

    test('fails with exit 2 when the AWS credentials are refused', async () => {
      rds.on(DescribeDBEngineVersionsCommand).rejects(Object.assign(new Error('The security token included in the request is invalid.'), { name: 'InvalidClientTokenId' }));
      expect(await run(['preflight', '--dir', dir])).toEqual({
        code: 2,
        out: '',
        err: 'preflight: the AWS credentials were refused (invalid or expired): refresh them (`aws sso login`) or set AWS_PROFILE, or AWS_ACCESS_KEY_ID and '
          + 'AWS_SECRET_ACCESS_KEY, to valid credentials (InvalidClientTokenId: The security token included in the request is invalid.)',
      });
    });

    test('fails with exit 2 when the AWS identity may not read the RDS API', async () => {
      rds.on(DescribeDBEngineVersionsCommand).rejects(Object.assign(new Error('User: arn:aws:iam::123456789012:user/ci is not authorized'), { name: 'AccessDenied' }));
      expect(await run(['preflight', '--dir', dir])).toEqual({
        code: 2,
        out: '',
        err: 'preflight: the AWS identity is not allowed to read the RDS API: allow it rds:Describe* (AccessDenied: User: arn:aws:iam::123456789012:user/ci is not authorized)',
      });
    });

    test('fails with exit 2 when the Google Cloud identity may not read the Cloud SQL Admin API', async () => {
      dir = manifestsDir({ 'db.yaml': sqlInstanceYaml() });
      const denied = { list: async () => { throw Object.assign(new Error('7 PERMISSION_DENIED: Not authorized'), { code: 7 }); } };
      expect(await run(['preflight', '--dir', dir], { preflight: { gcp: { source: new CloudSqlSource({ tiersClient: denied, databaseVersionEnum: DATABASE_VERSION_ENUM }) } } })).toEqual({
        code: 2,
        out: '',
        err: 'preflight: the Google Cloud identity is not allowed to read the Cloud SQL Admin API: enable sqladmin.googleapis.com in the project '
          + 'and grant the identity a role that reads Cloud SQL, e.g. roles/cloudsql.viewer (7 PERMISSION_DENIED: Not authorized)',
      });
    });
  });

  describe('plan', () => {
    test('fails with exit 2 when the folder does not exist', async () => {
      const missing = join(dir, 'dist');
      expect(await run(['plan', '--dir', missing], untouchable)).toEqual({
        code: 2, out: '', err: `plan: no folder ${missing}: synthesize first (npx cdk8s synth) or pass --dir <the synth output folder>`,
      });
    });

    test('fails with exit 2 when the folder holds no manifest', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'empty-'));
      try {
        expect(await run(['plan', '--dir', empty], untouchable)).toEqual({
          code: 2, out: '', err: `plan: no manifests in ${empty}: it holds no YAML file with a Kubernetes object; synthesize first (npx cdk8s synth) or pass --dir <the synth output folder>`,
        });
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });

    test('fails with exit 2 when --app is not a cdk8s app folder', async () => {
      expect(await run(['plan', '--app', dir], untouchable)).toEqual({
        code: 2, out: '', err: `plan: no cdk8s app in ${dir}: it has no cdk8s.yaml; pass --app <the folder of the cdk8s app>, or --dir <a synth output folder>`,
      });
    });

    test('--app synthesizes once per --profile, in order, into a fresh folder each', async () => {
      writeFileSync(join(dir, 'cdk8s.yaml'), 'app: node main.js\n');
      const calls: Array<[string, string | undefined]> = [];
      const synth = async (app: string, profile: string | undefined, out: string) => {
        calls.push([app, profile]);
        writeFileSync(join(out, 'app.k8s.yaml'), profile === 'aws' ? dbInstanceYaml() : sqlInstanceYaml());
      };
      const r = await run(['plan', '--app', dir, '--profile', 'aws', '--profile', 'gcp', '--format', 'json'], { synth });
      expect(r.code).toBe(0);
      // Progress on stderr, each profile as it starts and ends.
      expect(r.err.replace(/ in \d+\.\d s$/gm, '')).toBe('plan: synthesizing aws (1/2)\nplan: aws: ok\nplan: synthesizing gcp (2/2)\nplan: gcp: ok');
      expect(calls).toEqual([[dir, 'aws'], [dir, 'gcp']]);
      const json = JSON.parse(r.out);
      expect(json.profiles.map((p: any) => [p.profile, p.source, p.otherObjects.map((o: any) => o.kind)])).toEqual([
        ['aws', dir, ['DBInstance']],
        ['gcp', dir, ['SQLInstance']],
      ]);
    });

    test('fails with exit 1 and the synth\'s error, after the profile that names it, when the app does not synthesize', async () => {
      writeFileSync(join(dir, 'cdk8s.yaml'), 'app: node main.js\n');
      const synth = async () => { throw new Error(`npx cdk8s synth failed in ${dir} with PORTABLE_PROFILE=azure:\nError: unknown profile "azure"`); };
      const r = await run(['plan', '--app', dir, '--profile', 'azure'], { synth });
      expect({ ...r, err: r.err.replace(/ in \d+\.\d s$/m, '') }).toEqual({
        code: 1,
        out: '',
        err: `plan: synthesizing azure (1/1)\nplan: azure: 1 error(s)\nplan: azure: npx cdk8s synth failed in ${dir} with PORTABLE_PROFILE=azure:\nError: unknown profile "azure"`,
      });
    });
  });
});

/** The real bin through Node (TypeScript with ts-node), with cloud credentials taken out of the environment. */
function bin(args: string[], env: { [name: string]: string } = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AWS_|GOOGLE_|GCLOUD_|CLOUDSDK_)/.test(k))) as { [name: string]: string };
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...clean, NODE_NO_WARNINGS: '1', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/cdk8s-portable-data (a real process)', () => {
  jest.setTimeout(120_000);
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('--help prints on stdout and exits 0', () => {
    dir = manifestsDir({});
    const r = bin(['--help']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: cdk8s-portable-data \[options\] \[command\]\n/);
  });

  test('a typo in an option fails with a suggestion on stderr and exit 2, and checks nothing', () => {
    dir = manifestsDir({});
    expect(bin(['preflight', '--dri', 'out/aws'])).toEqual({ status: 2, stdout: '', stderr: `error: unknown option '--dri'\n(Did you mean --dir?)\n${HINT}\n` });
  });

  test('fails with exit 2 when there are no AWS credentials', () => {
    dir = manifestsDir({ 'app.k8s.yaml': dbInstanceYaml() });
    const r = bin(['preflight', '--dir', dir, '--profile', 'aws'], {
      AWS_CONFIG_FILE: join(dir, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'), AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: 'preflight: no AWS credentials: set AWS_PROFILE (or run `aws sso login`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, '
        + 'for an identity allowed rds:Describe* (Could not load credentials from any providers)\n',
    });
  });

  test('fails with exit 2 (never "checks out") when there are no Google Cloud credentials', () => {
    dir = manifestsDir({ 'app.k8s.yaml': sqlInstanceYaml() });
    // A custom tier and no flags: every check is local, so only the credentials can fail the run.
    const r = bin(['preflight', '--dir', dir, '--profile', 'gcp'], { HOME: dir, METADATA_SERVER_DETECTION: 'none' });
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: 'preflight: no Google Cloud credentials: run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS to a key of an '
        + 'identity allowed cloudsql.instances.list (Could not load the default credentials. Browse to '
        + 'https://cloud.google.com/docs/authentication/getting-started for more information.)\n',
    });
  });

  test('fails with exit 2 when GOOGLE_APPLICATION_CREDENTIALS names a missing key file', () => {
    dir = manifestsDir({ 'app.k8s.yaml': sqlInstanceYaml() });
    const key = join(dir, 'key.json');
    const r = bin(['preflight', '--dir', dir], { GOOGLE_APPLICATION_CREDENTIALS: key });
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: 'preflight: the Google Cloud credentials are unusable (a missing or invalid key file, or revoked credentials): run '
        + '`gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS to a valid key file '
        + `(The file at ${key} does not exist, or it is not a file. ENOENT: no such file or directory, lstat '${key}')\n`,
    });
  });

  test('plan --app synthesizes the app for the profile, with its progress on stderr', () => {
    dir = manifestsDir({});
    const r = bin(['plan', '--app', 'examples/wordpress', '--profile', 'aws', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^plan: synthesizing aws \(1\/1\)\nplan: aws: ok in \d+\.\d s\n$/);
    const [aws] = JSON.parse(r.stdout).profiles;
    expect(aws).toMatchObject({ profile: 'aws', source: 'examples/wordpress' });
    expect(aws.services.map((s: any) => [s.service, s.backend, s.objects.map((o: any) => o.kind)])).toEqual([['wordpress-db', 'aws-ack', ['DBParameterGroup', 'DBInstance', 'Job', 'CronJob']]]);
  });

  test('plan --format json prints the plan on stdout', () => {
    dir = manifestsDir({ 'app.k8s.yaml': dbInstanceYaml() });
    const r = bin(['plan', '--dir', dir, '--format', 'json']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(r.stdout).profiles).toEqual([expect.objectContaining({ profile: null, source: dir, services: [] })]);
  });
});
