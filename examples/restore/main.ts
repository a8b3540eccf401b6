import { App } from 'cdk8s';
import { registerProfiles } from './profiles';
import { RestoreChart } from './restore';

const app = new App();
registerProfiles(app);
new RestoreChart(app, 'restore', { namespace: 'restore' });
app.synth();
