#!/usr/bin/env bash
# Fails when the build changed API.md (or it is not committed): the API reference must match the code.
if [ -n "$(git status --porcelain -- API.md)" ]; then
  git diff --stat -- API.md
  echo "API.md is out of date: run 'npx projen build' and commit API.md" >&2
  exit 1
fi
