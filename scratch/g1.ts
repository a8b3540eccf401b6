import { App, Chart, Size } from 'cdk8s';
import { PortableCache } from '../src';
for (const m of [Size.mebibytes(256.5), Size.mebibytes(NaN), Size.gibibytes(0.1)]) {
  try { new PortableCache(new Chart(new App(), 'c'), 'Cache', { memory: m }); console.log('ok'); } catch (e) { console.log((e as Error).message); }
}
