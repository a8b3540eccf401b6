import { execFile } from 'child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative, sep } from 'path';

/** A commit of the app's repository, checked out into a temporary folder (`plan --diff-ref`). */
export interface RefCheckout {
  /** The ref as given. */
  readonly ref: string;
  /** The commit it names (full hash). */
  readonly commit: string;
  /** The app's folder in the checkout. */
  readonly appDir: string;
  /** The `node_modules` folders of the working tree linked into the checkout, as paths relative to the repository. */
  readonly linkedNodeModules: string[];
  /** Removes the checkout and its worktree entry. */
  remove(): Promise<void>;
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(String(stderr).trim() || error.message));
      else resolve(String(stdout).trim());
    });
  });
}

/**
 * Checks out `ref` of the git repository that holds `appDir` into a temporary folder (`git worktree add --detach`:
 * the files of that commit, nothing of the working tree), and links the working tree's `node_modules` folders
 * between the app folder and the repository's top into it, so the app at the ref runs with the dependencies
 * installed now. Fails naming the folder when it is in no git repository, the ref when it names no commit, and the
 * app folder when it did not exist at that commit.
 */
export async function checkoutRef(appDir: string, ref: string): Promise<RefCheckout> {
  let top: string;
  try {
    top = realpathSync(await git(appDir, ['rev-parse', '--show-toplevel']));
  } catch (e) {
    throw new Error(`${appDir} is not in a git repository (${(e as Error).message.split('\n')[0]}): --diff-ref compares the app with a commit of its repository; compare two synth outputs with --diff <folder> instead`);
  }
  let commit: string;
  try {
    commit = await git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new Error(`${ref} names no commit of ${top}: pass a branch, tag or commit (e.g. main, v1.2.0, HEAD~1); fetch it first if it is only on a remote`);
  }
  const rel = relative(top, realpathSync(appDir));
  const root = mkdtempSync(join(tmpdir(), 'cdk8s-portable-data-ref-'));
  const checkout = join(root, 'checkout');
  const remove = async () => {
    await git(top, ['worktree', 'remove', '--force', checkout]).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    await git(top, ['worktree', 'prune']).catch(() => undefined);
  };
  try {
    await git(top, ['worktree', 'add', '--detach', '--quiet', checkout, commit]);
    const oldApp = join(checkout, rel);
    if (!existsSync(join(oldApp, 'cdk8s.yaml'))) {
      throw new Error(`${rel === '' ? 'the repository\'s top' : rel} has no cdk8s.yaml at ${ref} (${commit.slice(0, 12)}): the app did not exist there; pick a ref where it did`);
    }
    const linked: string[] = [];
    // From the app folder up to the repository's top: each node_modules of the working tree the checkout lacks.
    for (let dir = rel; ; dir = dirname(dir)) {
      const d = dir === '.' ? '' : dir;
      const from = join(top, d, 'node_modules');
      const to = join(checkout, d, 'node_modules');
      if (existsSync(from) && !existsSync(to) && existsSync(join(checkout, d))) {
        symlinkSync(from, to, 'dir');
        linked.push(d === '' ? 'node_modules' : `${d.split(sep).join('/')}/node_modules`);
      }
      if (d === '') break;
    }
    return { ref, commit, appDir: oldApp, linkedNodeModules: linked, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}
