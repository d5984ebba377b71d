import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createUser } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { ApiTokenService } from '../api/apiTokenService.ts';
import type { ShownTable } from './auditTable.ts';
import { suppressTables } from './auditTable.ts';
import {
  addContact,
  addFamily,
  addGroup,
  addSession,
  auditArea,
  enrol,
  goalScores,
  programmeId,
  relate,
  support,
} from './auditTesting.ts';
import { addReferral, addService } from './auditTestingDirectory.ts';
import type { AuditFilters } from './auditView.ts';
import { auditViews } from './auditViews.ts';
import { keyFigures } from './keyFigures.ts';
import { crossLeaks } from './linkedSuppressionTesting.ts';

const threshold = 10;

/** Every way a shown table could give a small number away, as a list of what is wrong (empty when nothing is). */
function leaks(table: ShownTable): string[] {
  const problems: string[] = [];
  const rows = [...table.rows, ...(table.total ? [table.total] : [])];
  const where = (row: { label: string }, key: string) => `${table.id} / ${row.label} / ${key}`;
  for (const column of table.columns) {
    for (const row of rows) {
      const cell = row.cells[column.key];
      if (!cell) {
        problems.push(`${where(row, column.key)}: no cell`);
        continue;
      }
      if (column.kind === 'count') {
        const shown = typeof cell.value === 'number' ? cell.value : null;
        if (shown !== null && shown > 0 && shown < threshold)
          problems.push(`${where(row, column.key)}: ${shown}`);
        if (/^[1-9]$/.test(cell.text.trim())) problems.push(`${where(row, column.key)}: text ${cell.text}`);
        if (cell.suppressed && cell.value !== null)
          problems.push(`${where(row, column.key)}: hidden but has a value`);
      }
      // A figure worked out from a hidden count is hidden with it.
      const bases = [column.basedOn, ...(column.alsoBasedOn ?? [])].filter(
        (k): k is string => k !== undefined,
      );
      if (bases.some((k) => row.cells[k]?.suppressed) && !cell.suppressed)
        problems.push(`${where(row, column.key)}: shown though ${bases.join(', ')} is hidden`);
    }
    // With the rows and the total shown, exactly one hidden cell in a column could be worked out by subtraction.
    if (column.kind === 'count' && table.total) {
      const hidden = rows.filter((r) => r.cells[column.key]?.suppressed).length;
      if (hidden === 1) problems.push(`${table.id} / ${column.key}: one hidden cell in the column`);
    }
    // Likewise across a row, for a column that is the sum of others.
    if (column.sumOf)
      for (const row of rows) {
        const hidden = [column.key, ...column.sumOf].filter((k) => row.cells[k]?.suppressed).length;
        if (hidden === 1) problems.push(`${where(row, column.key)}: one hidden cell of a sum`);
      }
  }
  return problems;
}

/**
 * A small area where most counts are between 1 and 9 and a few are larger:
 * every view, the key figures and every API answer must hide the small ones.
 */
