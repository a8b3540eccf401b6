import { validateManifest } from './schema';
test('scratch', () => {
  const t0 = Date.now();
  const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', labels: { a: 'b' } },
    spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } },
      spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '100m', memory: 1024 } }, foo: 1 }] } } } };
  console.log(validateManifest(dep), Date.now() - t0);
  const t1 = Date.now();
  console.log(validateManifest({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'x' }, spec: { selector: {}, serviceName: 's', template: { spec: { containers: [] } } } }), Date.now() - t1);
  const t2 = Date.now();
  console.log(validateManifest({ apiVersion: 'rds.services.k8s.aws/v1alpha1', kind: 'DBInstance', metadata: { name: 'x' }, spec: { engine: 'mysql', dbInstanceClass: 'db.t3.micro', dbInstanceIdentifier: 'x', typo: 1 } }), Date.now() - t2);
  const t3 = Date.now();
  console.log(validateManifest({ apiVersion: 'rds.aws.upbound.io/v1beta3', kind: 'Instance', metadata: { name: 'x' }, spec: { forProvider: { region: 'x', foo: 1 } } }), Date.now() - t3);
  console.log(validateManifest({ apiVersion: 'foo.io/v1', kind: 'Bar', metadata: { name: 'x' } }));
});
