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

test('a first-use walkthrough: sources, their folders, a draft, a finding', () => {
  const walkthroughs = manifest.contributes.walkthroughs;
  assert.ok(Array.isArray(walkthroughs) && walkthroughs.length === 1, 'one walkthrough is declared');
  const [w] = walkthroughs;
  assert.ok(w.id && w.title && w.description, 'the walkthrough has an id, a title and a description');
  assert.deepEqual(
    w.steps.map((s: { id: string }) => s.id),
    ['openFolder', 'corpus', 'openDraft', 'seeFinding'],
  );
  const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
  const settings = new Set(Object.keys(manifest.contributes.configuration.properties));
  for (const s of w.steps) {
    assert.ok(s.title && s.description, `step ${s.id} has a title and a description`);
    // Each step's media is a markdown file of the extension, packaged with it.
    const media = s.media?.markdown;
    assert.equal(typeof media, 'string', `step ${s.id} has markdown media`);
    assert.ok(!path.isAbsolute(media) && !media.split('/').includes('..'), `step ${s.id}'s media is inside the extension`);
    const file = path.join(root, media);
    assert.ok(fs.statSync(file).isFile(), `${media} exists`);
    assert.match(fs.readFileSync(file, 'utf8'), /^# \S/, `${media} starts with a heading`);
    // What the step links to and waits for is ours or VS Code's, and our names exist.
    const ours = [...s.description.matchAll(/\(command:(corroborate\.[\w.]+)/g)].map((m) => m[1]);
    for (const e of s.completionEvents ?? []) {
      const [kind, arg] = [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)];
      assert.ok(['onCommand', 'onSettingChanged', 'onContext', 'onView', 'onLink', 'extensionInstalled'].includes(kind), `step ${s.id}: ${e} is a completion event`);
      if (kind === 'onCommand' && arg.startsWith('corroborate.')) ours.push(arg);
      if (kind === 'onSettingChanged') assert.ok(settings.has(arg), `step ${s.id}: ${arg} is a declared setting`);
    }
    for (const c of ours) assert.ok(commands.has(c), `step ${s.id}: ${c} is a declared command`);
  }
  const corpus = w.steps.find((s: { id: string }) => s.id === 'corpus');
  assert.ok(corpus.completionEvents.includes('onSettingChanged:corroborate.corpus'), 'the corpus step completes when corroborate.corpus changes');
  assert.ok(corpus.description.includes('command:workbench.action.openSettings?%5B%22corroborate.corpus%22%5D'), 'the corpus step opens the corroborate.corpus setting');
});
