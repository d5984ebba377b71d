// Where the provision audit's views spend their time, table by table, in one
// process: node --import tsx bench/auditSteps.ts [table,table…]
// (DATABASE_URL: a seeded database whose name contains "bench"). Builds each
// table of the quantity, reach and quality views for the last 12 months, whole
// area, as the bench partnership lead would see them, and prints how long each
// took and a digest of its figures (the same digest before and after a change
// to a query means the same answers).
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { benchArea } from '../src/demo/benchData.ts';
import { lastTwelveMonths } from '../src/features/audit/auditFilters.ts';
import { resolveScope } from '../src/features/audit/auditScope.ts';
import { listingsQuality, outcomesByService, workforceQuality } from '../src/features/audit/qualityTables.ts';
import {
  groupsByKind,
  programmesStarted,
  servicesByLocality,
} from '../src/features/audit/quantityProvision.ts';
import { supportByLocality } from '../src/features/audit/quantitySupport.ts';
import { reachTables } from '../src/features/audit/reachPeople.ts';
import { recoveryLink, routeIn } from '../src/features/audit/reachRoutes.ts';
import { waitingTables } from '../src/features/audit/waitingTables.ts';
import { benchLeadAccess } from './benchLeadAccess.ts';

const tables = {
  supportByLocality,
  servicesByLocality,
  groupsByKind,
  programmesStarted,
  reachTables,
  routeIn,
  recoveryLink,
  outcomesByService,
  listingsQuality,
  workforceQuality,
  waitingTables,
} as const;

const url = process.env.DATABASE_URL;
if (!url || !new URL(url).pathname.includes('bench'))
  throw new Error('DATABASE_URL must name a seeded database whose name contains "bench"');
const only = process.argv[2]?.split(',');
const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
try {
  const [area] = await queryRows<{ id: string }>(
    database.db,
    sql`select id from partnership_area where name = ${benchArea.name}`,
  );
  if (!area) throw new Error('no bench area: run npx hearth seed-bench first');
  const access = benchLeadAccess(area.id);
  const scope = await resolveScope(
    database.db,
    access,
    lastTwelveMonths(new Date().toISOString().slice(0, 10)),
  );
  for (const [name, build] of Object.entries(tables)) {
    if (only && !only.includes(name)) continue;
    const started = performance.now();
    const built = await build(database.db, scope);
    const took = performance.now() - started;
    const digest = createHash('sha256').update(JSON.stringify(built)).digest('hex').slice(0, 16);
    process.stdout.write(`${name}: ${took.toFixed(0)} ms (figures ${digest})\n`);
  }
} finally {
  await database.close();
}
