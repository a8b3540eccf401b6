/**
 * Regenerates src/imports from the pinned CRD files in schemas/crds (offline): `npx projen import`.
 *
 * `cdk8s import` writes one module per API group and keeps only the first CRD of a file list,
 * so the CRDs of one group are concatenated into one multi-document file and imported together.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** CRD files (relative to schemas/crds) whose types the backends build with, by API group. */
export const IMPORTED_CRDS: Record<string, string[]> = {
  'rds.services.k8s.aws': ['ack/rds.services.k8s.aws_dbinstances.yaml', 'ack/rds.services.k8s.aws_dbparametergroups.yaml'],
  's3.services.k8s.aws': ['ack/s3.services.k8s.aws_buckets.yaml'],
  'iam.services.k8s.aws': ['ack/iam.services.k8s.aws_roles.yaml', 'ack/iam.services.k8s.aws_policies.yaml'],
  'eks.services.k8s.aws': ['ack/eks.services.k8s.aws_podidentityassociations.yaml'],
  'sql.cnrm.cloud.google.com': [
    'config-connector/sql.cnrm.cloud.google.com_sqlinstances.yaml',
    'config-connector/sql.cnrm.cloud.google.com_sqldatabases.yaml',
    'config-connector/sql.cnrm.cloud.google.com_sqlusers.yaml',
  ],
  'storage.cnrm.cloud.google.com': ['config-connector/storage.cnrm.cloud.google.com_storagebuckets.yaml'],
  'iam.cnrm.cloud.google.com': [
    'config-connector/iam.cnrm.cloud.google.com_iamserviceaccounts.yaml',
    'config-connector/iam.cnrm.cloud.google.com_iampolicymembers.yaml',
  ],
  'apiextensions.crossplane.io': [
    'crossplane/apiextensions.crossplane.io_compositeresourcedefinitions.yaml',
    'crossplane/apiextensions.crossplane.io_compositions.yaml',
  ],
  'postgresql.cnpg.io': [
    'cloudnative-pg/postgresql.cnpg.io_clusters.yaml',
    'cloudnative-pg/postgresql.cnpg.io_scheduledbackups.yaml',
  ],
  'objectbucket.io': ['rook/objectbucket.io_objectbucketclaims.yaml'],
};

function main() {
  const root = join(__dirname, '..');
  const tmp = mkdtempSync(join(tmpdir(), 'crd-import-'));
  rmSync(join(root, 'src/imports'), { recursive: true, force: true });
  try {
    for (const [group, files] of Object.entries(IMPORTED_CRDS)) {
      const bundle = join(tmp, `${group}.yaml`);
      writeFileSync(bundle, files.map((f) => `---\n${readFileSync(join(root, 'schemas/crds', f), 'utf8')}`).join('\n'));
      execFileSync('npx', ['cdk8s', 'import', bundle, '--language', 'typescript', '--output', 'src/imports'], {
        cwd: root,
        stdio: 'inherit',
      });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main();
}
