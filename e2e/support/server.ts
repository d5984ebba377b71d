import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The password every demo user gets in browser tests (HEARTH_DEMO_PASSWORD). */
export const testPassword = 'e2e-hearth-walkthrough-2026';

/** A Hearth server started for the browser tests. */
export interface RunningHearth {
  baseUrl: string;
  port: number;
  /** Where its data lives: PGlite in a temporary folder, or the caller's PostgreSQL. */
  database: 'pglite' | 'postgresql';
  /** Everything the server has written to stdout so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Asks the kernel for a free port on the loopback address. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves true when the child has exited, or false after `ms` if it has not. */
async function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
      child.once('exit', () => resolve(true));
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts `node bin/hearth.js serve` on a free loopback port with the demo
 * loaded: on PGlite in a fresh temporary folder, or on DATABASE_URL when it
 * is set (the caller provides a fresh database). Resolves once GET /health
 * answers 200 and the start-up message is out.
 */
export async function startHearth(timeoutMs = 90_000): Promise<RunningHearth> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-e2e-'));
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    HEARTH_DATA_DIR: dataDir,
    HEARTH_DEMO: 'true',
    HEARTH_DEMO_PASSWORD: testPassword,
    LOG_LEVEL: 'info',
  };
  if (!databaseUrl) delete env.DATABASE_URL;

  const child = spawn(process.execPath, ['bin/hearth.js', 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await exited(child, 15_000))) {
        child.kill('SIGKILL');
        await exited(child, 5_000);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (!(await healthy(baseUrl))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const why = child.exitCode !== null ? `exited with code ${child.exitCode}` : 'did not become healthy';
      await stop();
      throw new Error(`Hearth ${why} within ${timeoutMs / 1000} s.\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    }
    await sleep(250);
  }
  // The start-up message is written just after the server starts listening.
  for (let i = 0; i < 40 && !stdout.includes('Press Ctrl+C to stop.'); i++) await sleep(50);

  return {
    baseUrl,
    port,
    database: databaseUrl ? 'postgresql' : 'pglite',
    output: () => stdout,
    stop,
  };
}
