import { cdk8s, javascript } from 'projen';


const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-portable-data',
  description:
    'Portable data services for cdk8s in five kinds: databases (PortableMySQL, PortablePostgres), object stores (PortableObjectStore), caches (PortableCache) and message queues (PortableQueue). Declare one once and synthesize it in-cluster, on AWS (ACK), GCP (Config Connector) or through Crossplane, chosen by an environment profile at synth time.',
  keywords: [
    'cdk8s', 'kubernetes', 'portable', 'servicebinding', 'ack', 'config-connector', 'crossplane',
    // The five kinds: databases, object stores, caches, queues.
    'database', 'mysql', 'postgresql', 'object-storage', 's3', 'cache', 'redis', 'valkey', 'queue', 'rabbitmq', 'amqp',
  ],
  // Pre-1.0: the API may still change between releases (docs/changes.md lists every change).
  stability: 'experimental',
  author: 'cdk8s-portable-data maintainers',
  authorAddress: 'maintainers@cdk8s-portable-data.dev',
  repositoryUrl: 'https://github.com/cdk8s-portable-data/cdk8s-portable-data.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  projenVersion: '0.103.25',
  prettier: false,
  minNodeVersion: '20.0.0',
  // commit-and-tag-version 13 and its conventional-changelog packages require Node 22: on Node 20 (the version the
  // README names) `npm ci` would warn about their engines. 12 supports Node 18 and later.
  bumpPackage: 'commit-and-tag-version@^12',

  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~5.9.3',
  // No cdk8s-plus is a peer: bind() reads a workload's JSON and `connection.envValue()` / `injectEnv()` take and
  // give what every cdk8s-plus major has, so an app brings the major it uses (cdk8s init installs cdk8s-plus-33).
  devDeps: [
    // The examples, the docs and most tests use cdk8s-plus-33; some tests bind cdk8s-plus-27 workloads too, and the
    // language apps (test/languages) use it, to show that any major binds.
    'cdk8s-plus-27@2.9.5',
    'cdk8s-plus-33@^2',
    'cdk8s-cli@^2.207.0',
    'ajv@^8.17.1',
    'ajv-formats@^3.0.1',
    // Catalog refresh tooling and the opt-in preflight only (never on the synth path; loaded lazily).
    '@aws-sdk/client-rds@^3.900.0',
    '@google-cloud/sql@~0.25.0',
    // The Azure catalog refresh (`--only azure`): the subscription's locations and the Flexible Server capabilities.
    // Pinned below the releases that ask for Node.js 22 (@azure/identity 4.13.2, arm-resources-subscriptions 3.0.0):
    // the README's commands run on Node.js 20 (test/package.test.ts).
    '@azure/identity@4.13.1',
    '@azure/arm-resources-subscriptions@^2.1.1',
    '@azure/arm-mysql-flexible@^3.1.0',
    '@azure/arm-postgresql-flexible@^9.0.0',
    // The price refresh (tools/refresh-prices.ts) only.
    '@aws-sdk/client-pricing@^3.900.0',
    '@google-cloud/billing@^5.1.0',
    'aws-sdk-client-mock@^4.1.0',
    // The real-server suite (test/programs/real-servers.test.ts) connects with the produced connection values.
    'pg@^8.16.0',
    '@types/pg@^8.15.0',
    'mysql2@^3.15.0',
    'ioredis@^5.8.0',
    'amqplib@^2.3.1',
    // lib/index.js is one bundle of the library (scripts/bundle-lib.ts, after every compile): a cold `require` reads
    // one file instead of ~190.
    'esbuild@^0.28.0',
    // test/jsii-kernel.test.ts loads the packed library into the jsii kernel and drives it as the Python, Java, .NET
    // and Go bindings do (the registry this project builds from has no newer @jsii/kernel).
    '@jsii/kernel@^1.22.0',
    // `check:circular` (part of the test task): no import circle in src/.
    'dpdm@^4.3.0',
    // test/package.test.ts: the engines of every installed package against the Node.js version the README names.
    'semver@^7.7.0',
    '@types/semver@^7.7.0',
  ],
  // Bundled (jsii allows bundled dependencies): exact YAML 1.2 parse errors for profiles files; the CLI's
  // argument parser (commander 14 is the last major that supports Node 20).
  bundledDeps: ['yaml@^2.8.1', 'commander@^14.0.2'],

  publishToPypi: { distName: 'cdk8s-portable-data', module: 'cdk8s_portable_data' },
  publishToMaven: {
    javaPackage: 'io.github.cdk8s_portable_data',
    mavenGroupId: 'io.github.cdk8s-portable-data',
    mavenArtifactId: 'cdk8s-portable-data',
  },
  publishToNuget: { dotNetNamespace: 'Cdk8sPortableData', packageId: 'Cdk8sPortableData' },
  publishToGo: { moduleName: 'github.com/cdk8s-portable-data/cdk8s-portable-data-go' },

  gitignore: ['/node_modules', '__pycache__/', 'cdk8s.out/', 'examples/*/dist/', '.bench/', '.pacmak/'],
  npmignoreEnabled: true,
  jestOptions: {
    // Snapshots never update themselves in the test run: a changed snapshot is a failure.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // test/cluster/ runs against a real API server (its own jest config and task, test:cluster); test/languages runs
      // after `package` (it installs the built packages): `npx projen test:languages`.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/examples/', '<rootDir>/test/cluster/', '<rootDir>/test/languages/'],
    },
  },
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'build-tools', 'tools'], ignorePatterns: ['src/imports/**', '*.js', '*.d.ts', 'node_modules/'] },
  // `npx cdk8s-portable-data plan` (what each profile deploys and needs) and `preflight --profile aws` (opt-in live
  // checks; loads the cloud SDKs lazily).
  bin: { 'cdk8s-portable-data': 'lib/cli/main.js' },
  tsconfigDev: { include: ['../examples/**/*.ts', '../scripts/**/*.ts'], compilerOptions: {} },
});

