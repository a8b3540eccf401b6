#!/usr/bin/env bash
# Fails when the build changed API.md: the committed API reference must match the code.
if ! git diff --exit-code --stat -- API.md; then
  echo "API.md is out of date: run 'npx projen build' and commit API.md" >&2
  exit 1
fi
