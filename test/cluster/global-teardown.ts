/** Jest global teardown of the cluster suite: stops the test cluster and removes its folder. */
import type { Cluster } from './cluster';

export default async function globalTeardown(): Promise<void> {
  const cluster: Cluster | undefined = (globalThis as any).__PORTABLE_DATA_CLUSTER__;
  cluster?.stop();
}
