import path from 'node:path';

/** Hearth's settings, read from the environment once at start and checked. */
export interface Config {
  port: number;
  host: string;
  /** Folder for the embedded database and generated files. */
  dataDir: string;
  /** PostgreSQL connection string; when absent Hearth uses embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Password for the demo users; generated and stored in `dataDir` when absent. */
  demoPassword: string | undefined;
  /** Whether to load the demo partnership into an empty database at start. */
  loadDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Trust X-Forwarded-* headers from a reverse proxy (for client address and TLS). */
  trustProxy: boolean;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after sign-in after which a session ends, active or not. */
  sessionAbsoluteHours: number;
  /** The address people reach Hearth at, for the sign-in link in emails. */
  baseUrl: string;
  /** SMTP server for email notices (smtp:// or smtps://); without it emails stay in the outbox. */
  smtpUrl: string | undefined;
  /** The address emails are sent from; set together with `smtpUrl`. */
  smtpFrom: string | undefined;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`Setting ${setting} is wrong: expected ${expected}, got "${got}".`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(name, `a whole number from ${min} to ${max}`, raw);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const lower = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
  if (['0', 'false', 'no', 'off'].includes(lower)) return false;
  throw new ConfigError(name, 'true or false', raw);
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'a URL like postgres://user@host:5432/database', '(not a URL)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', 'a postgres:// or postgresql:// URL', `${url.protocol}//…`);
  }
  return raw;
}

function webAddress(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new ConfigError(name, 'an address like https://hearth.example.org', raw);
  }
  return raw.replace(/\/+$/, '');
}

/** The SMTP settings: both or neither. Messages never repeat the URL, which may hold a password. */
function smtp(env: Env): { smtpUrl: string | undefined; smtpFrom: string | undefined } {
  const raw = env.HEARTH_SMTP_URL?.trim() || undefined;
  const from = env.HEARTH_SMTP_FROM?.trim() || undefined;
  if (raw) {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
      throw new ConfigError(
        'HEARTH_SMTP_URL',
        'a URL like smtp://user:password@mail.example.org:587',
        '(not an smtp:// or smtps:// URL)',
      );
    }
  }
  if (
    from &&
    !/^([^<>\r\n]{1,100} <[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/.test(from)
  ) {
    throw new ConfigError('HEARTH_SMTP_FROM', 'an email address, or a name and <address>', from);
  }
  if (raw && !from)
    throw new ConfigError('HEARTH_SMTP_FROM', 'the address to send from, when HEARTH_SMTP_URL is set', '');
  if (from && !raw)
    throw new ConfigError('HEARTH_SMTP_URL', 'the SMTP server, when HEARTH_SMTP_FROM is set', '');
  return { smtpUrl: raw, smtpFrom: from };
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and checks every setting; throws ConfigError naming the first wrong one. */
export function loadConfig(env: Env = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info').trim();
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `one of ${logLevels.join(', ')}`, logLevel);
  }
  const host = (env.HOST ?? '127.0.0.1').trim();
  if (host === '') throw new ConfigError('HOST', 'a host name or address', host);
  const demoPassword = env.HEARTH_DEMO_PASSWORD;
  if (demoPassword !== undefined && demoPassword !== '' && demoPassword.length < 12) {
    throw new ConfigError('HEARTH_DEMO_PASSWORD', 'at least 12 characters', '(too short)');
  }
  const port = integer(env, 'PORT', 3000, 0, 65535);
  return {
    port,
    host,
    dataDir: path.resolve(env.HEARTH_DATA_DIR || 'data'),
    databaseUrl: databaseUrl(env),
    demoPassword: demoPassword || undefined,
    loadDemo: boolean(env, 'HEARTH_DEMO', true),
    logLevel: logLevel as Config['logLevel'],
    trustProxy: boolean(env, 'HEARTH_TRUST_PROXY', false),
    sessionIdleMinutes: integer(env, 'HEARTH_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: integer(env, 'HEARTH_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    baseUrl: webAddress(env, 'HEARTH_BASE_URL', `http://localhost:${port}`),
    ...smtp(env),
  };
}
