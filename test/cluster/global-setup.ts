/**
 * Jest global setup of the cluster suite (jest.config.json): starts the test cluster once for the whole run, installs
 * every CRD pinned in schemas/crds and the platform example (./install.ts), and writes where the cluster is for the
 * test files. The cluster is stopped by the global teardown, and on exit, Ctrl-C or SIGTERM.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { Cluster, startCluster } from './cluster';
import { installCrdsAndPlatform } from './install';
import { CLUSTER_INFO_ENV } from './kube';

function log(msg: string): void {
  process.stdout.write(`test cluster: ${msg}\n`);
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  process.stdout.write('\n');
  const cluster: Cluster = await startCluster(log);
  (globalThis as any).__PORTABLE_DATA_CLUSTER__ = cluster;
  process.on('exit', () => cluster.stop());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cluster.stop();
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[signal]);
    });
  }
  try {
    const infoFile = join(cluster.dir, 'cluster.json');
    const { stop: _stop, ...info } = cluster;
    writeFileSync(infoFile, JSON.stringify(info));
    process.env[CLUSTER_INFO_ENV] = infoFile;

    installCrdsAndPlatform(info, log);
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)}s (Kubernetes ${info.kubernetes}, logs in ${join(cluster.dir, 'logs')})`);
  } catch (e) {
    cluster.stop();
    throw e;
  }
}
