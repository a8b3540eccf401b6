/**
 * A throwaway Kubernetes control plane on loopback, for the tests of test/cluster/: etcd, kube-apiserver and
 * kube-controller-manager, built from Go modules by `npx projen cluster:build` (tools/cluster/). No kubelet and no
 * scheduler: pods are created but never run, which is all the tests need (objects, admission, RBAC, status, owner
 * references and the garbage collector are the real ones).
 *
 * - Everything lives in a temporary folder: certificates (a CA, the API server's serving certificate for 127.0.0.1,
 *   client certificates for the admin and the controller manager), the service-account signing key, etcd's data and
 *   every server's log. Ports are chosen at start.
 * - The API server authorizes with Node and RBAC, runs the default admission plugins (ValidatingAdmissionPolicy among
 *   them) plus NodeRestriction, and issues service-account tokens (TokenRequest) signed with a key made at start.
 * - The controller manager runs the garbage collector and the namespace, StatefulSet, Job, CronJob, ServiceAccount
 *   (and token), root CA publisher, claim and volume protection, persistent volume binder, and ValidatingAdmissionPolicy
 *   status controllers.
 *
 * `startCluster()` resolves when the API server is ready; `stop()` kills the three servers and removes the folder.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { get } from 'http';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { BINARIES, Binary, binDir, pins } from '../../tools/cluster/pins';

/** What a test needs to reach the cluster (written to a file by the global setup, read by each test file). */
export interface ClusterInfo {
  /** The API server's URL, `https://127.0.0.1:<port>`. */
  readonly server: string;
  /** The CA that signed the API server's serving certificate (PEM file). */
  readonly caFile: string;
  /** A kubeconfig of a cluster admin (group system:masters). */
  readonly kubeconfig: string;
  /** The folder of the binaries (kubectl, xcrd). */
  readonly binDir: string;
  /** The temporary folder of the cluster (logs under `logs/`). */
  readonly dir: string;
  /** The pinned Kubernetes release. */
  readonly kubernetes: string;
}

/** A running cluster. */
export interface Cluster extends ClusterInfo {
  stop(): void;
}

const CONTROLLERS = [
  'garbage-collector-controller', 'namespace-controller', 'statefulset-controller', 'job-controller',
  'cronjob-controller', 'serviceaccount-controller', 'serviceaccount-token-controller',
  'root-ca-certificate-publisher-controller',
  // Remove the finalizer StorageObjectInUseProtection admission puts on claims and volumes, once nothing uses them.
  'persistentvolumeclaim-protection-controller', 'persistentvolume-protection-controller',
  // Binds claims to volumes made in advance and releases a volume whose claim is gone (its reclaim policy).
  'persistentvolume-binder-controller',
  // Type-checks ValidatingAdmissionPolicies' CEL expressions into their status.
  'validatingadmissionpolicy-status-controller',
];

/** A free loopback port (bound, then released: the server that gets it binds it right after). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as any).port as number;
      s.close(() => resolve(port));
    });
  });
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** A key and a certificate signed by the CA of `dir` (ca.key, ca.crt). */
function issue(dir: string, name: string, subject: string, ext: string): void {
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-subj', subject, '-out', `${name}.csr`], dir);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2',
    '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.crt`], dir);
}

function certificates(dir: string): void {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2',
    '-subj', '/CN=test-cluster-ca', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  issue(dir, 'apiserver', '/CN=kube-apiserver',
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n'
    + 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n');
  const client = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n';
  issue(dir, 'admin', '/O=system:masters/CN=test-admin', client);
  issue(dir, 'controller-manager', '/CN=system:kube-controller-manager', client);
  // The service-account issuer's signing key.
  openssl(['genrsa', '-out', 'sa.key', '2048'], dir);
  openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);
}

function kubeconfig(dir: string, user: string, server: string): string {
  const file = join(dir, `${user}.kubeconfig`);
  writeFileSync(file, JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test', cluster: { 'server': server, 'certificate-authority': join(dir, 'ca.crt') } }],
    users: [{ name: user, user: { 'client-certificate': join(dir, `${user}.crt`), 'client-key': join(dir, `${user}.key`) } }],
    contexts: [{ name: 'test', context: { cluster: 'test', user } }],
    ['current-context']: 'test',
  }));
  return file;
}

/** The binaries of the current pins; fails naming the build task when one is missing. */
export function binaries(): { [b in Binary]: string } {
  const dir = binDir();
  const missing = BINARIES.filter((b) => !existsSync(join(dir, b)));
  if (missing.length > 0) {
    throw new Error(`the test cluster's binaries are not built (${missing.join(', ')} missing in ${dir}): run \`npx projen cluster:build\``);
  }
  return Object.fromEntries(BINARIES.map((b) => [b, join(dir, b)])) as { [b in Binary]: string };
}

