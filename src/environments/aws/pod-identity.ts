import { Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { IWorkloadBinder, WorkloadBindingContext } from '../../core/backend';
import { PodIdentityAssociation } from '../../imports/eks.services.k8s.aws';
import { Role, RoleSpecPolicyRefs } from '../../imports/iam.services.k8s.aws';
import { invalid } from '../../private/errors';
import { shortHash } from '../../private/names';
import { serviceAccountOf } from '../../private/service-accounts';

/** ACK annotation that selects the region of a resource. */
const ACK_REGION_ANNOTATION = 'services.k8s.aws/region';
/** IAM's default quota of managed policies attached to a role. */
const MAX_POLICIES_PER_ROLE = 10;
const ID = 'PortableDataPodIdentity';

/**
 * Trust policy of the roles: EKS Pod Identity (`pods.eks.amazonaws.com`) assumes them and tags the session
 * (EKS user guide, "Create an IAM role for EKS Pod Identity").
 */
export const POD_IDENTITY_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Principal: { Service: 'pods.eks.amazonaws.com' },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
  }],
});

/** What the workload binder needs from the profile. */
export interface PodIdentityProps {
  /** The profile's region. */
  readonly region: string;
  /** The profile's name prefix for IAM role names. */
  readonly namePrefix: string;
  /** The EKS cluster of the workloads, when the profile names it. */
  readonly clusterName?: string;
  /** Name of the ACK `Policy` object (same namespace) that grants access to the bucket. */
  readonly policyObjectName: string;
  /** The bucket, for error messages. */
  readonly bucketName: string;
}

/**
 * One IAM role per ServiceAccount of the chart (with its EKS Pod Identity association), holding the access
 * policies of every bucket bound to workloads that run as that ServiceAccount: EKS allows one association per
 * ServiceAccount, so buckets share the role instead of each having one. Construct path:
 * `<chart>/PortableDataPodIdentity/<service account name>/{Role,PodIdentityAssociation}`.
 */
class ServiceAccountRole extends Construct {
  public static of(scope: IConstruct, serviceAccount: string, props: PodIdentityProps, namespace: string): ServiceAccountRole {
    const chart = Chart.of(scope);
    const group = (chart.node.tryFindChild(ID) as Construct | undefined) ?? new Construct(chart, ID);
    return (group.node.tryFindChild(serviceAccount) as ServiceAccountRole | undefined)
      ?? new ServiceAccountRole(group, serviceAccount, props, namespace, props.clusterName!);
  }

  private readonly policies: string[] = [];

  private constructor(scope: Construct, serviceAccount: string, props: PodIdentityProps, namespace: string, clusterName: string) {
    super(scope, serviceAccount);
    const objectName = `${serviceAccount.slice(0, 40).replace(/[-.]+$/, '')}-s3-${shortHash(serviceAccount)}`;
    const roleName = `${props.namePrefix}${namespace}-${serviceAccount}`.slice(0, 55).replace(/[-.]+$/, '');
    const labels = { 'app.kubernetes.io/managed-by': 'cdk8s-portable-data', 'app.kubernetes.io/component': 'pod-identity' };
    const annotations = { [ACK_REGION_ANNOTATION]: props.region };
    new Role(this, 'Role', {
      metadata: { name: objectName, labels, annotations },
      spec: {
        name: `${roleName}-${shortHash(`${props.namePrefix}\u0000${namespace}\u0000${serviceAccount}`)}`,
        description: `EKS Pod Identity role of ServiceAccount ${namespace}/${serviceAccount} (cdk8s-portable-data)`,
        assumeRolePolicyDocument: POD_IDENTITY_TRUST_POLICY,
        policyRefs: Lazy.any({ produce: () => [...this.policies].sort().map((name) => ({ from: { name } })) }) as unknown as RoleSpecPolicyRefs[],
      },
    });
    new PodIdentityAssociation(this, 'PodIdentityAssociation', {
      metadata: { name: objectName, labels, annotations },
      spec: { clusterName, namespace, serviceAccount, roleRef: { from: { name: objectName } } },
    });
  }

  /** Attaches a bucket's policy (once). */
  public attach(scope: IConstruct | string, props: PodIdentityProps): void {
    if (this.policies.includes(props.policyObjectName)) return;
    if (this.policies.length >= MAX_POLICIES_PER_ROLE) {
      invalid(scope, {
        prop: 'bound buckets of one ServiceAccount',
        value: `${this.node.id}: ${this.policies.length + 1} buckets`,
        allowed: `at most ${MAX_POLICIES_PER_ROLE} buckets per ServiceAccount (IAM's default quota of managed policies per role)`,
        fix: 'give some workloads their own ServiceAccount',
      });
    }
    this.policies.push(props.policyObjectName);
  }
}

/**
 * Gives each workload bound to an S3 bucket access to it through EKS Pod Identity: the role of the workload's
 * ServiceAccount (created once per ServiceAccount) gets the bucket's access policy, and an ACK
 * `PodIdentityAssociation` ties the role to the ServiceAccount in the profile's EKS cluster. The application uses
 * its AWS SDK's default credential chain (the EKS Pod Identity Agent serves the credentials; its webhook mounts
 * its own projected token, so `automountServiceAccountToken` may stay off).
 *
 * The workload must run as its own ServiceAccount (not `default`, which every pod of the namespace uses), and the
 * chart must have a namespace (the association names it).
 */
export class PodIdentityBinder implements IWorkloadBinder {
  constructor(private readonly props: PodIdentityProps) {}

  public bindWorkload(scope: Construct, context: WorkloadBindingContext): void {
    const workload = context.workload;
    if (this.props.clusterName === undefined) {
      invalid(workload.path, {
        prop: 'aws profile option eksClusterName',
        value: undefined,
        allowed: `the name of the EKS cluster, to bind workloads to bucket ${this.props.bucketName} with EKS Pod Identity`,
        fix: 'set eksClusterName in new AwsProfile()',
      });
    }
    const namespace = Chart.of(scope).namespace;
    if (namespace === undefined) {
      invalid(workload.path, {
        prop: 'chart namespace',
        value: undefined,
        allowed: 'a chart with a namespace (the EKS Pod Identity association names the ServiceAccount\'s namespace)',
        fix: 'give the chart a namespace: new Chart(app, id, { namespace })',
      });
    }
    const serviceAccount = serviceAccountOf(workload, 'an EKS Pod Identity association with access to the bucket');
    ServiceAccountRole.of(scope, serviceAccount, this.props, namespace).attach(workload.path, this.props);
  }
}
