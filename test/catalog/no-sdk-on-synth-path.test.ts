import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const SDKS = ['@aws-sdk/client-rds', '@google-cloud/sql', '@aws-sdk/client-pricing', '@google-cloud/billing'];

/**
 * Runs `script` in a fresh Node process (TypeScript through ts-node when `typescript` is set) and returns the
 * module paths in `require.cache` that belong to an `@aws-sdk/` or `@google-cloud/` package.
 */
function sdkModulesLoadedBy(script: string, typescript: boolean): string[] {
  const report = `
    const loaded = Object.keys(require.cache).filter((p) => /[\\\\/](@aws-sdk|@google-cloud)[\\\\/]/.test(p));
    process.stdout.write('\\n' + JSON.stringify({ modules: Object.keys(require.cache).length, loaded }));`;
  const args = [...(typescript ? ['-r', 'ts-node/register/transpile-only'] : []), '-e', `${script}\n${report}`];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 170000, env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  const result = JSON.parse(r.stdout.trim().split('\n').pop()!);
  expect(result.modules).toBeGreaterThan(50);
  return result.loaded;
}

/** Requires the package, synthesizes a database on every cloud backend, runs the catalog checks and the parameter mapping. */
const SYNTH = (entry: string) => `
  const lib = require('${entry}');
  const { App, Chart } = require('cdk8s');
  const app = new App();
  const aws = new Chart(app, 'aws', { namespace: 'apps' });
  lib.Profile.use(aws, new lib.AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] }));
  new lib.PortableMySQL(aws, 'Db', { name: 'orders' });
  const gcp = new Chart(app, 'gcp', { namespace: 'apps-gcp' });
  lib.Profile.use(gcp, new lib.GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1' }));
  new lib.PortableMySQL(gcp, 'Db', { name: 'orders' });
  app.synthYaml();
  const rds = require('${entry}/environments/aws/catalog/checks');
  rds.checkRdsEngineVersion('x', 'mysql', '8.4');
  rds.checkRdsInstanceClass('x', 'mysql', '8.4', 'db.m6g.large');
  require('${entry}/environments/gcp/catalog/checks').checkCloudSqlFlag('x', 'POSTGRES_16', 'work_mem', '65536');
  require('${entry}/environments/aws/parameters').rdsParameter(require('${entry}/services/database/parameters').checkParameter('postgresql', 'work_mem', '64MB'));
  require('${entry}/preflight');
  require('${entry}/cli/main');`;

describe('the cloud SDKs stay off the synth path', () => {
  jest.setTimeout(180000);

  test('requiring src/index.ts, synthesizing, running the catalog checks and requiring the preflight loads no cloud SDK', () => {
    expect(sdkModulesLoadedBy(SYNTH('./src'), true)).toEqual([]);
  });

  test('the detection sees an SDK that is loaded (the check can fail)', () => {
    const loaded = sdkModulesLoadedBy("require('./src/environments/aws/catalog/checks'); require('@aws-sdk/client-rds');", true);
    expect(loaded.some((p) => p.includes('@aws-sdk'))).toBe(true);
  });

  test('requiring the compiled lib and synthesizing loads no cloud SDK (needs `npx projen compile` first; the build does it)', () => {
    expect(existsSync(join(ROOT, 'lib', 'index.js'))).toBe(true);
    expect(sdkModulesLoadedBy(SYNTH('./lib'), false)).toEqual([]);
  });
});

describe('the Azure SDKs stay off the synth path', () => {
  jest.setTimeout(180000);

  /**
   * Runs `script` in a fresh Node process with every module request recorded, and returns the `@azure/` ones: the
   * Azure SDKs are not installed here, so the requests are what tells a lazy load from an eager one.
   */
  function azureRequestsBy(script: string): string[] {
    const record = `
      const Module = require('module');
      const requested = [];
      const load = Module._load;
      Module._load = function (request, ...rest) { if (request.startsWith('@azure/')) requested.push(request); return load.call(this, request, ...rest); };`;
    const report = '\nprocess.stdout.write(\'\\n\' + JSON.stringify(requested));';
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', `${record}\n${script}${report}`],
      { cwd: ROOT, encoding: 'utf8', timeout: 170000, env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } });
    if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  }

  test('requiring the library, synthesizing with an Azure profile and requiring the preflight requests no Azure SDK', () => {
    const arm = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod';
    expect(azureRequestsBy(`
      const lib = require('./src');
      const { App, Chart } = require('cdk8s');
      const app = new App();
      const azure = new Chart(app, 'azure', { namespace: 'apps' });
      lib.Profile.use(azure, new lib.AzureProfile({ location: 'westeurope', resourceGroupId: '${arm}',
        postgresSubnetId: '${arm}/providers/Microsoft.Network/virtualNetworks/aks/subnets/postgres',
        postgresPrivateDnsZoneId: '${arm}/providers/Microsoft.Network/privateDnsZones/prod.postgres.database.azure.com',
        cacheSubnetId: '${arm}/providers/Microsoft.Network/virtualNetworks/aks/subnets/endpoints',
        cachePrivateDnsZoneId: '${arm}/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net' }));
      new lib.PortablePostgres(azure, 'Db', { name: 'orders' });
      new lib.PortableCache(azure, 'Cache', { name: 'sessions' });
      app.synthYaml();
      require('./src/preflight');
      require('./src/environments/azure/preflight');
      require('./src/cli/main');`)).toEqual([]);
  });

  test('the recording sees an Azure SDK request (the check can fail)', () => {
    expect(azureRequestsBy(`
      const { AzureSdkClient } = require('./src/environments/azure/preflight-client');
      new AzureSdkClient().resourceGroupExists('s', 'g').catch(() => undefined);`)).toEqual(['@azure/arm-resources']);
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  test.each(SDKS)('%s is a dev dependency only', (sdk) => {
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain(sdk);
    expect(Object.keys(pkg.peerDependencies ?? {})).not.toContain(sdk);
    expect(Object.keys(pkg.optionalDependencies ?? {})).not.toContain(sdk);
    expect(pkg.bundledDependencies ?? pkg.bundleDependencies ?? []).not.toContain(sdk);
    expect(Object.keys(pkg.devDependencies ?? {})).toContain(sdk);
  });

  test('no runtime dependency pulls in any @aws-sdk or @google-cloud package', () => {
    const runtime = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), ...(pkg.bundledDependencies ?? [])];
    expect(runtime.filter((d) => /^@(aws-sdk|google-cloud)\//.test(d))).toEqual([]);
  });
});
