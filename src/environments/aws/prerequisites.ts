import { apiGroupOf, PrerequisiteRules } from '../../core/prerequisites';

/** The ACK controller of each AWS service this environment's objects use. */
const ACK_CONTROLLERS: { [service: string]: string } = { rds: 'RDS', s3: 'S3', iam: 'IAM', eks: 'EKS', elasticache: 'ElastiCache', mq: 'MQ' };

/**
 * What the AWS environment's objects need: ACK controllers, and the subnet groups, subnets, security groups and cluster
 * they name.
 */
export const AWS_PREREQUISITES: PrerequisiteRules = {
  groups: [
    {
      group: '*.services.k8s.aws',
      requirement: (g) => {
        const service = g.split('.')[0];
        return `ACK ${ACK_CONTROLLERS[service] ?? service} controller`;
      },
    },
  ],
  inspect: (o, { add }) => {
    const group = apiGroupOf(o.apiVersion);
    const region = o.metadata?.annotations?.['services.k8s.aws/region'];
    const inRegion = region ? ` in ${region}` : '';
    if (group === 'rds.services.k8s.aws' && o.kind === 'DBInstance') {
      if (o.spec?.dbSubnetGroupName) add('cloud', `DB subnet group ${o.spec.dbSubnetGroupName}${inRegion}`);
      for (const sg of o.spec?.vpcSecurityGroupIDs ?? []) add('cloud', `security group ${sg}${inRegion}`);
    } else if (group === 'elasticache.services.k8s.aws' && o.kind === 'ReplicationGroup') {
      if (o.spec?.cacheSubnetGroupName) add('cloud', `ElastiCache subnet group ${o.spec.cacheSubnetGroupName}${inRegion}`);
      for (const sg of o.spec?.securityGroupIDs ?? []) add('cloud', `security group ${sg}${inRegion}`);
    } else if (group === 'mq.services.k8s.aws' && o.kind === 'Broker') {
      for (const subnet of o.spec?.subnetIDs ?? []) add('cloud', `subnet ${subnet}${inRegion}`);
      for (const sg of o.spec?.securityGroups ?? []) add('cloud', `security group ${sg}${inRegion}`);
    } else if (group === 'eks.services.k8s.aws' && o.kind === 'PodIdentityAssociation') {
      add('cloud', `EKS cluster ${o.spec?.clusterName} with the EKS Pod Identity Agent add-on${inRegion}`);
    }
  },
};
