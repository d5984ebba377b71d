import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { ensureDemo } from '../src/demo/demoLoader.ts';
import { financialYear, lastTwelveMonths } from '../src/features/audit/auditFilters.ts';
import { gapFigures } from '../src/features/gaps/gapFigures.ts';
import { gapList } from '../src/features/gaps/gapList.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-scratch-'));
const database = await openDatabase({});
await migrate(database);
await ensureDemo(database, { dataDir, demoPassword: 'scratch-password-123' });
const db = database.db;
const [lead] = await queryRows<{ id: string; areaId: string }>(db, sql`select u.id, o.partnership_area_id as "areaId" from app_user u join organisation o on o.id = u.organisation_id where u.email = 'elspeth.morrison@glenmuir-adp.example'`);
const access = { userId: lead!.id, tokenId: undefined, organisationId: undefined, partnershipAreaId: lead!.areaId, roles: ['partnership_lead' as const], ip: '127.0.0.1', requestId: 's' };
const localities = await queryRows<{ id: string; name: string }>(db, sql`select id, name from locality where partnership_area_id = ${lead!.areaId}`);
const today = new Date().toISOString().slice(0, 10);
const periods = { last12: lastTwelveMonths(today), fy2025: financialYear(2025), fy2026: { from: '2026-04-01', to: today } };
for (const [pname, period] of Object.entries(periods)) {
  for (const l of [{ id: undefined, name: 'area' }, ...localities]) {
    const filters = { ...period, ...(l.id ? { localityId: l.id } : {}) };
    const { gaps, tables } = gapList(await gapFigures(db, access as never, filters, today), 10);
    const groups = tables.find((t) => t.id === 'gaps-by-group');
    const yp = groups?.rows.find((r) => r.key === 'young_people');
    console.log(pname, l.name, gaps.filter((g) => g.kind === 'group').map((g) => `${g.key} :: ${g.findings.map((f) => f.found).join(' | ')}`), 'YP:', JSON.stringify(Object.fromEntries(Object.entries(yp?.cells ?? {}).map(([k, c]) => [k, c.text]))));
  }
}
await database.close();