// The schemas the tests validate against and the imports are generated from ship with the repo,
// but not in the npm package.
project.npmignore?.exclude('/schemas/', '/examples/', '/bench/', '/.ci/', '/tools/', '/scripts/');

// `npx projen catalog:refresh -- --region us-east-1 --project my-project --subscription <id>`: regenerate
// src/environments/*/catalog/data from the RDS, Cloud SQL and Azure Resource Manager APIs with the maintainer's credentials.
project.addTask('catalog:refresh', {
  description: 'Regenerate src/environments/*/catalog/data from the RDS, Cloud SQL and Azure APIs and the price snapshots from the clouds\' pricing APIs (needs credentials; --only rds|cloud-sql|azure|prices, --region <aws>, --project <gcp>, --subscription <azure> --location <azure>)',
  exec: 'ts-node --transpile-only tools/refresh-catalog.ts',
  receiveArgs: true,
});

// `npx projen images:resolve`: pin the image table (src/core/images.ts) by digest from the registries' HTTP API
// (anonymous); writes src/core/image-digests.generated.ts, keeps the old digest of an image that fails and exits 1.
project.addTask('images:resolve', {
  description: 'Resolve each image of the table to its digest through the registries (docker.io, ghcr.io, gcr.io) into src/core/image-digests.generated.ts',
  exec: 'ts-node --transpile-only tools/resolve-images.ts',
  receiveArgs: true,
});

// `npx projen import`: regenerate the L1 classes in src/imports from the pinned CRDs (works offline).
project.addTask('import', {
  description: 'Regenerate src/imports from the pinned CRD files in schemas/crds (offline)',
  exec: 'ts-node --transpile-only scripts/import-crds.ts',
});
// `npx projen import:check`: fails with a diff when src/imports is not what the import task generates (CI, via verify).
project.addTask('import:check', {
  description: 'Fail with a diff when src/imports differs from what `npx projen import` generates (offline)',
  exec: 'ts-node --transpile-only scripts/import-crds.ts --check',
});

