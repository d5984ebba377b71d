// The gaps view on a seeded bench area: npx tsx bench/gapsView.ts
// (DATABASE_URL: a database whose name contains "bench", seeded with
// `npx hearth seed-bench`). Builds the view for the last 12 months, whole
// area and one locality, and prints how long each took: the first build
// counts the people supported, the next two read them from the two-minute
// cache (the estimates, the directory and the waits are read every time).
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { benchArea } from '../src/demo/benchData.ts';
import { lastTwelveMonths } from '../src/features/audit/auditFilters.ts';
import { gapsView } from '../src/features/gaps/gapsView.ts';
import { benchLeadAccess } from './benchLeadAccess.ts';

const url = process.env.DATABASE_URL;
if (!url || !new URL(url).pathname.includes('bench'))
  throw new Error('DATABASE_URL must name a seeded database whose name contains "bench"');
const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
try {
  const [area] = await queryRows<{ id: string; locality: string; families: number; contacts: number }>(
    database.db,
    sql`select a.id, (select id from locality where partnership_area_id = a.id order by name limit 1) as locality,
        (select count(*)::int from family where partnership_area_id = a.id) as families,
        (select count(*)::int from contact) as contacts
      from partnership_area a where a.name = ${benchArea.name}`,
  );
  if (!area) throw new Error('no bench area: run npx hearth seed-bench first');
  const access = benchLeadAccess(area.id);
  const today = new Date().toISOString().slice(0, 10);
  const { from, to } = lastTwelveMonths(today);
  process.stdout.write(
    `${area.families.toLocaleString('en-GB')} families, ${area.contacts.toLocaleString('en-GB')} contacts\n`,
  );
  for (const [name, filters] of [
    ['whole area', { from, to }],
    ['one locality', { from, to, localityId: area.locality }],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await gapsView.build(database.db, access, filters);
      times.push(performance.now() - started);
    }
    const [first = 0, ...again] = times;
    process.stdout.write(
      `gaps view, ${name}: first ${first.toFixed(0)} ms, then ${again.map((t) => t.toFixed(0)).join(' and ')} ms\n`,
    );
  }
} finally {
  await database.close();
}
