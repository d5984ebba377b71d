// Where one public finder search spends its time, step by step, in one process:
//   DATABASE_URL=postgres://…/hearth_finder_bench node --import tsx bench/finderSteps.ts [rounds]
// Runs the load harness's searches (bench/directoryTargets.ts: 500 postcodes,
// some narrowed or sorted) one after another against a seeded bench database,
// the route's steps in turn: the directory version check, the in-memory
// search, the page's values and the page render. Each step is timed on its
// own, so the figures are per call, not a throughput; on a shared machine the
// proportions matter more than the milliseconds.
import { openDatabase } from '../src/db/client.ts';
import { DirectorySnapshots } from '../src/features/directory/directorySnapshot.ts';
import { renderResultsPage } from '../src/features/finder/finderRender.ts';
import { resultsContext } from '../src/features/finder/finderResults.ts';
import { placeIn, searchAnywhereIn, searchLocalIn } from '../src/features/finder/finderSearch.ts';
import { checkSearchForm, parseSearchForm } from '../src/features/finder/searchForm.ts';
import { directoryFacts, finderBodies } from './directoryTargets.ts';
import { percentile } from './stats.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to a database seeded with seed-bench');
const rounds = Number(process.argv[2] ?? 2);

const { postcodes } = await directoryFacts(url);
const bodies = finderBodies(postcodes).map((body) => Object.fromEntries(bodyEntries(body)));
const database = await openDatabase({ databaseUrl: url });
const directory = new DirectorySnapshots(database.db);

/** A form body as @fastify/formbody gives it to the route: repeated names become lists. */
function bodyEntries(body: string): [string, string | string[]][] {
  const form = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(body)) form.set(name, [...(form.get(name) ?? []), value]);
  return [...form].map(([name, values]) => [name, values.length === 1 ? (values[0] as string) : values]);
}

const steps = ['version check', 'search', 'page values', 'render', 'whole'] as const;
const times = new Map<string, number[]>(steps.map((step) => [step, []]));
let bytes = 0;
const timed = <T>(step: string, work: () => T): T => {
  const started = performance.now();
  const result = work();
  times.get(step)?.push(performance.now() - started);
  return result;
};

await directory.get(); // the first load is not a search's cost
for (let round = 0; round < rounds; round++)
  for (const body of bodies) {
    const started = performance.now();
    const versionStarted = performance.now();
    const snapshot = await directory.get();
    times.get('version check')?.push(performance.now() - versionStarted);
    const form = parseSearchForm(body);
    const checked = checkSearchForm(form);
    if (!checked.ok || checked.search.where.kind !== 'postcode')
      throw new Error('a bench search was refused');
    const { search, errors } = checked;
    const postcode = checked.search.where.postcode;
    const { local, anywhere } = timed('search', () => {
      const place = placeIn(snapshot, postcode.value, postcode.outcode) ?? undefined;
      return { local: searchLocalIn(snapshot, search, place), anywhere: searchAnywhereIn(snapshot, search) };
    });
    const context = timed('page values', () =>
      resultsContext({ form, search, errors, placeName: postcode.value, local, anywhere }),
    );
    const html = timed('render', () => renderResultsPage(context));
    times.get('whole')?.push(performance.now() - started);
    bytes += html.length;
  }

const calls = times.get('whole')?.length ?? 0;
process.stdout.write(
  `${calls} searches (${rounds} rounds of ${bodies.length}), pages of ${Math.round(bytes / calls / 1024)} KB on average\n`,
);
process.stdout.write('step             median ms   p95 ms   mean ms\n');
for (const step of steps) {
  const list = [...(times.get(step) ?? [])].sort((a, b) => a - b);
  const mean = list.reduce((sum, t) => sum + t, 0) / list.length;
  process.stdout.write(
    `${step.padEnd(16)} ${percentile(list, 50).toFixed(3).padStart(9)} ${percentile(list, 95).toFixed(3).padStart(8)} ${mean.toFixed(3).padStart(9)}\n`,
  );
}
await database.close();
