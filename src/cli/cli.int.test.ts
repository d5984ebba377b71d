import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase, queryRows } from '../db/client.ts';
import { verifyPassword } from '../platform/auth/passwords.ts';
import { runCli } from './main.ts';

/** Runs the CLI as `npx hearth …` would, capturing what it prints. */
async function hearth(...argv: string[]) {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await runCli(argv), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('npx hearth', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cli-'));
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.HEARTH_DATA_DIR = dataDir;
  });
  afterEach(() => {
    delete process.env.HEARTH_ADMIN_PASSWORD;
    delete process.env.PORT;
  });
  afterAll(() => {
    process.env = saved;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function withDatabase<T>(use: (database: Database) => Promise<T>): Promise<T> {
    const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, poolSize: 1 });
    try {
      return await use(database);
    } finally {
      await database.close();
    }
  }

  it('lists its commands, and each command explains itself with --help', async () => {
    const help = await hearth('--help');
    expect(help.code).toBe(0);
    for (const name of ['migrate', 'create-admin', 'seed-demo']) {
      expect(help.out).toContain(name);
      const own = await hearth(name, '--help');
      expect(own.code).toBe(0);
      expect(own.out).toContain(`npx hearth ${name}`);
    }
  });

  it('refuses an unknown command or option with a usage message', async () => {
    expect((await hearth('frobnicate')).code).toBe(2);
    const bad = await hearth('migrate', '--colour');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Usage: npx hearth migrate');
  });

  it('stops on a wrong setting, naming it', async () => {
    process.env.PORT = 'eighty';
    const result = await hearth('migrate');
    expect(result.code).toBe(2);
    expect(result.err).toContain('Setting PORT is wrong');
  });

  it('migrates, and says so when there is nothing to do', async () => {
    await hearth('migrate');
    const again = await hearth('migrate');
    expect(again.code).toBe(0);
    expect(again.out).toContain('The database is up to date.');
  });

  it('creates an administrator with a new organisation and area, printing a password that works', async () => {
    const email = `admin-${randomUUID()}@test.example`;
    const organisation = `CLI Org ${randomUUID().slice(0, 8)}`;
    const result = await hearth(
      'create-admin',
      '--email',
      email,
      '--name',
      'Ada Admin',
      '--organisation',
      organisation,
      '--kind',
      'third_sector',
      '--area',
      `CLI ADP ${randomUUID().slice(0, 8)}`,
    );
    expect(result.code).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(result.out)?.[1] ?? '';
    const [user] = await withDatabase((database) =>
      queryRows<{ roles: string[]; status: string; password_hash: string }>(
        database.db,
        sql`select roles, status, password_hash from app_user where email = ${email}`,
      ),
    );
    expect(user?.roles).toEqual(['system_admin', 'org_admin']);
    expect(user?.status).toBe('active');
    expect(await verifyPassword(user?.password_hash ?? '', password)).toBe(true);

    const twice = await hearth(
      'create-admin',
      '--email',
      email.toUpperCase(),
      '--name',
      'Ada',
      '--organisation',
      organisation,
    );
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('already exists');
  });

  it('explains what is missing for an organisation that does not exist yet', async () => {
    const result = await hearth(
      'create-admin',
      '--email',
      'x@test.example',
      '--name',
      'X',
      '--organisation',
      'Nowhere Org',
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain('give --kind and --area too');
    process.env.HEARTH_ADMIN_PASSWORD = 'short';
    const weak = await hearth(
      'create-admin',
      '--email',
      'y@test.example',
      '--name',
      'Y',
      '--organisation',
      'Nowhere Org',
    );
    expect(weak.err).toContain('HEARTH_ADMIN_PASSWORD: Password must be 12 characters or more');
  });
});
