import { join } from 'path';
import { built, describeLanguage, PACMAK, run } from './harness';

/** The wheel in a throwaway virtual environment with cdk8s, cdk8s-plus-27 and constructs from PyPI. */
describeLanguage({
  name: 'python',
  install: (work) => {
    run(['python3', '-m', 'venv', join(work, 'venv')]);
    const pip = join(work, 'venv', 'bin', 'pip');
    run([pip, 'install', '--disable-pip-version-check', '--no-input', '--quiet',
      built(join(PACMAK, 'python'), '.whl'), '-r', join(__dirname, 'python', 'requirements.txt')]);
    return [join(work, 'venv', 'bin', 'python'), join(__dirname, 'python', 'app.py')];
  },
  errorType: () => 'RuntimeError',
  messageOf: (message) => message,
});
