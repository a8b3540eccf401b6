/* The options every environment's profile takes (their profiles-file table is `COMMON_OPTIONS`). */

/**
 * How the binder runs: the Job of each service that generates credentials and fills its connection Secret at
 * deploy time.
 */
export interface BinderProfileOptions {
  /**
   * Image of the binder Job. Any image with Python 3.8+ works; point it at your registry mirror in air-gapped
   * clusters. A version tag other than `latest`, or a digest.
   * @default 'docker.io/library/python:3.13.9-alpine3.22' (from the image table, with its digest once one is recorded)
   */
  readonly binderImage?: string;
  /**
   * Re-run each binder hourly (a CronJob `<name>-rebind`), so a deleted or stale connection Secret is repaired
   * without a new deployment; a run that finds everything current writes nothing.
   * @default true
   */
  readonly binderRepair?: boolean;
  /**
   * Add a ValidatingAdmissionPolicy (Kubernetes 1.30+) that lets the binder's ServiceAccount create only the
   * Secrets it owns (RBAC cannot restrict `create` by name).
   * @default false
   */
  readonly binderAdmissionPolicy?: boolean;
}

/**
 * Options every profile takes.
 */
export interface CommonProfileOptions extends BinderProfileOptions {
  /**
   * Name of the profile, used to select it with `PORTABLE_PROFILE=<name>`.
   * @default - the environment's type (the `type` of profiles files)
   */
  readonly name?: string;
  /**
   * Labels added to every object the services create in this environment.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}
