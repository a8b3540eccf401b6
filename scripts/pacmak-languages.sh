#!/usr/bin/env bash
# `npx projen pacmak:languages` (part of `package`): the Python wheel, the Java jar and the Go module built for real
# with jsii-pacmak into .pacmak/, and the .NET bindings as code (no .NET toolchain). test/languages installs and runs
# them. Maven resolves through MAVEN_REPO_LOCAL (default ~/.m2/repository), pip and Go through their usual caches.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"

step() {
  local what=$1 start=$SECONDS
  shift
  echo "pacmak:languages: ${what}"
  "$@"
  echo "pacmak:languages: ${what}: $((SECONDS - start)) s"
}

rm -rf .pacmak
# The registries this project reaches serve neither org.cdk8s:cdk8s-plus-27 (Maven Central) nor the cdk8s-team Go
# modules (the Go proxy answers 403): build them from the npm packages of the same versions, into the folders where
# jsii-pacmak (a local Maven repository, Go `replace`) and the apps find them.
step 'cdk8s and cdk8s-plus-27 Go code' \
  jsii-pacmak --code-only --targets go --outdir .pacmak node_modules/cdk8s node_modules/cdk8s-plus-27
step 'org.cdk8s:cdk8s-plus-27 jar' \
  jsii-pacmak --targets java --outdir .pacmak --maven-local-repository="${repo}" --mvn-define=maven.javadoc.skip=true node_modules/cdk8s-plus-27
# The library: the three targets in one invocation (jsii-pacmak builds them in parallel).
step 'cdk8s-portable-data wheel, jar and Go module' \
  jsii-pacmak --targets python java go --outdir .pacmak --maven-local-repository="${repo}" .
step 'cdk8s-portable-data .NET code' \
  jsii-pacmak --code-only --targets dotnet --outdir .pacmak .
