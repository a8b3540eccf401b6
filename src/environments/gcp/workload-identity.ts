import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { IWorkloadBinder, WorkloadBindingContext } from '../../core/backend';
import { IamPolicyMember, IamServiceAccount } from '../../imports/iam.cnrm.cloud.google.com';
import { invalid } from '../../private/errors';
import { shortHash } from '../../private/names';
import { serviceAccountOf } from '../../private/service-accounts';
import { BoundWorkload } from '../../private/workload';

/** Annotation of a Kubernetes ServiceAccount naming the Google service account it acts as (GKE Workload Identity). */
export const GKE_SERVICE_ACCOUNT_ANNOTATION = 'iam.gke.io/gcp-service-account';
const PROJECT_ANNOTATION = 'cnrm.cloud.google.com/project-id';
const ID = 'PortableDataWorkloadIdentity';

/** What a workload's Google identity is granted, and on what. */
export interface WorkloadIdentityProps {
  /** The profile's project. */
  readonly projectId: string;
  /**
   * Name of the `StorageBucket` object (same namespace) the identity gets `roles/storage.objectUser` on.
   * @default - no bucket: the identity gets `roles/cloudsql.client` on the project (a Cloud SQL database)
   */
  readonly bucketObjectName?: string;
  /**
   * Labels of the bucket's grant.
   * @default - the identity's own (the Cloud SQL grant is shared by every database bound to the ServiceAccount)
   */
  readonly labels?: { [key: string]: string };
}

/** The labels of the identity's objects. */
const IDENTITY_LABELS = { 'app.kubernetes.io/managed-by': 'cdk8s-portable-data', 'app.kubernetes.io/component': 'workload-identity' };

/** The role the Cloud SQL Auth Proxy needs to connect (`cloudsql.instances.connect`, `.get`); Cloud SQL has no IAM policy per instance, so it is granted on the project. */
export const CLOUD_SQL_CLIENT_ROLE = 'roles/cloudsql.client';
/** The role a bound workload gets on a bucket: read, write and delete objects. */
export const STORAGE_OBJECT_USER_ROLE = 'roles/storage.objectUser';

/**
 * The ServiceAccount object of this name and namespace created in the app, whatever made it (cdk8s-plus of any
 * major, or a `KubeServiceAccount`): found by kind, API version, name and namespace.
 */
