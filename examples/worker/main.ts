import { App } from 'cdk8s';
import { registerProfiles } from './profiles';
import { WorkerChart } from './worker';

const app = new App();
registerProfiles(app);
new WorkerChart(app, 'worker', { namespace: 'worker' });
app.synth();
