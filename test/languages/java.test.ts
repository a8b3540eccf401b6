import { readFileSync, rmSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { built, describeLanguage, PACMAK, run } from './harness';

/**
 * A Maven project (test/languages/java) with the jar from the local repository jsii-pacmak builds (.pacmak/java) and
 * org.cdk8s:cdk8s and software.constructs from Maven Central, resolved into the usual local repository (a cache).
 */
describeLanguage({
  name: 'java',
  install: (work) => {
    built(join(PACMAK, 'java', 'io', 'github', 'cdk8s-portable-data', 'cdk8s-portable-data', '0.0.0'), '-0.0.0.jar');
    const repo = process.env.MAVEN_REPO_LOCAL ?? join(homedir(), '.m2', 'repository');
    // Maven never reads a release version again once it is in the local repository: drop the copies of the
    // artifacts built here, so the app gets the ones just built.
    for (const dir of ['io/github/cdk8s-portable-data/cdk8s-portable-data/0.0.0', 'org/cdk8s/cdk8s-plus-27/2.9.5']) {
      rmSync(join(repo, dir), { recursive: true, force: true });
    }
    const classpath = join(work, 'classpath.txt');
    run(['mvn', '--batch-mode', '--quiet', `-Dmaven.repo.local=${repo}`, `-DappBuildDirectory=${join(work, 'target')}`,
      '-f', join(__dirname, 'java', 'pom.xml'),
      'compile', 'dependency:build-classpath', `-Dmdep.outputFile=${classpath}`]);
    return ['java', '-cp', `${join(work, 'target', 'classes')}:${readFileSync(classpath, 'utf8').trim()}`, 'example.Main'];
  },
  errorType: (fromMethod) => fromMethod ? 'java.lang.RuntimeException' : 'software.amazon.jsii.JsiiError',
  // The Java runtime appends the JavaScript stack to the message, after a newline.
  messageOf: (message) => message.split('\n')[0],
});