async function until(what: string, timeoutMs: number, check: () => boolean | Promise<boolean>, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const problem = failed();
    if (problem) throw new Error(`${what}: ${problem}`);
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts etcd, kube-apiserver and kube-controller-manager; resolves when the API server is ready. */
export async function startCluster(log: (msg: string) => void = () => {}): Promise<Cluster> {
  const bin = binaries();
  const dir = mkdtempSync(join(tmpdir(), 'portable-data-cluster-'));
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  const children: Array<{ name: string; child: ChildProcess }> = [];
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const { child } of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    if (process.env.KEEP_CLUSTER_DIR !== '1') rmSync(dir, { recursive: true, force: true });
  };
  const run = (name: string, command: string, args: string[]) => {
    const out = openSync(join(logs, `${name}.log`), 'a');
    const child = spawn(command, args, { cwd: dir, stdio: ['ignore', out, out] });
    closeSync(out);
    children.push({ name, child });
    return child;
  };
  const exited = () => {
    const dead = children.find(({ child }) => child.exitCode !== null || child.signalCode !== null);
    if (!dead) return undefined;
    const tail = readFileSync(join(logs, `${dead.name}.log`), 'utf8').split('\n').slice(-15).join('\n');
    return `${dead.name} exited (${dead.child.exitCode ?? dead.child.signalCode}); the end of its log:\n${tail}`;
  };
  try {
    let t = Date.now();
    certificates(dir);
    log(`certificates and the service-account key [${Date.now() - t} ms]`);
    const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
    const server = `https://127.0.0.1:${apiPort}`;

    t = Date.now();
    run('etcd', bin.etcd, [
      '--name', 'test', '--data-dir', join(dir, 'etcd'),
      '--listen-client-urls', `http://127.0.0.1:${etcdClient}`, '--advertise-client-urls', `http://127.0.0.1:${etcdClient}`,
      '--listen-peer-urls', `http://127.0.0.1:${etcdPeer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${etcdPeer}`,
      '--initial-cluster', `test=http://127.0.0.1:${etcdPeer}`,
      // A test cluster's data is thrown away: no fsync.
      '--unsafe-no-fsync', '--log-level', 'warn',
    ]);
    await until('etcd', 30_000, () => new Promise<boolean>((resolve) => {
      get(`http://127.0.0.1:${etcdClient}/health`, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      }).on('error', () => resolve(false));
    }), exited);
    log(`etcd on 127.0.0.1:${etcdClient} [${Date.now() - t} ms]`);

    t = Date.now();
    run('kube-apiserver', bin['kube-apiserver'], [
      '--etcd-servers', `http://127.0.0.1:${etcdClient}`,
      '--bind-address', '127.0.0.1', '--advertise-address', '127.0.0.1', '--secure-port', String(apiPort),
      '--cert-dir', join(dir, 'apiserver-certs'),
      '--tls-cert-file', join(dir, 'apiserver.crt'), '--tls-private-key-file', join(dir, 'apiserver.key'),
      '--client-ca-file', join(dir, 'ca.crt'),
      // No front proxy; set so the controller manager's delegated authentication finds the CA it looks up.
      '--requestheader-client-ca-file', join(dir, 'ca.crt'), '--requestheader-allowed-names', 'front-proxy-client',
      '--requestheader-username-headers', 'X-Remote-User', '--requestheader-group-headers', 'X-Remote-Group',
      '--requestheader-extra-headers-prefix', 'X-Remote-Extra-',
      '--authorization-mode', 'Node,RBAC',
      // The default plugins (NamespaceLifecycle, ServiceAccount, PodSecurity, ValidatingAdmissionPolicy, …) and
      // NodeRestriction.
      '--enable-admission-plugins', 'NodeRestriction',
      '--service-account-issuer', 'https://kubernetes.default.svc.cluster.local',
      '--service-account-key-file', join(dir, 'sa.pub'), '--service-account-signing-key-file', join(dir, 'sa.key'),
      '--service-cluster-ip-range', '10.96.0.0/16',
      // The advertised address is loopback, which the kubernetes Service's endpoints may not hold.
      '--endpoint-reconciler-type', 'none',
      '--profiling=false', '--v', '1',
    ]);
    const admin = kubeconfig(dir, 'admin', server);
    const ready = () => {
      try {
        return execFileSync(bin.kubectl, ['--kubeconfig', admin, 'get', '--raw', '/readyz'], { stdio: 'pipe' }).toString().trim() === 'ok';
      } catch {
        return false;
      }
    };
    await until('kube-apiserver', 90_000, ready, exited);
    log(`kube-apiserver on ${server} [${Date.now() - t} ms]`);

    t = Date.now();
    run('kube-controller-manager', bin['kube-controller-manager'], [
      '--kubeconfig', kubeconfig(dir, 'controller-manager', server),
      '--authentication-kubeconfig', join(dir, 'controller-manager.kubeconfig'),
      '--authorization-kubeconfig', join(dir, 'controller-manager.kubeconfig'),
      '--bind-address', '127.0.0.1', '--secure-port', String(await freePort()),
      '--controllers', CONTROLLERS.join(','),
      '--service-account-private-key-file', join(dir, 'sa.key'), '--root-ca-file', join(dir, 'ca.crt'),
      // Each controller runs as its own ServiceAccount of kube-system, under the RBAC the API server bootstraps for it
      // (system:controller:<name>), as kubeadm sets it up: the garbage collector may delete what it collects.
      '--use-service-account-credentials=true', '--leader-elect=false',
      // Deleted objects' dependents are collected promptly.
      '--concurrent-gc-syncs', '20',
      '--v', '1',
    ]);
    log(`kube-controller-manager started [${Date.now() - t} ms]`);
    return {
      server,
      caFile: join(dir, 'ca.crt'),
      kubeconfig: admin,
      binDir: binDir(),
      dir,
      kubernetes: pins().kubernetes,
      stop,
    };
  } catch (e) {
    stop();
    throw e;
  }
}
