#!/usr/bin/env bash
# Builds, type-checks, unit-tests and packages the VS Code extension.
# Installs its npm packages from the registry (npm ci) the first time.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
npm run compile
npm test
npx --no-install @vscode/vsce package --out corroborate.vsix < /dev/null
ls -l corroborate.vsix
