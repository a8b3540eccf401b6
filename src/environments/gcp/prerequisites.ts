import { apiGroupOf, PrerequisiteRules } from '../../core/prerequisites';

/** The Google API each Config Connector group this environment's objects use calls. */
const APIS: { [group: string]: string } = {
  sql: 'Cloud SQL Admin API (sqladmin.googleapis.com)',
  storage: 'Cloud Storage API (storage.googleapis.com)',
  iam: 'IAM API (iam.googleapis.com)',
};

/** What the GCP environment's objects need: Config Connector, the project's APIs, the network, Workload Identity. */
export const GCP_PREREQUISITES: PrerequisiteRules = {
  groups: [{ group: '*.cnrm.cloud.google.com', requirement: () => 'Config Connector' }],
  inspect: (o, { add }) => {
    const group = apiGroupOf(o.apiVersion);
    if (!group.endsWith('.cnrm.cloud.google.com')) return;
    const project = o.metadata?.annotations?.['cnrm.cloud.google.com/project-id'];
    const where = project ? `project ${project}` : 'the namespace\'s project';
    const api = APIS[group.split('.')[0]];
    if (api) add('cloud', `${api} enabled in ${where}`);
    const network = o.spec?.settings?.ipConfiguration?.privateNetworkRef?.external;
    const unmanaged = o.metadata?.annotations?.['cnrm.cloud.google.com/unmanaged'];
    // Older Config Connectors refuse to reconcile an SQLInstance that lists a settings field as unmanaged.
    if (o.kind === 'SQLInstance' && unmanaged !== undefined) add('cluster', `Config Connector 1.139 or later (cnrm.cloud.google.com/unmanaged: ${unmanaged})`);
    if (o.kind === 'SQLInstance' && network) add('cloud', `VPC network ${network} with private services access (Cloud SQL private IP)`);
    if (o.kind === 'IAMPolicyMember' && /\.svc\.id\.goog\[/.test(o.spec?.member ?? '')) {
      add('cloud', `GKE Workload Identity on the cluster (workload pool ${String(o.spec.member).replace(/^serviceAccount:/, '').replace(/\[.*$/, '')})`);
    }
  },
};
