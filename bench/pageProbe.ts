// Where a page's time goes, in one process (no load): each request's statements
// (how many, and their time), the page render's time, and the whole request's
// time through app.inject. The CPU time of the app process and of its
// PostgreSQL backends (read from /proc, so only for a database on this
// machine) is shared out over the measured requests.
//   DATABASE_URL=postgres://…/hearth_bench npx tsx bench/pageProbe.ts [--requests N] [--as EMAIL] PATH…
// It signs in as the bench practitioner unless --as names another bench user, and
// writes only what the pages write (a session, audit events).
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import nunjucks from 'nunjucks';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { benchPassword, benchUserEmail } from '../src/demo/benchData.ts';
import { TestBrowser } from '../src/testing/testApp.ts';
import { percentile } from './stats.ts';

interface Statement {
  ms: number;
  text: string;
}

export interface Probe {
  /** Signs in a bench user with the bench password. */
  signIn(email: string): Promise<TestBrowser>;
  /** Requests `url` `requests` times after 3 not counted and prints what each took. */
  probe(browser: TestBrowser, url: string, describe?: (html: string) => string): Promise<void>;
  close(): Promise<void>;
}

const fmt = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} p95 ${percentile(sorted, 95).toFixed(1)}`;
};

export async function openProbe(requests: number): Promise<Probe> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  if (!config.databaseUrl) throw new Error('DATABASE_URL is needed');
  const probeName = `hearth-probe-${process.pid}`;
  const databaseUrl = new URL(config.databaseUrl);
  databaseUrl.searchParams.set('application_name', probeName);
  const database = await openDatabase({ databaseUrl: databaseUrl.toString() });
  const app = await createApp({ config, database });

  // Every statement the pool runs (a transaction's statements go through a checked-out client, so
  // those are counted at `connect`), and every page render, timed.
  const pool = (database.db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } })
    .$client;
  const query = pool.query.bind(pool);
  let statements: Statement[] = [];
  pool.query = async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await query(...args);
    } finally {
      const first = args[0] as string | { text?: string };
      const text = typeof first === 'string' ? first : (first.text ?? '');
      statements.push({ ms: performance.now() - started, text: text.replace(/\s+/g, ' ').slice(0, 70) });
    }
  };
  const render = nunjucks.Environment.prototype.render;
  let renders: number[] = [];
  nunjucks.Environment.prototype.render = function (this: nunjucks.Environment, ...args: unknown[]) {
    const started = performance.now();
    try {
      return (render as (...a: unknown[]) => string).apply(this, args);
    } finally {
      renders.push(performance.now() - started);
    }
  } as typeof render;

  /** CPU seconds the app's PostgreSQL backends have used, or NaN when they are not on this machine. */
  async function backendSeconds(): Promise<number> {
    const rows = await queryRows<{ pid: number }>(
      database.db,
      sql`select pid from pg_stat_activity where application_name = ${probeName}`,
    );
    let ticks = 0;
    for (const { pid } of rows) {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        return Number.NaN;
      }
    }
    return ticks / 100;
  }

  return {
    async signIn(email) {
      const browser = new TestBrowser(app);
      await browser.signIn(email, benchPassword());
      return browser;
    },
    async probe(browser, url, describe) {
      const totals: number[] = [];
      const renderTimes: number[] = [];
      const statementTimes: number[] = [];
      let perRequest: Statement[] = [];
      let said = '';
      let cpu = process.cpuUsage();
      let backends = 0;
      for (let i = 0; i < requests + 3; i++) {
        if (i === 3) {
          backends = await backendSeconds();
          cpu = process.cpuUsage();
        }
        statements = [];
        renders = [];
        const started = performance.now();
        const response = await browser.get(url);
        const total = performance.now() - started;
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
        if (i < 3) continue;
        totals.push(total);
        renderTimes.push(renders.reduce((a, b) => a + b, 0));
        statementTimes.push(statements.reduce((a, b) => a + b.ms, 0));
        perRequest = [...statements];
        if (describe) said = ` (${describe(response.body)})`;
      }
      const appMs = ((used) => (used.user + used.system) / 1000 / requests)(process.cpuUsage(cpu));
      const backendMs = (((await backendSeconds()) - backends) * 1000) / requests;
      process.stdout.write(
        `${url}${said}\n  request ${fmt(totals)} ms; render ${fmt(renderTimes)} ms;` +
          ` statements ${perRequest.length} per request, summed ${fmt(statementTimes)} ms\n` +
          `  CPU per request: app ${appMs.toFixed(1)} ms, PostgreSQL ${backendMs.toFixed(1)} ms\n`,
      );
      for (const s of perRequest) process.stdout.write(`    ${s.ms.toFixed(1).padStart(7)} ms  ${s.text}\n`);
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** `--requests N`, `--as EMAIL` and the paths, from the command line. */
export function probeArguments(argv: string[]): { requests: number; as: string; paths: string[] } {
  let requests = 30;
  let as = benchUserEmail;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--requests') requests = Number(argv[++i]);
    else if (arg === '--as') as = argv[++i] ?? as;
    else paths.push(arg);
  }
  if (!Number.isInteger(requests) || requests < 1) throw new Error('--requests needs a whole number above 0');
  return { requests, as, paths };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { requests, as, paths } = probeArguments(process.argv.slice(2));
  if (paths.length === 0) throw new Error('Name at least one path, for example /');
  const probe = await openProbe(requests);
  try {
    const browser = await probe.signIn(as);
    for (const path of paths) await probe.probe(browser, path);
  } finally {
    await probe.close();
  }
}
