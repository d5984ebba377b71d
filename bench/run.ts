// Load harness: npx tsx bench/run.ts [--duration S] [--warmup S] [--connections C] [--families N]
// (or npm run bench). See bench/README.md.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { benchArea, benchLeadEmail, benchPassword, benchUserEmail } from '../src/demo/benchData.ts';
import { termId } from '../src/features/directory/vocabulary.ts';
import { auditLimitMs, auditPages, measureAudit } from './auditTargets.ts';
import {
  directoryFacts,
  finderBodies,
  finderMinimumRequestsPerSecond,
  finderP95LimitMs,
  finderTarget,
  orukP95LimitMs,
  orukPaths,
  orukTarget,
} from './directoryTargets.ts';
import { benchTargets, contactForms, databaseFacts } from './practiceTargets.ts';
import {
  inboxP95LimitMs,
  inboxPaths,
  inboxRowsShown,
  inboxTarget,
  oneAtATime,
  referralFacts,
  waitingLimitMs,
  waitingLoadTarget,
  waitingOneTarget,
  waitingPath,
} from './referralTargets.ts';
import { misspell, searchPaths } from './searchTerms.ts';
import {
  type BenchOptions,
  benchDatabaseProblem,
  formatTable,
  homeTargetMet,
  parseBenchOptions,
  summarise,
  type TargetResult,
} from './stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Node.js options `npm start` runs Hearth with (package.json), so the app is measured as it runs. */
const startNodeOptions = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));
const homeP95LimitMs = 25;
const overviewP95LimitMs = 30;
const searchP95LimitMs = 50;
const planP95LimitMs = 30;
const contactP95LimitMs = 30;
const homeWithContactsP95LimitMs = 30;
const children = new Set<ChildProcess>();

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  for (const child of children) child.kill('SIGTERM');
  process.exit(2);
}

/** Starts bench/server.ts in its own process and waits for its loopback address. */
function startServer(
  mode: 'app' | 'bare' | 'floor',
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; child: ChildProcess }> {
  // BENCH_CPU_PROFILE=<folder> writes a V8 CPU profile of the app server there when it stops.
  const profile =
    mode === 'app' && env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(
    process.execPath,
    [
      ...(mode === 'bare' ? [] : startNodeOptions),
      ...profile,
      '--import',
      'tsx',
      path.join(root, 'bench/server.ts'),
      mode,
    ],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  children.add(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${mode} server did not start in 60 s`)), 60_000);
    child.once('message', (message: { address?: string }) => {
      clearTimeout(timer);
      const url = new URL(message.address ?? '');
      if (url.hostname !== '127.0.0.1') reject(new Error(`the ${mode} server is not on loopback: ${url}`));
      resolve({ url: url.origin, child });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${mode} server stopped (exit code ${code})`));
    });
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
  children.delete(child);
}

function cookieValue(setCookies: string[], name: string): string | undefined {
  for (const header of setCookies) {
    const [pair] = header.split(';');
    const [key, ...value] = (pair ?? '').split('=');
    if (key?.trim() === name) return value.join('=');
  }
  return undefined;
}

/** Signs in once through the real form, as a browser would; returns the cookies a browser would send after. */
async function signIn(base: string, email = benchUserEmail): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const csrfCookie = cookieValue(form.headers.getSetCookie(), 'hearth_csrf');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrfCookie || !token) throw new Error('the sign-in page gave no CSRF cookie and token');
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `hearth_csrf=${csrfCookie}` },
    body: new URLSearchParams({ _csrf: token, email, password: benchPassword() }).toString(),
  });
  const session = cookieValue(response.headers.getSetCookie(), 'hearth_session');
  if (response.status !== 302 || !session) {
    throw new Error(`signing in as ${email} failed (status ${response.status}); run seed-bench again?`);
  }
  const cookie = `hearth_session=${session}; hearth_csrf=${csrfCookie}`;
  if (email !== benchUserEmail) return cookie;
  const home = await fetch(`${base}/`, { headers: { cookie }, redirect: 'manual' });
  const figure = /hearth-figure">([\d,]+)</.exec(await home.text())?.[1];
  if (home.status !== 200 || figure === undefined) throw new Error(`the home page answered ${home.status}`);
  process.stdout.write(`Signed in as ${benchUserEmail}; the home page shows ${figure} open families.\n`);
  return cookie;
}

