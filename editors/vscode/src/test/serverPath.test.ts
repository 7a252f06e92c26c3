import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { resolveServerPath, Lookup } from '../serverPath';

function lookup(over: Partial<Lookup>, executables: string[]): Lookup {
  return {
    setting: undefined,
    env: {},
    extensionPath: '/ext',
    platform: 'linux',
    isExecutable: (f) => executables.includes(f),
    ...over,
  };
}

test('the setting wins', () => {
  const r = resolveServerPath(lookup({ setting: '/opt/c/corroborate', env: { CORROBORATE_SERVER_PATH: '/env/corroborate', PATH: '/usr/bin' } }, ['/opt/c/corroborate', '/env/corroborate', '/ext/server/corroborate', '/usr/bin/corroborate']));
  assert.deepEqual(r, { path: '/opt/c/corroborate', source: 'setting' });
});

test('a setting that points nowhere is an error, not a fallback', () => {
  const r = resolveServerPath(lookup({ setting: '/nope/corroborate', env: { PATH: '/usr/bin' } }, ['/usr/bin/corroborate']));
  assert.ok('error' in r && r.error.includes('/nope/corroborate'));
});

test('then the environment variable', () => {
  const r = resolveServerPath(lookup({ setting: '  ', env: { CORROBORATE_SERVER_PATH: '~/bin/corroborate', HOME: '/home/w' } }, ['/home/w/bin/corroborate']));
  assert.deepEqual(r, { path: '/home/w/bin/corroborate', source: 'environment' });
});

test('then the bundled binary', () => {
  const r = resolveServerPath(lookup({ env: { PATH: '/usr/bin' } }, ['/ext/server/corroborate', '/usr/bin/corroborate']));
  assert.deepEqual(r, { path: '/ext/server/corroborate', source: 'bundled' });
});

test('then PATH, in order', () => {
  const r = resolveServerPath(lookup({ env: { PATH: '/a::/b:/c' } }, ['/b/corroborate', '/c/corroborate']));
  assert.deepEqual(r, { path: '/b/corroborate', source: 'PATH' });
});

test('windows names and separators', () => {
  const r = resolveServerPath(lookup({ platform: 'win32', env: { Path: 'C:\\a;C:\\tools' }, extensionPath: 'C:\\ext' }, [require('path').join('C:\\tools', 'corroborate.exe')]));
  assert.ok('path' in r && r.path.endsWith('corroborate.exe') && r.source === 'PATH');
});

test('nothing found: a clear error', () => {
  const r = resolveServerPath(lookup({ env: { PATH: '/usr/bin' } }, []));
  assert.ok('error' in r && r.error.includes('corroborate.server.path'));
});
