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
# The walkthrough's media are in the package (the unit test checks that they exist).
python3 - <<'PY'
import json, sys, zipfile
names = set(zipfile.ZipFile('corroborate.vsix').namelist())
steps = json.load(open('package.json'))['contributes']['walkthroughs'][0]['steps']
missing = [s['media']['markdown'] for s in steps if 'extension/' + s['media']['markdown'] not in names]
if missing:
    sys.exit('corroborate.vsix lacks the walkthrough media: ' + ', '.join(missing))
print('corroborate.vsix holds the walkthrough media (%d files)' % len(steps))
PY