/** A form posted to each path in turn instead of a GET, and the status a good answer has (a redirect). */
interface PostForm {
  bodies: string[];
  status: number;
}

async function load(
  target: string,
  url: string,
  options: BenchOptions,
  headers: Record<string, string> = {},
  paths: string[] = [],
  post?: PostForm,
): Promise<TargetResult> {
  // With several paths, each request takes the next one, so no one page or search is answered from caches alone.
  let next = 0;
  const requests = paths.length
    ? [
        {
          setupRequest: (request: { path: string; headers?: Record<string, string> }) => {
            const index = next % paths.length;
            next += 1;
            const path = paths[index] as string;
            return post
              ? { ...request, path, method: 'POST', body: post.bodies[index] }
              : { ...request, path };
          },
        },
      ]
    : undefined;
  const base = {
    url,
    connections: options.connections,
    headers,
    timeout: 10,
    ...(requests ? { requests } : {}),
  };
  if (options.warmup > 0) await autocannon({ ...base, duration: options.warmup });
  const latencies: number[] = [];
  // A form post answers with a redirect; anything else from it is a failed answer.
  let unexpected = 0;
  const instance = autocannon({ ...base, duration: options.duration });
  instance.on('response', (_client, status, _bytes, ms) => {
    latencies.push(ms);
    if (post && status !== post.status) unexpected += 1;
  });
  const result = await instance;
  const summary = summarise(
    target,
    latencies,
    result.duration,
    result.errors + result.timeouts,
    post ? unexpected : result.non2xx,
  );
  process.stdout.write(
    `  ${target}: ${Math.round(summary.requestsPerSecond)} requests/s, p95 ${summary.p95.toFixed(2)} ms\n`,
  );
  return summary;
}

const ceilingTarget = 'bare Fastify route (ceiling)';
const homeTarget = 'GET / (signed in)';
const floorTarget = 'GET signed-in floor (session + audit event)';
const overviewTarget = 'GET family overview';
const searchTarget = 'GET family search';
const planTarget = 'GET family plan';
const contactTarget = 'POST record a contact';

