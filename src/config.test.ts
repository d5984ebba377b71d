import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('data'),
      databaseUrl: undefined,
      loadDemo: true,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    });
  });

  it('reads every setting it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      HEARTH_DATA_DIR: '/tmp/hearth-x',
      DATABASE_URL: 'postgres://u@db:5432/hearth',
      HEARTH_DEMO: 'false',
      HEARTH_DEMO_PASSWORD: 'a-long-enough-password',
      LOG_LEVEL: 'warn',
      HEARTH_TRUST_PROXY: 'yes',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/hearth-x',
      databaseUrl: 'postgres://u@db:5432/hearth',
      loadDemo: false,
      demoPassword: 'a-long-enough-password',
      logLevel: 'warn',
      trustProxy: true,
    });
  });

  it.each([
    ['PORT', 'eighty', 'a whole number from 0 to 65535'],
    ['PORT', '70000', 'a whole number from 0 to 65535'],
    ['DATABASE_URL', 'mysql://x@y/z', 'a postgres:// or postgresql:// URL'],
    ['DATABASE_URL', 'not a url', 'a URL like postgres://'],
    ['HEARTH_DEMO', 'perhaps', 'true or false'],
    ['LOG_LEVEL', 'loud', 'one of fatal, error'],
    ['HEARTH_DEMO_PASSWORD', 'short', 'at least 12 characters'],
    ['HEARTH_SESSION_IDLE_MINUTES', '0', 'a whole number from 1'],
  ])('stops with a message naming %s when it is %j', (setting, value, expected) => {
    let error: unknown;
    try {
      loadConfig({ [setting]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(setting);
    expect((error as ConfigError).message).toContain(setting);
    expect((error as ConfigError).message).toContain(expected);
  });

  it('never repeats a database password in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@host/db' })).toThrow(/^(?!.*secret)/s);
  });

  it('reads the SMTP settings and the address for links, both SMTP settings or neither', () => {
    expect(loadConfig({})).toMatchObject({
      baseUrl: 'http://localhost:3000',
      smtpUrl: undefined,
      smtpFrom: undefined,
    });
    expect(
      loadConfig({
        HEARTH_BASE_URL: 'https://hearth.example.org/',
        HEARTH_SMTP_URL: 'smtp://user:pass@mail.example.org:587',
        HEARTH_SMTP_FROM: 'Hearth <hearth@example.org>',
      }),
    ).toMatchObject({
      baseUrl: 'https://hearth.example.org',
      smtpUrl: 'smtp://user:pass@mail.example.org:587',
      smtpFrom: 'Hearth <hearth@example.org>',
    });
    const setting = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return error instanceof ConfigError ? error.setting : 'other';
      }
      return 'none';
    };
    expect(setting({ HEARTH_SMTP_URL: 'smtp://mail.example.org' })).toBe('HEARTH_SMTP_FROM');
    expect(setting({ HEARTH_SMTP_FROM: 'hearth@example.org' })).toBe('HEARTH_SMTP_URL');
    expect(setting({ HEARTH_SMTP_URL: 'http://mail.example.org', HEARTH_SMTP_FROM: 'a@b.org' })).toBe(
      'HEARTH_SMTP_URL',
    );
    expect(setting({ HEARTH_SMTP_URL: 'smtp://mail.example.org', HEARTH_SMTP_FROM: 'not an address' })).toBe(
      'HEARTH_SMTP_FROM',
    );
    expect(setting({ HEARTH_BASE_URL: 'hearth.example.org' })).toBe('HEARTH_BASE_URL');
    expect(() =>
      loadConfig({ HEARTH_SMTP_URL: 'ftp://user:secret@host', HEARTH_SMTP_FROM: 'a@b.org' }),
    ).toThrow(/^(?!.*secret)/s);
  });
});
