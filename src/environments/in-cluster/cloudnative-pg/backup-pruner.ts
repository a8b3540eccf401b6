import { Construct } from 'constructs';
import * as k8s from '../../../imports/k8s';
import { CRON_JOB_POLICY, programContainer, hardenedPodSecurityContext } from '../../../private/pods';
import { KUBE_PY, PRUNER_PY } from '../../../programs/embedded.generated';

/**
 * Properties of a `BackupPruner`.
 */
export interface BackupPrunerProps {
  /** Name of the pruner's objects (ServiceAccount, Role, RoleBinding, CronJob). */
  readonly name: string;
  /** Name of the ScheduledBackup whose backups are expired. */
  readonly scheduledBackupName: string;
  /** Backups older than this many days are deleted. */
  readonly retentionDays: number;
  /** When the pruner runs: a 5-field cron schedule in UTC. */
  readonly schedule: string;
  /** Labels of the objects and the pod. */
  readonly labels: { [key: string]: string };
  /** An image with Python 3.8+ (the binder's). */
  readonly image: string;
}

/**
 * Expires the backups of a CloudNativePG ScheduledBackup: a daily CronJob, with a ServiceAccount allowed only to
 * list and delete `backups.postgresql.cnpg.io` in its namespace, runs `src/programs/pruner.py` (mounted with `kube.py` from a ConfigMap of the same name).
 */
export class BackupPruner extends Construct {
  constructor(scope: Construct, id: string, props: BackupPrunerProps) {
    super(scope, id);
    const metadata = { name: props.name, labels: props.labels };
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata, automountServiceAccountToken: false });
    new k8s.KubeRole(this, 'Role', {
      metadata,
      // RBAC cannot narrow `list` by name or label; the script only touches the ScheduledBackup's own backups.
      rules: [{ apiGroups: ['postgresql.cnpg.io'], resources: ['backups'], verbs: ['list', 'delete'] }],
    });
    new k8s.KubeConfigMap(this, 'Program', { metadata, data: { 'pruner.py': PRUNER_PY, 'kube.py': KUBE_PY } });
    new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: props.name },
      subjects: [{ kind: 'ServiceAccount', name: props.name }],
    });
    new k8s.KubeCronJob(this, 'CronJob', {
      metadata,
      spec: {
        schedule: props.schedule,
        ...CRON_JOB_POLICY,
        jobTemplate: {
          metadata: { labels: props.labels },
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: 600,
            template: {
              metadata: { labels: props.labels },
              spec: {
                serviceAccountName: props.name,
                automountServiceAccountToken: true,
                restartPolicy: 'OnFailure',
                enableServiceLinks: false,
                securityContext: hardenedPodSecurityContext(65532),
                containers: [programContainer({
                  name: 'pruner',
                  image: props.image,
                  dir: '/program',
                  program: 'pruner.py',
                  env: [
                    { name: 'SCHEDULED_BACKUP', value: props.scheduledBackupName },
                    { name: 'RETENTION_DAYS', value: String(props.retentionDays) },
                    { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  ],
                  volume: 'program',
                })],
                volumes: [{ name: 'program', configMap: { name: props.name } }],
              },
            },
          },
        },
      },
    });
  }
}
