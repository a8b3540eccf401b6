import { App } from 'cdk8s';
import { DataPlatformChart } from './platform';

const app = new App();
new DataPlatformChart(app, 'platform');
app.synth();
