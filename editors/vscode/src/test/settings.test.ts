import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { serverOptions, statusText } from '../settings';

test('defaults', () => {
  const { options, problems } = serverOptions({});
  assert.deepEqual(options, { inlayHints: false, severity: {} });
  assert.deepEqual(problems, []);
});

test('valid settings pass through', () => {
  const { options, problems } = serverOptions({
    corpus: ['sources', 'more'],
    inlayHints: true,
    debounceMs: 100,
    severity: { unsupported: 'off', 'name-variant': 'error' },
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(options, { corpus: ['sources', 'more'], inlayHints: true, debounceMs: 100, severity: { unsupported: 'off', 'name-variant': 'error' } });
});

test('an empty corpus list means the default folders', () => {
  assert.equal(serverOptions({ corpus: [] }).options.corpus, undefined);
});

test('bad values are reported and ignored', () => {
  const { options, problems } = serverOptions({ corpus: 'sources', inlayHints: 'yes', debounceMs: -5, severity: { nope: 'error', 'date-weekday': 'loud' } });
  assert.deepEqual(options, { inlayHints: false, severity: {} });
  assert.equal(problems.length, 5);
});

test('status bar text', () => {
  assert.match(statusText(undefined), /corroborate/);
  assert.match(statusText({ state: 'indexing', articles: 0, events: 0 }), /indexing/);
  assert.match(statusText({ state: 'ready', articles: 0, events: 0 }), /no sources/);
  assert.equal(statusText({ state: 'ready', articles: 5, events: 2 }), '$(book) 5 sources, 2 events');
  assert.equal(statusText({ state: 'ready', articles: 1, events: 1 }), '$(book) 1 source, 1 event');
});
