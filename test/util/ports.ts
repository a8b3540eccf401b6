/** Loopback ports for the real servers the program suites start. */
import * as net from 'net';

/** `n` distinct free ports on 127.0.0.1 (all held open until all are known). */
export async function freePorts(n: number): Promise<number[]> {
  const open = () => new Promise<net.Server>((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => resolve(srv));
    srv.on('error', reject);
  });
  const held: net.Server[] = [];
  for (let i = 0; i < n; i++) held.push(await open());
  const ports = held.map((srv) => (srv.address() as net.AddressInfo).port);
  await Promise.all(held.map((srv) => new Promise((r) => srv.close(r))));
  return ports;
}

/** A free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
export function listening(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/**
 * Waits until `what` accepts connections on 127.0.0.1:`port`, trying every `intervalMs`; fails with the server's log
 * after `timeoutMs`, or as soon as `alive()` says the server has exited.
 */
export async function waitForPort(port: number, what: string, log: () => string, options: {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  readonly alive?: () => boolean;
} = {}): Promise<void> {
  const until = Date.now() + (options.timeoutMs ?? 60_000);
  const alive = options.alive ?? (() => true);
  while (Date.now() < until && alive()) {
    if (await listening(port)) return;
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 200));
  }
  throw new Error(`${what} did not start on 127.0.0.1:${port}: ${log()}`);
}
