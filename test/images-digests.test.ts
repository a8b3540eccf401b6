import { createHash } from 'crypto';
import { GcpProfile, InClusterProfile } from '../src';
import { APP_IMAGES, exampleCases, imageReferences, libraryImages, oneOfEachService } from './util/images';
import { imageTable } from '../src/core/environment';
import { BINDER_IMAGE, ImageRef } from '../src/core/images';
import { DEFAULT_BINDER_IMAGE } from '../src/core/profile';
import { MYSQL_REPOSITORY, POSTGRES_REPOSITORY, RABBITMQ_REPOSITORY } from '../src/environments/in-cluster/images';

/**
 * With digests recorded, the output pins every image of the table by digest. The recorded digests are injected:
 * every `<repository>:<tag>` gets the sha256 of its own name as its digest.
 */
jest.mock('../src/core/image-digests.generated', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const digest = (image: string) => `sha256:${require('crypto').createHash('sha256').update(image).digest('hex')}`;
  const descriptor = (value: string) => ({ value, enumerable: true, configurable: true, writable: false });
  return {
    IMAGE_DIGESTS: new Proxy({}, {
      get: (_, image) => (typeof image === 'string' ? digest(image) : undefined),
      getOwnPropertyDescriptor: (_, image) => (typeof image === 'string' ? descriptor(digest(image)) : undefined),
    }),
  };
});

const injected = (tagged: string) => `sha256:${createHash('sha256').update(tagged).digest('hex')}`;
const DIGEST = /^[^@]+:[^@/]+@sha256:[a-f0-9]{64}$/;

test('each table entry renders as <repository>:<tag>@<its recorded digest>', () => {
  for (const image of imageTable()) {
    expect(image.render()).toBe(`${image.tagged}@${injected(image.tagged)}`);
  }
  expect(DEFAULT_BINDER_IMAGE).toBe(`docker.io/library/python:3.13.9-alpine3.22@${injected('docker.io/library/python:3.13.9-alpine3.22')}`);
});

test.each(exampleCases())('examples/%s under PORTABLE_PROFILE=%s uses tag@digest for every library image', (_, __, synthesize) => {
  const objs = synthesize();
  const images = libraryImages(objs);
  expect(images.length).toBeGreaterThan(0);
  const table = new Set(imageTable().map((i) => i.render()));
  expect(images.filter((i) => !DIGEST.test(i) || !table.has(i))).toEqual([]);
  expect(imageReferences(objs).filter((i) => !DIGEST.test(i)).every((i) => APP_IMAGES.includes(i))).toBe(true);
});

test('a mirror keeps the digest; an image given in a profile option is used as given', () => {
  const mirror = 'registry.example.com/library';
  const binder = 'registry.example.com/library/python:3.13.9-alpine3.22';
  const objectStore = 'registry.example.com/versity/versitygw:v1.8.0';
  const inCluster = () => new InClusterProfile({ imageRegistry: mirror, binderImage: binder, objectStoreImage: objectStore });
  const images = new Set(libraryImages(oneOfEachService(inCluster)));
  expect([...images].sort()).toEqual([
    binder,
    objectStore,
    `registry.example.com/library/mysql:8.4.7@${injected(`${MYSQL_REPOSITORY}:8.4.7`)}`,
    `registry.example.com/library/postgres:17.7@${injected(`${POSTGRES_REPOSITORY}:17.7`)}`,
    `registry.example.com/library/rabbitmq:4.2.9@${injected(`${RABBITMQ_REPOSITORY}:4.2.9`)}`,
    `docker.io/valkey/valkey:7.2.11-alpine@${injected('docker.io/valkey/valkey:7.2.11-alpine')}`,
  ].sort());
  const proxy = 'registry.example.com/cloud-sql-connectors/cloud-sql-proxy:2.18.2';
  const gcp = new Set(libraryImages(oneOfEachService(() => new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1', proxyImage: proxy, queuesInCluster: true }))));
  expect([...gcp].sort()).toEqual([BINDER_IMAGE.render(), proxy, `${RABBITMQ_REPOSITORY}:4.2.9@${injected(`${RABBITMQ_REPOSITORY}:4.2.9`)}`].sort());
  expect(ImageRef.of(MYSQL_REPOSITORY, '8.4.7').mirroredAt(mirror).digest).toBe(injected(`${MYSQL_REPOSITORY}:8.4.7`));
});
