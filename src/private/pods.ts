import { k8s } from 'cdk8s-plus-27';
import { shortHash, stableJson } from './names';

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
  // Also bounds how late a run may start after a missed schedule (a controller outage); the Jobs' own
  // `activeDeadlineSeconds` bound how long one runs.
  timeZone: 'Etc/UTC',
  concurrencyPolicy: 'Forbid',
  startingDeadlineSeconds: 3600,
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 3,
};

/**
 * Name of a plain Job: `<prefix>-<hash>`, where the hash covers the whole rendered Job spec (pod template, image,
 * resources, environment, deadlines…) and the programs it mounts. A Job's template is immutable, so any change must
 * run a new Job under a new name; an unchanged Job re-applies as a no-op.
 */
export function hashedJobName(prefix: string, spec: k8s.JobSpec, programs: { [file: string]: string }): string {
  return `${prefix}-${jobHash(k8s.toJson_JobSpec(spec), programs)}`;
}

/** The hash `hashedJobName` appends, from a rendered Job spec and the programs its pod mounts. */
export function jobHash(renderedSpec: unknown, programs: { [file: string]: string }): string {
  return shortHash(stableJson({ spec: renderedSpec, programs }));
}

/** How long one backup run of an in-cluster database may take before it is stopped (and retried the next day). */
export const BACKUP_DEADLINE_SECONDS = 6 * 3600;

/** How long one expiry run of the bucket keeper may take. */
export const KEEPER_DEADLINE_SECONDS = 2 * 3600;
