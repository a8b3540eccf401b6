/**
 * Loads the cloud SDKs on demand. They are dev-time tools (catalog refresh, opt-in preflight): never dependencies
 * of the library, never loaded on the synth path. Every SDK is required inside a function, by a name held in a
 * variable, so nothing bundles or resolves it before it is needed.
 */

/** Loads a module by name (`require`); injectable so tests can simulate a missing SDK. */
export type ModuleLoader = (name: string) => unknown;

/** The default loader: Node's `require`, at call time. */
export const requireModule: ModuleLoader = (name: string) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(name);
};

/**
 * Loads `name` with `load`, turning "module not found" into an instruction to install it.
 * @param purpose what needs the module, e.g. `the AWS preflight`
 */
export function loadSdk<T>(name: string, purpose: string, load: ModuleLoader = requireModule): T {
  try {
    return load(name) as T;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err?.code === 'MODULE_NOT_FOUND' && String(err.message).includes(name)) {
      throw new Error(`${purpose} needs ${name}, which is not installed: install it with \`npm install --save-dev ${name}\` `
        + '(a dev-time tool: cdk8s-portable-data never depends on the cloud SDKs)');
    }
    throw e;
  }
}
