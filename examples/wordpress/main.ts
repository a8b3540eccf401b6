import { App } from 'cdk8s';
import { registerProfiles } from './profiles';
import { WordPressChart } from './wordpress';

const app = new App();
registerProfiles(app);
new WordPressChart(app, 'wordpress', { namespace: 'wordpress' });
app.synth();
