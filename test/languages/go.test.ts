import { join } from 'path';
import { built, describeLanguage, PACMAK, run } from './harness';

/**
 * A Go module (test/languages/go) with `replace` to the module jsii-pacmak builds (.pacmak/go/cdk8sportabledata),
 * constructs-go and jsii-runtime-go from the Go module proxy (go.sum), and cdk8s-core-go and cdk8s-plus-go as
 * jsii-pacmak generates them from the npm packages (the proxy refuses the cdk8s-team modules).
 */
describeLanguage({
  name: 'go',
  install: (work) => {
    built(join(PACMAK, 'go', 'cdk8sportabledata'), 'go.mod');
    const binary = join(work, 'wordpress');
    run(['go', 'build', '-o', binary, '.'], { cwd: join(__dirname, 'go') });
    return [binary];
  },
  errorType: () => '*errors.errorString',
  messageOf: (message) => message,
});
