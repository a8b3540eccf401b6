import { CrossplaneProfile, PortableQueue, Profile } from '../../../src';
import { newChart } from '../../util/synth';

describe('Crossplane queue', () => {
  test('fails when a queue is declared: the platform has no queue API (the profile has no queue backend)', () => {
    const { chart } = newChart('shop');
    Profile.use(chart, new CrossplaneProfile({ compositionSelector: { provider: 'aws' } }));
    expect(() => new PortableQueue(chart, 'Orders', { name: 'orders' })).toThrow(
      'test/Orders: invalid profile "crossplane" service kind "queue": allowed: the kinds this profile has backends for: cache, mysql, object-store, postgres. '
      + 'Fix: give the profile a queue backend (Profile.custom({ backends: [{ kind, backend }] })) or select another profile');
  });
});