async function main(): Promise<void> {
  const parsed = parseBenchOptions(process.argv.slice(2), process.env);
  if (!parsed.ok) fail(parsed.message);
  const options = parsed.options;
  const databaseUrl = process.env.DATABASE_URL;
  const problem = benchDatabaseProblem(databaseUrl);
  if (problem || !databaseUrl) fail(problem ?? 'DATABASE_URL is needed');

  const loadBefore = os.loadavg()[0] ?? 0;
  process.stdout.write(`Load average (1 minute) before the run: ${loadBefore.toFixed(2)}\n`);
  if (loadBefore > 0.5)
    process.stdout.write('  The machine is busy: figures will be lower than on a quiet machine.\n');
  process.stdout.write(`Seeding: npx hearth seed-bench --families ${options.families}\n`);
  const seedStarted = performance.now();
  const seeded = spawnSync(
    process.execPath,
    [path.join(root, 'bin/hearth.js'), 'seed-bench', '--families', String(options.families)],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  if (seeded.status !== 0) fail(`seed-bench failed (exit code ${seeded.status})`);
  process.stdout.write(`Seeding step took ${((performance.now() - seedStarted) / 1000).toFixed(1)} s.\n\n`);

  // Bounded: every target's warm-up and measurement, plus time to start servers and sign in.
  const budget = 14 * (options.warmup + options.duration) * 1000 + 600_000;
  setTimeout(() => fail(`The benchmark took longer than ${budget / 1000} s; stopped.`), budget).unref();

  const results: TargetResult[] = [];
  // BENCH_ONLY=overview,search measures only the targets whose names contain one of those words.
  const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
  const wanted = (target: string) => only.length === 0 || only.some((word) => target.includes(word));
  const measure = async (target: string, url: string, headers?: Record<string, string>, paths?: string[]) => {
    if (wanted(target)) results.push(await load(target, url, options, headers, paths));
  };
  process.stdout.write(
    `Load: ${options.connections} connections, ${options.warmup} s warm-up then ${options.duration} s per target.\n`,
  );
  const bare = await startServer('bare', process.env);
  results.push(await load(ceilingTarget, `${bare.url}/`, options));
  await stopServer(bare.child);

  const app = await startServer('app', { ...process.env, DATABASE_URL: databaseUrl });
  const cookie = await signIn(app.url);
  await measure('GET /health', `${app.url}/health`);
  await measure('GET /sign-in', `${app.url}/sign-in`);
  await measure(homeTarget, `${app.url}/`, { cookie });
  if (wanted(floorTarget)) {
    // The same session, on a server that does only what every signed-in page must (bench/server.ts).
    const floor = await startServer('floor', { ...process.env, DATABASE_URL: databaseUrl });
    results.push(await load(floorTarget, `${floor.url}/`, options, { cookie }));
    await stopServer(floor.child);
  }
  const targets = await benchTargets(databaseUrl);
  const overviewPaths = targets.familyIds.map((id) => `/practice/families/${id}`);
  const searches = searchPaths(targets.people);
  const surnameOnly = targets.people.map(
    (p, i) => `/practice/search?name=${encodeURIComponent(misspell(p.familyName, i))}`,
  );
  process.stdout.write(
    `  (${overviewPaths.length} different families for the overview, ${searches.length} different searches)\n`,
  );
  await measure(overviewTarget, `${app.url}/`, { cookie }, overviewPaths);
  await measure(
    planTarget,
    `${app.url}/`,
    { cookie },
    overviewPaths.map((path) => `${path}/plan`),
  );
  await measure(searchTarget, `${app.url}/`, { cookie }, searches);
  if (wanted(contactTarget)) {
    const forms = await contactForms(app.url, cookie, targets.contactWith);
    results.push(
      await load(
        contactTarget,
        `${app.url}/`,
        options,
        { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        forms.paths,
        { bodies: forms.bodies, status: 303 },
      ),
    );
  }
  await measure('GET search, surname only', `${app.url}/`, { cookie }, surnameOnly);
  // The public finder and the Open Referral API: no sign-in, no cookies.
  const directory = await directoryFacts(databaseUrl);
  process.stdout.write(
    `  (${directory.postcodes.length} different postcodes for the finder; ${directory.activeServices} active services)\n`,
  );
  if (wanted(finderTarget)) {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const paths = directory.postcodes.map(() => '/find-support');
    const bodies = finderBodies(directory.postcodes);
    results.push(await load(finderTarget, `${app.url}/`, options, form, paths, { bodies, status: 200 }));
  }
  const terms = [
    termId('audiences', 'grandparent'),
    termId('supportKinds', 'group'),
    termId('delivery', 'phone'),
  ];
  await measure(orukTarget, `${app.url}/`, {}, orukPaths(directory.activeServices, terms));
  // The referrals inbox as the bench user, its open tabs in turn; the partnership waiting-times page as its lead (issue #7).
  const referralCounts = await referralFacts(databaseUrl, benchUserEmail);
  if (wanted(inboxTarget)) {
    const page = await fetch(`${app.url}${inboxPaths[0]}`, { headers: { cookie } });
    process.stdout.write(
      `  (the bench organisation has ${referralCounts.open.toLocaleString('en-GB')} open referrals, ${referralCounts.new.toLocaleString('en-GB')} new; the first tab lists ${inboxRowsShown(await page.text())})\n`,
    );
  }
  await measure(inboxTarget, `${app.url}/`, { cookie }, inboxPaths);
  if (wanted(waitingOneTarget) || wanted(waitingLoadTarget)) {
    const lead = { cookie: await signIn(app.url, benchLeadEmail) };
    if (wanted(waitingOneTarget))
      results.push(await oneAtATime(waitingOneTarget, `${app.url}${waitingPath}`, lead));
    if (wanted(waitingLoadTarget))
      results.push(await load(waitingLoadTarget, `${app.url}${waitingPath}`, options, lead));
  }
  // The provision audit's pages as the partnership lead, one request at a time (issue #8).
  if (auditPages.some((page) => wanted(page.target))) {
    const lead = { cookie: await signIn(app.url, benchLeadEmail) };
    const locality = (await databaseFacts(databaseUrl))?.localityId ?? undefined;
    results.push(...(await measureAudit(app.url, lead, wanted, locality)));
  }
  await stopServer(app.child);

  const facts = await databaseFacts(databaseUrl);
  const byName = (target: string) => results.find((result) => result.target === target);
  const ceiling = byName(ceilingTarget);
  const home = byName(homeTarget);
  const overview = byName(overviewTarget);
  const search = byName(searchTarget);
  const plan = byName(planTarget);
  const contact = byName(contactTarget);
  const finder = byName(finderTarget);
  const oruk = byName(orukTarget);
  const inbox = byName(inboxTarget);
  const waitingOne = byName(waitingOneTarget);
  const waitingLoad = byName(waitingLoadTarget);
  const verdict = (result: TargetResult | undefined, limit: number) =>
    !result
      ? 'not measured (BENCH_ONLY)'
      : homeTargetMet(result, limit)
        ? `MET (p95 ${result?.p95.toFixed(2)} ms)`
        : `NOT MET (p95 ${result?.p95.toFixed(2)} ms, ${result?.errors} errors, ${result?.non2xx} non-2xx)`;
  const cpus = os.cpus();
  const lines = [
    '',
    formatTable(results, ceiling),
    '',
    `Date: ${new Date().toISOString().slice(0, 10)}`,
    `Machine: ${os.availableParallelism()} cores (${cpus[0]?.model ?? 'unknown CPU'}), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    `Node ${process.version}; ${facts?.version.split(' on ')[0] ?? 'PostgreSQL'}`,
    `Data: ${facts?.families.toLocaleString('en-GB')} families in "${benchArea.name}"; ` +
      `the bench user's organisation has ${facts?.open.toLocaleString('en-GB')} open families.`,
    `Load generator, app and PostgreSQL share this machine's ${os.availableParallelism()} cores; ` +
      `load average (1 minute) ${loadBefore.toFixed(2)} before the run, ${(os.loadavg()[0] ?? 0).toFixed(2)} after.`,
    '',
    `Target: signed-in home page p95 ≤ ${homeP95LimitMs} ms under ${options.connections} connections: ${verdict(home, homeP95LimitMs)}`,
    `Target: family overview p95 ≤ ${overviewP95LimitMs} ms: ${verdict(overview, overviewP95LimitMs)}`,
    `Target: family search p95 ≤ ${searchP95LimitMs} ms: ${verdict(search, searchP95LimitMs)}`,
    `Target: family plan page p95 ≤ ${planP95LimitMs} ms: ${verdict(plan, planP95LimitMs)}`,
    `Target: recording a contact p95 ≤ ${contactP95LimitMs} ms with ${facts?.contacts.toLocaleString('en-GB')} contacts: ${verdict(contact, contactP95LimitMs)}`,
    `Target: signed-in home page p95 ≤ ${homeWithContactsP95LimitMs} ms with that many contacts (issue #5): ${verdict(home, homeWithContactsP95LimitMs)}`,
    `Target: public finder search p95 ≤ ${finderP95LimitMs} ms and ≥ ${finderMinimumRequestsPerSecond} requests/s with ${directory.activeServices.toLocaleString('en-GB')} services (issue #6): ${verdict(finder, finderP95LimitMs)}${finder && finder.requestsPerSecond < finderMinimumRequestsPerSecond ? `, but only ${Math.round(finder.requestsPerSecond)} requests/s: NOT MET` : ''}`,
    `Target: Open Referral services page of ${50} p95 ≤ ${orukP95LimitMs} ms (issue #6): ${verdict(oruk, orukP95LimitMs)}`,
    `Target: referrals inbox p95 ≤ ${inboxP95LimitMs} ms with ${referralCounts.open.toLocaleString('en-GB')} open referrals (issue #7): ${verdict(inbox, inboxP95LimitMs)}`,
    `Target: partnership waiting times ≤ ${waitingLimitMs} ms over ${referralCounts.referrals.toLocaleString('en-GB')} referrals, one at a time (issue #7): ${verdict(waitingOne, waitingLimitMs)}`,
    `  and under ${options.connections} connections (for information): ${verdict(waitingLoad, waitingLimitMs)}`,
    ...auditPages.map(
      (page) =>
        `Target: ${page.target.slice(4)} ≤ ${auditLimitMs} ms one at a time (issue #8): ${verdict(byName(page.target), auditLimitMs)}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => fail(`The benchmark failed: ${(error as Error).stack ?? String(error)}`),
);
