// The extension's settings, turned into what the server reads from
// initializationOptions and workspace/didChangeConfiguration. Pure, for tests.

export const CODES = [
  'name-variant',
  'name-inconsistent',
  'role-conflict',
  'date-weekday',
  'date-conflict',
  'date-timezone',
  'duration-conflict',
  'sources-disagree',
  'unsupported',
] as const;

export const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;

export interface Settings {
  corpus?: unknown;
  inlayHints?: unknown;
  debounceMs?: unknown;
  severity?: unknown;
}

export interface ServerOptions {
  corpus?: string[];
  inlayHints: boolean;
  /** Unset: the server waits only where an analysis is slow. */
  debounceMs?: number;
  severity: Record<string, string>;
}

/** The server options, and the problems found in the settings (each ignored). */
export function serverOptions(s: Settings): { options: ServerOptions; problems: string[] } {
  const problems: string[] = [];
  const options: ServerOptions = { inlayHints: false, severity: {} };
  if (Array.isArray(s.corpus)) {
    const folders = s.corpus.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (folders.length !== s.corpus.length) {
      problems.push('corroborate.corpus should list folder paths');
    }
    if (folders.length > 0) {
      options.corpus = folders;
    }
  } else if (s.corpus !== undefined && s.corpus !== null) {
    problems.push('corroborate.corpus should be a list of folders');
  }
  if (typeof s.inlayHints === 'boolean') {
    options.inlayHints = s.inlayHints;
  } else if (s.inlayHints !== undefined) {
    problems.push('corroborate.inlayHints should be true or false');
  }
  if (typeof s.debounceMs === 'number' && Number.isFinite(s.debounceMs) && s.debounceMs >= 0 && s.debounceMs <= 10000) {
    options.debounceMs = Math.round(s.debounceMs);
  } else if (s.debounceMs !== undefined && s.debounceMs !== null) {
    problems.push('corroborate.debounceMs should be a number of milliseconds from 0 to 10000');
  }
  if (s.severity && typeof s.severity === 'object' && !Array.isArray(s.severity)) {
    for (const [code, level] of Object.entries(s.severity as Record<string, unknown>)) {
      if (!(CODES as readonly string[]).includes(code)) {
        problems.push(`corroborate.severity: unknown code "${code}"`);
      } else if (typeof level !== 'string' || !(SEVERITIES as readonly string[]).includes(level)) {
        problems.push(`corroborate.severity: "${code}" should be one of ${SEVERITIES.join(', ')}`);
      } else {
        options.severity[code] = level;
      }
    }
  } else if (s.severity !== undefined && s.severity !== null) {
    problems.push('corroborate.severity should map diagnostic codes to severities');
  }
  return { options, problems };
}

/** The status bar text for a server status. */
export function statusText(status: { state: string; articles: number; events: number } | undefined): string {
  if (!status) {
    return '$(loading~spin) corroborate';
  }
  if (status.state === 'indexing') {
    return '$(sync~spin) corroborate: indexing sources';
  }
  if (status.articles === 0) {
    return '$(warning) corroborate: no sources';
  }
  const a = status.articles === 1 ? 'source' : 'sources';
  const e = status.events === 1 ? 'event' : 'events';
  return `$(book) ${status.articles} ${a}, ${status.events} ${e}`;
}
