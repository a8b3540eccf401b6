import { k8s } from 'cdk8s-plus-27';

/** Pod security context of every pod the library creates: non-root, RuntimeDefault seccomp. */
export function hardenedPodSecurityContext(uid: number): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container security context of every container the library creates (restricted Pod Security Standard). */
export function hardenedContainerSecurityContext(): k8s.SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
  };
}

/** Requests = limits (Guaranteed QoS) for a database container. */
export function guaranteedResources(cpu: number, memoryMebibytes: number): k8s.ResourceRequirements {
  const amounts = {
    cpu: k8s.Quantity.fromString(String(cpu)),
    memory: k8s.Quantity.fromString(`${memoryMebibytes}Mi`),
  };
  return { requests: amounts, limits: amounts };
}

/**
 * Scheduling policy of every CronJob the library creates: schedules in UTC, runs never overlap, a run missed by
 * more than an hour is skipped, and three finished runs of each outcome are kept.
 */
export const CRON_JOB_POLICY = {
  timeZone: 'Etc/UTC',
  concurrencyPolicy: 'Forbid',
  startingDeadlineSeconds: 3600,
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 3,
};