// `npx projen schema:profiles`: the JSON Schema of profiles files, generated from the loader's option tables (shipped
// in the package for editors; a test checks the committed file is current).
project.addTask('schema:profiles', {
  description: 'Regenerate profiles.schema.json from the option tables of the environments',
  exec: 'ts-node --transpile-only scripts/profiles-schema.ts',
});

// `npx projen crossplane:build`: the real `crossplane` CLI (render) and function-patch-and-transform, built from the
// Go modules pinned in tools/crossplane-render/ into ${XDG_CACHE_HOME:-~/.cache}/cdk8s-portable-data/crossplane/<key>
// (a no-op when the pins have not changed; needs Go). The tests in test/crossplane/ render every Crossplane claim of
// the examples with them, so the test task builds them first.
const crossplaneBuild = project.addTask('crossplane:build', {
  description: 'Build the crossplane CLI (render) and function-patch-and-transform pinned in tools/crossplane-render/ into the user cache (no-op when built; needs Go)',
  exec: 'ts-node --transpile-only tools/crossplane-render/build.ts',
});
project.testTask.prependSpawn(crossplaneBuild);

// `npx projen cluster:build`: kube-apiserver, kube-controller-manager and kubectl (k8s.io/kubernetes), etcd and
// Crossplane's XRD → CRD conversion, built from the Go modules pinned in tools/cluster/ into
// ${XDG_CACHE_HOME:-~/.cache}/cdk8s-portable-data/cluster/<key> (a no-op when built; needs Go, see CONTRIBUTING.md).
const clusterBuild = project.addTask('cluster:build', {
  description: 'Build the test cluster\'s binaries (kube-apiserver, kube-controller-manager, kubectl, etcd, xcrd) pinned in tools/cluster/ into the user cache (no-op when built; needs Go)',
  exec: 'ts-node --transpile-only tools/cluster/build.ts',
  receiveArgs: true,
});
// `npx projen test:cluster`: the suite of test/cluster/ on a real control plane started once for the run (etcd,
// kube-apiserver, kube-controller-manager on loopback): every example and golden YAML applied, the deploy-time
// programs under their own RBAC, the lifecycle after `kubectl delete -f`, the admission policy.
const testCluster = project.addTask('test:cluster', {
  description: 'Run test/cluster/ against a real API server and controller manager (builds the binaries first when their pins changed)',
  receiveArgs: true,
});
testCluster.spawn(clusterBuild);
testCluster.exec('jest --config test/cluster/jest.config.json --ci', { receiveArgs: true });
// `npx projen test:new-user`: the README's user quick start as a new user runs it (test/new-user/run.ts): a fresh
// folder, `cdk8s init typescript-app`, the packed package (dist/js, made by package:js when missing or stale), the
// README's app as written, synth under every built-in profile, `kubectl apply --dry-run=server` of each on the test
// API server. Needs the npm registry; prints how long each step took. Not part of verify yet.
const testNewUser = project.addTask('test:new-user', {
  description: 'Run the README\'s user quick start as written in a fresh cdk8s app with the packed package; synth under every built-in profile and apply --dry-run=server on the test API server',
});
testNewUser.spawn(clusterBuild);
testNewUser.exec('ts-node --transpile-only test/new-user/run.ts');

// The main job: synthesize the WordPress example with the default (in-cluster) profile.
project.addTask('example', {
  description: 'Synthesize examples/wordpress with PORTABLE_PROFILE (default in-cluster) into examples/wordpress/dist',
  exec: 'cdk8s synth && echo "The YAML is in examples/wordpress/dist/wordpress.k8s.yaml"',
  cwd: 'examples/wordpress',
});

