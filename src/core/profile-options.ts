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
   * Add a ValidatingAdmissionPolicy and its binding (`admissionregistration.k8s.io/v1`, Kubernetes 1.30+) that let
   * the binder's ServiceAccount create only the Secrets it owns, each only of its own type (RBAC cannot restrict
   * `create` by name): never a `kubernetes.io/service-account-token` Secret nor one with the
   * `kubernetes.io/service-account.name` annotation, with which it could get the token of another ServiceAccount of
   * the namespace. Its parameters are a ConfigMap `<binder>-admission` of the namespace. Set `false` on clusters
   * older than 1.30 (they do not serve the API, and applying the YAML fails), or where the ones who apply the YAML
   * may not create cluster-scoped policies; the binder's `create secrets` is then limited by RBAC alone.
   * @default true
   */
  readonly binderAdmissionPolicy?: boolean;
}

/** Guards of what a change of the YAML may do to the data once it is applied. */
export interface GuardProfileOptions {
  /**
   * Add an upgrade guard: a ValidatingAdmissionPolicy and its binding (`admissionregistration.k8s.io/v1`,
   * Kubernetes 1.30+, cluster-scoped) per kind of database object the chart writes, whose CEL compares the stored
   * object with the applied one and refuses a version downgrade, a change of major version unless the service
   * allows it (`allowMajorVersionUpgrade: true`), and a storage shrink. Synth cannot know what is deployed; the API
   * server can. Needs the right to create cluster-scoped policies; a chart without a namespace shares its policies
   * between every namespace its YAML is applied to (see docs/day-2.md).
   * @default false
   */
  readonly upgradeGuard?: boolean;
}

/**
 * Options every profile takes.
 */
export interface CommonProfileOptions extends BinderProfileOptions, GuardProfileOptions {
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
