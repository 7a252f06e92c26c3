// Where the corroborate binary is: the setting, then $CORROBORATE_SERVER_PATH,
// then the binary bundled in the extension's server/ folder, then PATH.
// Pure: file checks and the environment are passed in, for tests.
import * as path from 'path';

export interface Lookup {
  setting: string | undefined;
  env: Record<string, string | undefined>;
  extensionPath: string;
  platform: string;
  /** Whether a file exists and can be run. */
  isExecutable: (file: string) => boolean;
}

export type Resolved =
  | { path: string; source: 'setting' | 'environment' | 'bundled' | 'PATH' }
  | { error: string };

function expandHome(p: string, env: Record<string, string | undefined>): string {
  const home = env.HOME ?? env.USERPROFILE;
  if (home && (p === '~' || p.startsWith('~/'))) {
    return path.join(home, p.slice(1));
  }
  return p;
}

export function binaryName(platform: string): string {
  return platform === 'win32' ? 'corroborate.exe' : 'corroborate';
}

export function resolveServerPath(l: Lookup): Resolved {
  const setting = l.setting?.trim();
  if (setting) {
    const p = expandHome(setting, l.env);
    if (l.isExecutable(p)) {
      return { path: p, source: 'setting' };
    }
    return { error: `corroborate.server.path is set to "${setting}", but no program can be run there.` };
  }
  const fromEnv = l.env.CORROBORATE_SERVER_PATH?.trim();
  if (fromEnv) {
    const p = expandHome(fromEnv, l.env);
    if (l.isExecutable(p)) {
      return { path: p, source: 'environment' };
    }
    return { error: `CORROBORATE_SERVER_PATH is set to "${fromEnv}", but no program can be run there.` };
  }
  const name = binaryName(l.platform);
  const bundled = path.join(l.extensionPath, 'server', name);
  if (l.isExecutable(bundled)) {
    return { path: bundled, source: 'bundled' };
  }
  const sep = l.platform === 'win32' ? ';' : ':';
  for (const dir of (l.env.PATH ?? l.env.Path ?? '').split(sep)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, name);
    if (l.isExecutable(candidate)) {
      return { path: candidate, source: 'PATH' };
    }
  }
  return {
    error:
      'The corroborate language server was not found. Set corroborate.server.path, or ' +
      'CORROBORATE_SERVER_PATH, or put `corroborate` on PATH (cargo install --path . in the corroborate repository).',
  };
}