describe('small numbers in the provision audit', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let s: Awaited<ReturnType<typeof auditArea>>;
  let headers: Record<string, string>;
  const year: AuditFilters = { from: '2025-04-01', to: '2026-03-31' };
  const variants: AuditFilters[] = [];

  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    const db = database.db;
    s = await auditArea(db);
    const services = [
      await addService(db, s.a.id, { deliveredBy: ['paid_staff'], placedIn: [s.first] }),
      await addService(db, s.b.id, {
        deliveredBy: ['peers'],
        supportKinds: ['mutual_aid'],
        placedIn: [s.second],
      }),
      await addService(db, s.b.id, { deliveredBy: ['volunteers'], audiences: ['person_using'] }),
    ];
    const [one, two] = services as [string, string];
    const group = await addGroup(db, s.a.id, 'family_support', 14, ['paid', 'peer']);
    const small = await addGroup(db, s.b.id, 'young_people', 6, ['volunteer']);
    const fiveStep = await programmeId(db, '5-step-method');
    // 12 families in the first locality, 3 in the second, 1 with none: a parent and the son or daughter they
    // worry about, both supported; a contact each; most at the group; some on a programme; a goal each.
    const plan = [
      ...Array.from({ length: 12 }, (_, i) => ({ locality: s.first, i })),
      ...Array.from({ length: 3 }, (_, i) => ({ locality: s.second, i: 20 + i })),
      { locality: null, i: 30 },
    ];
    for (const { locality, i } of plan) {
      const f = await addFamily(db, s.area.id, locality, [
        { dateOfBirth: `${1950 + i}-03-01`, gender: i % 3 ? 'Female' : 'Male' },
        {
          roles: ['using_substances'],
          dateOfBirth: `${1985 + (i % 20)}-07-01`,
          inContact: i % 2 ? 'yes' : 'no',
        },
      ]);
      const [parent, son] = f.people as [string, string];
      await relate(db, f.id, parent, 'parent_of', son);
      await support(db, f.id, parent, s.a.id, '2025-05-01');
      await support(db, f.id, son, i % 4 ? s.a.id : s.b.id, '2025-05-01');
      await addContact(db, {
        familyId: f.id,
        organisationId: s.a.id,
        workerId: s.paid.id,
        at: '2025-06-01T10:00:00+01:00',
        members: [parent],
        minutes: 40 + i,
      });
      if (i % 5)
        await addSession(db, i % 2 ? group : small, `2025-0${5 + (i % 4)}-0${1 + (i % 7)}`, {
          named: [{ personId: parent, familyId: f.id }],
          anonymous: i % 3,
        });
      if (i < 3 || i === 20)
        await enrol(db, {
          programmeId: fiveStep,
          familyId: f.id,
          personId: parent,
          organisationId: s.a.id,
          enrolledOn: '2025-06-01',
          status: i === 1 ? 'completed' : 'active',
          ...(i === 1 ? { endedOn: '2025-09-01' } : {}),
        });
      await goalScores(db, f.id, parent, [
        { heldOn: '2025-05-01', score: 2, organisationId: s.a.id },
        { heldOn: '2025-10-01', score: 2 + (i % 4), organisationId: i < 20 ? s.a.id : s.b.id },
      ]);
      await addReferral(db, {
        serviceId: i < 20 ? one : two,
        organisationId: i < 20 ? s.a.id : s.b.id,
        origin: i % 3 ? 'practitioner' : 'self_referral',
        referringOrganisationId: s.b.id,
        familyId: f.id,
        sentAt: `2025-0${4 + (i % 6)}-10T10:00:00+01:00`,
        firstSupportOn: `2025-0${4 + (i % 6)}-${i % 2 ? '20' : '28'}`,
      });
    }
    const admin = await createUser(db, s.a.id, ['org_admin']);
    const adminAccess: AccessContext = { ...s.access, userId: admin.id, roles: ['org_admin'] };
    const issued = await new ApiTokenService(db).issue(adminAccess, {
      name: 'Analysts',
      roles: ['partnership_lead'],
    });
    headers = { authorization: `Bearer ${issued.token}` };
    variants.push(
      year,
      { ...year, localityId: s.second },
      { ...year, serviceId: two },
      { ...year, group: 'parent' },
    );
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('hides every count from 1 to 9 in every view, so that none can be worked out from a total', async () => {
    let tables = 0;
    let hidden = 0;
    let crossed = 0;
    for (const filters of variants) {
      const views = [[await keyFigures(database.db, s.access, filters)]];
      for (const view of auditViews) views.push(await view.build(database.db, s.access, filters));
      for (const built of views) {
        const shown = suppressTables(built, threshold);
        for (const table of shown) {
          expect(leaks(table), JSON.stringify(filters)).toEqual([]);
          tables += 1;
          hidden += table.anySuppressed ? 1 : 0;
        }
        // Nor from the other tables its cells add up to, by any mix of sums.
        expect(crossLeaks(built, shown), JSON.stringify(filters)).toEqual([]);
        crossed += built.filter((t) => t.crossOf && t.rows.length > 1).length;
      }
    }
    // The data set does have small numbers to hide, in most tables, and crossed tables to check.
    expect(hidden).toBeGreaterThan(tables / 2);
    expect(crossed).toBeGreaterThanOrEqual(variants.length);
  });

  it('answers the API with the same suppressed tables, never a raw count', async () => {
    const urls = ['/api/v1/partnership/audit', ...auditViews.map((v) => `/api/v1/partnership/audit/${v.id}`)];
    for (const filters of variants) {
      const query = new URLSearchParams(filters as unknown as Record<string, string>).toString();
      for (const url of urls) {
        const response = await app.inject({ url: `${url}?${query}`, headers });
        expect(response.statusCode, `${url}?${query}`).toBe(200);
        const body = response.json() as { tables: ShownTable[]; threshold: number };
        expect(body.threshold).toBe(threshold);
        expect(body.tables.length).toBeGreaterThan(0);
        for (const table of body.tables) expect(leaks(table), `${url}?${query}`).toEqual([]);
        // The raw figures never leave: only shown cells.
        expect(response.body).not.toContain('"values"');
      }
    }
  });
});
