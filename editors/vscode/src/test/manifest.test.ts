import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// out/test/ → the extension's folder.
const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('the repository is the project\'s home, not a placeholder', () => {
  assert.equal(manifest.repository.type, 'git');
  assert.equal(manifest.repository.url, 'https://github.com/corroborate-lsp/corroborate.git');
});