// `npm run bench`: synth (construct + resolve + YAML + write) against the byte-identical raw ApiObject floor, cold
// require against cdk8s-plus-27, linearity in N; exits non-zero when a target is missed (not part of the test command).
// Quick run: `npm run bench -- --n 200,1000 --repeats 2`.
const bench = project.addTask('bench', {
  description: 'Synth benchmark against the raw ApiObject floor (--n 1000,5000 --repeats 5 --profiles --readme); writes .bench/latest.json, fails on a missed target',
});
bench.spawn(project.compileTask);
bench.exec('ts-node --transpile-only bench/run.ts', { receiveArgs: true });
project.addTask('bench:readme', {
  description: 'Write the figures of .bench/latest.json into docs/performance.md (between <!-- bench:start --> and <!-- bench:end -->)',
  exec: 'ts-node --transpile-only bench/readme.ts',
});

project.addTask('example:photos', {
  description: 'Synthesize examples/photos (Postgres + object store) with PORTABLE_PROFILE into examples/photos/dist',
  exec: 'cdk8s synth && echo "The YAML is in examples/photos/dist/photos.k8s.yaml"',
  cwd: 'examples/photos',
});
project.addTask('example:platform', {
  description: 'Synthesize examples/platform (the Crossplane XRDs and Compositions a platform team applies) into examples/platform/dist',
  exec: 'cdk8s synth && echo "The YAML is in examples/platform/dist/platform.k8s.yaml"',
  cwd: 'examples/platform',
});
project.addTask('example:worker', {
  description: 'Synthesize examples/worker (queue + cache + Postgres) with PORTABLE_PROFILE into examples/worker/dist',
  exec: 'cdk8s synth && echo "The YAML is in examples/worker/dist/worker.k8s.yaml"',
  cwd: 'examples/worker',
});

// Every example in README.md, in the pages of docs/ and in the doc comments (`@example`) compiles, strictly: Construct Hub renders them in
// every language through jsii-rosetta, and shows one that does not compile untranslated. The snippets are completed
// by the fixtures in rosetta/ (`default`, or ```ts fixture=NAME / `@exampleMetadata fixture=NAME`); strict mode is
// recorded for Construct Hub both ways jsii-rosetta reads it (package.json `jsiiRosetta.strict`, and the assembly's
// metadata for older readers). The task runs after compile in every build (post-compile) and writes the translations
// to .jsii.tabl.json, which is generated (gitignored) and shipped in the npm package with the fixtures (jsii-rosetta
// reuses them). Its compilation directory links the package's dependencies and peers; the snippets also import
// cdk8s-plus-33 (what `cdk8s init` installs), which is no peer, so it is an example dependency, which jsii-rosetta
// installs from the npm registry, at the version the lockfile gives the tests (test/package.test.ts holds the two
// equal). test/docs-snippets.test.ts also runs every example and synthesizes it.
const ROSETTA_PLUS = '2.5.57';
project.package.addField('jsiiRosetta', { strict: true, exampleDependencies: { 'cdk8s-plus-33': ROSETTA_PLUS } });
project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
// jsii-rosetta reads only assemblies: scripts/rosetta-docs.ts writes .jsii.docs, the assembly with each page of docs/
// as a submodule's README, and both are extracted in one run (one tablet).
const rosettaExtract = project.addTask('rosetta:extract', {
  description: 'Compile every example of README.md, docs/*.md and the doc comments with the rosetta/ fixtures (strict: one that does not compile fails)',
});
rosettaExtract.exec('ts-node --transpile-only scripts/rosetta-docs.ts');
rosettaExtract.exec('jsii-rosetta extract --strict .jsii .jsii.docs');
project.postCompileTask.prependSpawn(rosettaExtract);
project.gitignore.exclude('/.jsii.tabl.json', '/.jsii.docs');
project.npmignore?.include('/.jsii.tabl.json', '/rosetta/');
project.npmignore?.exclude('/.jsii.docs');

// `package` (the last step of `build`): the npm package, then the Python wheel, the Java jar and the Go module built
// for real and the .NET bindings as code (see the languages block below). projen's default runs `package-all`
// outside CI; the release workflow's per-language jobs run `package:java`, `package:python`, … themselves.
const packageTask = project.tasks.tryFind('package')!;
packageTask.reset();
packageTask.spawn(project.tasks.tryFind('package:js')!);

