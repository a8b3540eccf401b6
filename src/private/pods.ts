import { createHash, Hash } from 'crypto';
import { JsonTemplate } from './json-template';
import { shortHash, stableJson } from './names';
import * as k8s from '../imports/k8s';

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
 * resources, environment, deadlines…; its wire form, `k8s.toJson_JobSpec`) and the programs it mounts. A Job's
 * template is immutable, so any change must run a new Job under a new name; an unchanged Job re-applies as a no-op.
 */
export function hashedJobName(prefix: string, renderedSpec: unknown, programs: { readonly [file: string]: string }): string {
  return `${prefix}-${jobHash(renderedSpec, programs)}`;
}

/**
 * The hash `hashedJobName` appends, from a rendered Job spec and the programs its pod mounts: the short hash of
 * `stableJson({ spec, programs })`. The programs are the same constant object for every service, so the hash state
 * after their part (`{"programs":…,"spec":`, keys sorted) is computed once per object and copied.
 */
export function jobHash(renderedSpec: unknown, programs: { readonly [file: string]: string }): string {
  if (renderedSpec === undefined) return shortHash(stableJson({ spec: renderedSpec, programs }));
  return shortDigest(programsHash(programs).copy().update(`${stableJson(renderedSpec)}}`));
}

/** The sha256 state after `{"programs":<programs>,"spec":` (see `jobHash`), once per programs object. */
function programsHash(programs: { readonly [file: string]: string }): Hash {
  let state = PROGRAMS_HASH.get(programs);
  if (state === undefined) PROGRAMS_HASH.set(programs, state = createHash('sha256').update(`{"programs":${stableJson(programs)},"spec":`));
  return state;
}
const PROGRAMS_HASH = new WeakMap<object, Hash>();

/** A Job name's hash: the first 8 hex digits of the digest (`shortHash`'s length). */
function shortDigest(hash: Hash): string {
  return hash.digest('hex').slice(0, 8);
}

/**
 * The rendered spec of a Job that many services run with a few values of their own (its holes), and the hash
 * `hashedJobName` would give each: the spec is serialized once, and the hash state after the JSON before the first
 * hole (programs included) is computed once and copied. `render(values).hash` is `jobHash(render(values).spec,
 * programs)`.
 */
export class HashedJobTemplate<H extends string> {
  private readonly template: JsonTemplate<H>;
  private readonly headHash: Hash;
  /** The JSON after each hole (the last one closing the hashed object), encoded once. */
  private readonly tails: Buffer[];

  /**
   * @param renderedSpec the Job spec's wire form (`k8s.toJson_JobSpec`), with each hole's placeholder string
   * @param placeholders each hole's placeholder, a string that occurs exactly once in `renderedSpec`
   * @param programs the programs the pod mounts
   */
  constructor(renderedSpec: unknown, placeholders: { readonly [hole in H]: string }, programs: { readonly [file: string]: string }) {
    this.template = new JsonTemplate(renderedSpec, placeholders);
    const [head, ...tails] = this.template.pieces;
    this.headHash = programsHash(programs).copy().update(head);
    this.tails = tails.map((piece, i) => Buffer.from(i === tails.length - 1 ? `${piece}}` : piece, 'utf8'));
  }

  /**
   * The spec with the holes filled (its objects shared with the template's are frozen), and its hash: the hash
   * state after the constant head is copied, then only the holes' JSON is encoded (the constant pieces are bytes).
   */
  public render(values: { readonly [hole in H]: unknown }): { readonly spec: any; readonly hash: string } {
    const { value, holes } = this.template.fill(values);
    const hash = this.headHash.copy();
    for (let i = 0; i < holes.length; i++) hash.update(holes[i]).update(this.tails[i]);
    return { spec: value, hash: shortDigest(hash) };
  }
}

/** How long one backup run of an in-cluster database may take before it is stopped (and retried the next day). */
export const BACKUP_DEADLINE_SECONDS = 6 * 3600;

/** How long one expiry run of the bucket keeper may take. */
export const KEEPER_DEADLINE_SECONDS = 2 * 3600;

/** A container that runs one of the embedded Python programs from a ConfigMap volume. */
export interface ProgramContainerProps {
  readonly name: string;
  readonly image: string;
  /** Where the program's ConfigMap is mounted, e.g. `/binder`. */
  readonly dir: string;
  /** The program file in it, e.g. `binder.py`. */
  readonly program: string;
  /** Arguments after the program. */
  readonly args?: string[];
  /** Its environment (`PYTHONDONTWRITEBYTECODE` is added: the mount is read-only). */
  readonly env: k8s.EnvVar[];
  /** Name of the ConfigMap volume. */
  readonly volume: string;
  /** Limits, when not the default 200m CPU and 64Mi. */
  readonly limits?: { cpu: string; memory: string };
}

/** The hardened container of a deploy-time program: small requests, bounded limits, the program mounted read-only. */
export function programContainer(props: ProgramContainerProps): k8s.Container {
  const limits = props.limits ?? { cpu: '200m', memory: '64Mi' };
  return {
    name: props.name,
    image: props.image,
    command: ['python3', `${props.dir}/${props.program}`, ...(props.args ?? [])],
    env: [...props.env, { name: 'PYTHONDONTWRITEBYTECODE', value: '1' }],
    resources: {
      requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('32Mi') },
      limits: { cpu: k8s.Quantity.fromString(limits.cpu), memory: k8s.Quantity.fromString(limits.memory) },
    },
    securityContext: hardenedContainerSecurityContext(),
    volumeMounts: [{ name: props.volume, mountPath: props.dir, readOnly: true }],
  };
}
