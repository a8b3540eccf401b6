import { readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { Backup, DeletionPolicy, GcpProfile, InClusterProfile, MySqlVersion, PortableMySQL, PortablePostgres, PostgresOperator, PostgresVersion, Profile } from '../src';
import { APP_IMAGES, exampleCases, imageReferences, libraryImages, oneOfEachService } from './util/images';
import { MATRIX_PROFILES } from './util/matrix';
import { newChart, synth } from './util/synth';
import { Environment, environments, imageTable } from '../src/core/environment';
import { IMAGE_DIGESTS } from '../src/core/image-digests.generated';
import { BINDER_IMAGE, ImageRef } from '../src/core/images';
import { DEFAULT_BINDER_IMAGE } from '../src/core/profile';
import { CLOUD_SQL_PROXY_IMAGE } from '../src/environments/gcp/images';
import { MYSQL_REPOSITORY, OBJECT_STORE_IMAGE, POSTGRES_REPOSITORY, RABBITMQ_REPOSITORY, VALKEY_REPOSITORY } from '../src/environments/in-cluster/images';

/** What the profile's image options replace, in the override cases below. */
const MIRROR = 'registry.example.com/library';
const BINDER_OVERRIDE = 'registry.example.com/library/python:3.13.9-alpine3.22';
const OBJECT_STORE_OVERRIDE = 'registry.example.com/versity/versitygw:v1.8.0';
const PROXY_OVERRIDE = 'registry.example.com/cloud-sql-connectors/cloud-sql-proxy:2.18.2';

const rendered = () => new Set(imageTable().map((i) => i.render()));

describe('the image table', () => {
  test('lists every image the library runs, once: the binder\'s, then each environment\'s in the order of the list', () => {
    expect(imageTable().map((i) => i.tagged)).toEqual([
      'docker.io/library/python:3.13.9-alpine3.22',
      'docker.io/library/mysql:8.0.44',
      'docker.io/library/mysql:8.4.7',
      'docker.io/library/postgres:15.15',
      'docker.io/library/postgres:16.11',
      'docker.io/library/postgres:17.7',
      'ghcr.io/cloudnative-pg/postgresql:15.15-standard-trixie',
      'ghcr.io/cloudnative-pg/postgresql:16.11-standard-trixie',
      'ghcr.io/cloudnative-pg/postgresql:17.7-standard-trixie',
      'docker.io/valkey/valkey:7.2.11-alpine',
      'docker.io/valkey/valkey:8.0.2-alpine',
      'docker.io/valkey/valkey:8.1.10-alpine',
      'docker.io/library/rabbitmq:4.2.9',
      'docker.io/library/rabbitmq:4.3.6',
      'docker.io/versity/versitygw:v1.8.0',
      'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.18.2',
    ]);
  });

  test('the recorded digests are sha256 digests of table entries only, and each entry renders with its own', () => {
    const tagged = imageTable().map((i) => i.tagged);
    for (const [image, digest] of Object.entries(IMAGE_DIGESTS)) {
      expect({ image, listed: tagged.includes(image), digest }).toEqual({ image, listed: true, digest: expect.stringMatching(/^sha256:[a-f0-9]{64}$/) });
    }
    for (const image of imageTable()) {
      const digest = IMAGE_DIGESTS[image.tagged];
      expect(image.render()).toBe(digest === undefined ? image.tagged : `${image.tagged}@${digest}`);
    }
    expect(DEFAULT_BINDER_IMAGE).toBe(BINDER_IMAGE.render());
  });

  test('a mirror replaces all but the repository\'s last component and keeps the tag', () => {
    const mysql = imageTable().find((i) => i.tagged === 'docker.io/library/mysql:8.4.7')!;
    expect(mysql.mirroredAt('mirror.gcr.io/library').tagged).toBe('mirror.gcr.io/library/mysql:8.4.7');
    expect(mysql.mirroredAt('mirror.gcr.io/library').digest).toBe(mysql.digest);
  });

  test('fails when an environment lists an image the table already has', () => {
    const twice: Environment = { type: 'twice', options: {}, images: [ImageRef.of('docker.io/library/python', '3.13.9-alpine3.22')], costs: { shapes: [] }, create: () => { throw new Error('unused'); } };
    expect(() => imageTable([...environments(), twice])).toThrow(/^image docker\.io\/library\/python:3\.13\.9-alpine3\.22 is listed twice in the image table$/);
  });

  test.each([
    ['a repository without its registry', 'python', '3.13', /^invalid image repository "python"$/],
    ['an upper-case repository', 'docker.io/Library/python', '3.13', /^invalid image repository "docker\.io\/Library\/python"$/],
    ['a tag with a space', 'docker.io/library/python', '3.13 alpine', /^invalid image tag "3\.13 alpine" of docker\.io\/library\/python$/],
  ])('fails when an entry has %s', (_, repository, tag, message) => {
    expect(() => ImageRef.of(repository, tag)).toThrow(message);
  });
});

describe('every image reference in the output comes from the table', () => {
  test.each(exampleCases())('examples/%s under PORTABLE_PROFILE=%s', (_, __, synthesize) => {
    const objs = synthesize();
    const images = libraryImages(objs);
    expect(images).toContain(BINDER_IMAGE.render());
    const table = rendered();
    expect(images.filter((i) => !table.has(i))).toEqual([]);
    // The apps' own images are all the rest.
    expect(imageReferences(objs).filter((i) => !table.has(i)).every((i) => APP_IMAGES.includes(i))).toBe(true);
  });

  test.each(Object.keys(MATRIX_PROFILES))('one of each service, bound to a Deployment, on %s', (profile) => {
    const images = libraryImages(oneOfEachService(MATRIX_PROFILES[profile], profile));
    expect(images).toContain(BINDER_IMAGE.render());
    const table = rendered();
    expect(images.filter((i) => !table.has(i))).toEqual([]);
  });

  test('the in-cluster options replace the official images\' registry, the binder\'s and the S3 server\'s image', () => {
    const profile = () => new InClusterProfile({ imageRegistry: MIRROR, binderImage: BINDER_OVERRIDE, objectStoreImage: OBJECT_STORE_OVERRIDE });
    const images = new Set(libraryImages(oneOfEachService(profile)));
    const mirrored = (repository: string, tag: string) => ImageRef.of(repository, tag).mirroredAt(MIRROR).render();
    // The Valkey image is not an official image: imageRegistry leaves it.
    expect([...images].sort()).toEqual([
      BINDER_OVERRIDE, OBJECT_STORE_OVERRIDE, mirrored(MYSQL_REPOSITORY, '8.4.7'), mirrored(POSTGRES_REPOSITORY, '17.7'),
      mirrored(RABBITMQ_REPOSITORY, '4.2.9'),
      ImageRef.of(VALKEY_REPOSITORY, '7.2.11-alpine').render(),
    ].sort());
  });

  test('the GCP proxyImage replaces the Cloud SQL Auth Proxy', () => {
    const gcp = () => new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1', proxyImage: PROXY_OVERRIDE, queuesInCluster: true });
    const images = new Set(libraryImages(oneOfEachService(gcp)));
    // Queues run in the cluster on GCP (queuesInCluster): the official RabbitMQ image.
    expect([...images].sort()).toEqual([BINDER_IMAGE.render(), PROXY_OVERRIDE, ImageRef.of(RABBITMQ_REPOSITORY, '4.2.9').render()].sort());
  });
});

describe('versions outside the catalog', () => {
  test('a pinned full version runs the official repository with that tag', () => {
    const { chart } = newChart();
    Profile.use(chart, new InClusterProfile());
    new PortableMySQL(chart, 'Db', { name: 'orders-db', version: MySqlVersion.of('8.4', '8.4.2') });
    expect(libraryImages(synth(chart))).toContain('docker.io/library/mysql:8.4.2');
  });

  test.each([
    ['the StatefulSet', () => new InClusterProfile()],
    ['CloudNativePG', () => new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: DeletionPolicy.RETAIN })],
  ])('fails when a pinned full version is not an image tag (%s)', (_, profile) => {
    const chart = newChart().chart;
    Profile.use(chart, profile());
    expect(() => {
      new PortablePostgres(chart, 'Db', { name: 'orders-db', version: PostgresVersion.of('17', '17.7 beta'), backup: Backup.disabled() });
      Testing.synth(chart);
    }).toThrow('test/Db: invalid version "17.7 beta": allowed: a full postgresql version of major 17, 2 numbers (e.g. 17.0): a pin names one release, never a floating tag. '
      + 'Fix: pin a release, e.g. of(\'17\', \'17.0\'), or leave the version unpinned (`npx cdk8s-portable-data plan` shows the version each profile deploys)');
  });
});

describe('the documented defaults', () => {
  const ROOT = join(__dirname, '..');
  test.each([
    ['src/core/profile-options.ts', 'binderImage', BINDER_IMAGE],
    ['src/environments/in-cluster/object-store-options.ts', 'objectStoreImage', OBJECT_STORE_IMAGE],
    ['src/environments/gcp/options.ts', 'proxyImage', CLOUD_SQL_PROXY_IMAGE],
  ])('the @default of %s %s is the table\'s image', (file, prop, image) => {
    const doc = new RegExp(`@default '([^']+)'[^\\n]*\\n\\s*\\*/\\s*\\n\\s*readonly ${prop}\\?`).exec(readFileSync(join(ROOT, file), 'utf8'));
    expect(doc?.[1]).toBe(image.tagged);
  });
});