function serviceAccountObject(scope: IConstruct, namespace: string, name: string): ApiObject | undefined {
  return scope.node.root.node.findAll().find((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'ServiceAccount'
    && c.apiVersion === 'v1' && c.name === name && (c.metadata.namespace ?? Chart.of(c).namespace) === namespace);
}

/**
 * One Google service account per Kubernetes ServiceAccount of the chart, which the ServiceAccount acts as through
 * GKE Workload Identity: an `IAMServiceAccount`, an `IAMPolicyMember` granting the Kubernetes ServiceAccount
 * `roles/iam.workloadIdentityUser` on it, and the ServiceAccount's `iam.gke.io/gcp-service-account` annotation.
 * A Kubernetes ServiceAccount can act as one Google service account only, so every bucket bound to it grants that
 * one. Construct path: `<chart>/PortableDataWorkloadIdentity/<service account name>/…`.
 */
class GoogleServiceAccount extends Construct {
  public static of(scope: IConstruct, workload: BoundWorkload, props: WorkloadIdentityProps, what: string): GoogleServiceAccount {
    const chart = Chart.of(scope);
    const namespace = chart.namespace;
    if (namespace === undefined) {
      invalid(workload.path, {
        prop: 'chart namespace',
        value: undefined,
        allowed: 'a chart with a namespace (Workload Identity names the ServiceAccount\'s namespace)',
        fix: 'give the chart a namespace: new Chart(app, id, { namespace })',
      });
    }
    const name = serviceAccountOf(workload, `a Google service account (GKE Workload Identity) with ${what}`);
    const group = (chart.node.tryFindChild(ID) as Construct | undefined) ?? new Construct(chart, ID);
    const existing = group.node.tryFindChild(name) as GoogleServiceAccount | undefined;
    return existing ?? new GoogleServiceAccount(group, name, namespace, props.projectId, workload);
  }

  /** Name of the `IAMServiceAccount` object. */
  public readonly objectName: string;
  /** Email of the Google service account. */
  public readonly email: string;

  private constructor(scope: Construct, name: string, namespace: string, projectId: string, workload: BoundWorkload) {
    super(scope, name);
    const base = name.replace(/[^a-z0-9-]/g, '-').replace(/^[^a-z]+/, '').slice(0, 21).replace(/-+$/, '');
    const accountId = `${base || 'ksa'}-${shortHash(`${namespace}/${name}`)}`;
    this.objectName = `${name.slice(0, 40).replace(/[-.]+$/, '')}-gsa-${shortHash(name)}`;
    this.email = `${accountId}@${projectId}.iam.gserviceaccount.com`;

    const ksa = serviceAccountObject(scope, namespace, name);
    if (ksa === undefined) {
      invalid(workload.path, {
        prop: 'serviceAccount',
        value: name,
        allowed: `a ServiceAccount created in this app (it gets the annotation ${GKE_SERVICE_ACCOUNT_ANNOTATION}: ${this.email})`,
        fix: 'create the ServiceAccount in the app (new kplus.ServiceAccount(…) or a KubeServiceAccount) instead of importing it by name',
      });
    }
    const current: string | undefined = ksa.metadata.toJson().annotations?.[GKE_SERVICE_ACCOUNT_ANNOTATION];
    if (current !== undefined && current !== this.email) {
      invalid(workload.path, {
        prop: `ServiceAccount annotation ${GKE_SERVICE_ACCOUNT_ANNOTATION}`,
        value: current,
        allowed: `none or ${this.email}: a Kubernetes ServiceAccount acts as one Google service account only`,
        fix: 'remove the annotation, or bind the services from workloads with another ServiceAccount',
      });
    }
    if (current === undefined) ksa.metadata.addAnnotation(GKE_SERVICE_ACCOUNT_ANNOTATION, this.email);

    const labels = IDENTITY_LABELS;
    const annotations = { [PROJECT_ANNOTATION]: projectId };
    new IamServiceAccount(this, 'ServiceAccount', {
      metadata: { name: this.objectName, labels, annotations },
      spec: { resourceId: accountId, displayName: `${namespace}/${name}`.slice(0, 100), description: `GKE Workload Identity of ${namespace}/${name} (cdk8s-portable-data)` },
    });
    new IamPolicyMember(this, 'WorkloadIdentityUser', {
      metadata: { name: `${this.objectName}-wi`, labels, annotations },
      spec: {
        resourceRef: { kind: 'IAMServiceAccount', name: this.objectName },
        role: 'roles/iam.workloadIdentityUser',
        member: `serviceAccount:${projectId}.svc.id.goog[${namespace}/${name}]`,
      },
    });
  }

  /** Grants `roles/storage.objectUser` on the bucket, or `roles/cloudsql.client` on the project without one (once each). */
  public grant(props: WorkloadIdentityProps): void {
    const bucket = props.bucketObjectName;
    const id = bucket ?? 'CloudSqlClient';
    if (this.node.tryFindChild(id)) return;
    new IamPolicyMember(this, id, {
      metadata: {
        name: bucket === undefined ? `${this.objectName}-sql` : `${bucket.slice(0, 40)}-${shortHash(`${bucket}/${this.objectName}`)}`,
        labels: bucket === undefined ? IDENTITY_LABELS : props.labels,
        annotations: { [PROJECT_ANNOTATION]: props.projectId },
      },
      spec: {
        resourceRef: bucket === undefined ? { kind: 'Project', external: `projects/${props.projectId}` } : { kind: 'StorageBucket', name: bucket },
        role: bucket === undefined ? CLOUD_SQL_CLIENT_ROLE : STORAGE_OBJECT_USER_ROLE,
        memberFrom: { serviceAccountRef: { name: this.objectName } },
      },
    });
  }
}

/**
 * Gives each bound workload what its service needs through GKE Workload Identity: the Google service account of the
 * workload's Kubernetes ServiceAccount (created once per ServiceAccount, shared by every service bound to it) gets
 * `roles/storage.objectUser` on a bucket, or `roles/cloudsql.client` on the project for a Cloud SQL database (the
 * Auth Proxy sidecar connects as it). The application uses Google's Application Default Credentials.
 *
 * The workload must run as its own ServiceAccount created in this app (not `default`), and the chart must have a
 * namespace.
 */
export class WorkloadIdentityBinder implements IWorkloadBinder {
  constructor(private readonly props: WorkloadIdentityProps) {}

  public bindWorkload(scope: Construct, context: WorkloadBindingContext): void {
    const what = this.props.bucketObjectName === undefined
      ? `${CLOUD_SQL_CLIENT_ROLE} (the Cloud SQL Auth Proxy connects as it)`
      : `${STORAGE_OBJECT_USER_ROLE} on the bucket`;
    GoogleServiceAccount.of(scope, context.workload, this.props, what).grant(this.props);
  }
}