// No import circle in src/ (type imports included): the layers of CONTRIBUTING.md hold only if nothing imports upward.
const circular = project.addTask('check:circular', {
  description: 'Fail when src/ has an import circle (type imports included)',
  exec: 'dpdm --no-warning --no-tree --exit-code circular:1 --transform=false src/index.ts src/cli/main.ts src/preflight/index.ts',
});
project.testTask.spawn(circular);

// The README's test command: the prerequisites, src/imports current, build step by step (jsii compile, API.md
// current, tests, lint, npm package, bindings for all languages), the real-cluster suite beside the package and
// language stages, each stage's time printed at the end (scripts/verify.ts holds the plan; VERIFY_SERIAL=1 runs
// every stage one after the other).
const verify = project.addTask('verify', {
  description: 'Everything CI checks: src/imports up to date, jsii build, every doc example compiles (jsii-rosetta, strict), API.md up to date, tests, lint, package, bindings for all languages, the real cluster; prints each stage\'s time',
});
// The servers and tools the suites need beyond Node, installed when missing (or the exact command to run).
project.addTask('test:prerequisites', {
  description: 'Install what the test suites need beyond Node when it is missing (python3 and the real servers, from Debian as root), or name the command to run',
  exec: 'bash scripts/test-prerequisites.sh',
});
verify.exec('ts-node --transpile-only scripts/verify.ts');

// ---- Languages: the Python wheel, the Java jar and the Go module built and run (test/languages) ----
// `pacmak:languages` (part of `package`) builds them into .pacmak/ with jsii-pacmak (.NET: code only, no toolchain
// here). The registries this project reaches do not serve org.cdk8s:cdk8s-plus-27 (Maven Central) nor the cdk8s-team
// Go modules (Go proxy): jsii-pacmak builds them from the npm packages of the same versions into the same folders,
// where jsii-pacmak, the Maven app and the Go app (replace) find them (scripts/pacmak-languages.sh). Maven resolves
// through the usual local repository (a cache; MAVEN_REPO_LOCAL to use another), pip and Go through theirs.
// `test:languages` (part of `verify`) installs each package as a user would and runs the apps in test/languages.
const pacmakLanguages = project.addTask('pacmak:languages', {
  description: 'Build the Python wheel, Java jar and Go module into .pacmak/ (and the .NET bindings as code)',
  exec: 'bash scripts/pacmak-languages.sh',
});
packageTask.spawn(pacmakLanguages);
project.addTask('test:languages', {
  description: 'Install the built Python, Java and Go packages and run the apps of test/languages (after `package`)',
  exec: 'jest test/languages --ci --coverage=false --testPathIgnorePatterns=/node_modules/',
  receiveArgs: true,
});
// The Java app builds into the test's temporary folder; a manual `mvn` in test/languages/java builds into target/.
project.gitignore.addPatterns('test/languages/java/target/');

// `lib/index.js` is one bundle of the library's own modules (scripts/bundle-lib.ts): a cold `require` reads one file
// instead of ~170. Part of `compile`, so everything that runs the compiled library (tests, bench, package) runs the
// bundle; the other files of lib/ stay for the command line and the types.
const bundle = project.addTask('bundle', {
  description: 'Bundle lib/index.js (the library\'s entry point) with its own modules into one CommonJS file (packages stay external)',
  exec: 'ts-node --transpile-only scripts/bundle-lib.ts',
});
project.compileTask.spawn(bundle);

// The deploy-time programs are real Python files (src/programs/*.py); they are embedded into the package as strings
// before every compile (a test checks the committed module is current).
const embedPrograms = project.addTask('embed-programs', {
  description: 'Regenerate src/programs/embedded.generated.ts from src/programs/*.py',
  exec: 'ts-node --transpile-only scripts/embed-programs.ts',
});
project.preCompileTask.spawn(embedPrograms);

project.synth();
