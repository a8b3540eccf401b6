import { App } from 'cdk8s';
import { PhotosChart } from './photos';
import { registerProfiles } from './profiles';

const app = new App();
registerProfiles(app);
new PhotosChart(app, 'photos', { namespace: 'photos' });
app.synth();
