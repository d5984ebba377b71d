import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import type { AuditTable, ShownTable } from '../audit/auditTable.ts';
import { auditViewById } from '../audit/auditViews.ts';
import { gapFigures } from './gapFigures.ts';
import { gapList } from './gapList.ts';
import { gapScenario, testPeriod, testToday } from './gapTesting.ts';

type Scenario = Awaited<ReturnType<typeof gapScenario>>;

/** A table's rows as { row label: { column: value } }, for comparing with the answers worked out by hand. */
function values(table: AuditTable | undefined) {
  if (!table) throw new Error('no such table');
  const rows = [...table.rows, ...(table.total ? [table.total] : [])];
  return Object.fromEntries(rows.map((r) => [r.label.replace(/ \(Test Org .*\)$/, ''), r.values]));
}

describe('gap analysis against a hand-built partnership', () => {
  let database: Database;
  let s: Scenario;
  let tables: AuditTable[];
  beforeAll(async () => {
    database = await testDatabase();
    s = await gapScenario(database.db);
    const view = auditViewById('gaps');
    if (!view) throw new Error('the gaps view is not registered');
    tables = await view.build(database.db, s.access, testPeriod);
  });
  afterAll(async () => {
    await database.close();
  });

  it('sets each locality’s need against the people supported, the services there and long waits', () => {
    // Supported in the period: North P1 (support), P3 (contact), P5 (group session; her support ended
    // before the period), P6 (support): 4; South P7 (contact) and P9 (support that ended inside the period): 2;
    // P12 has no locality, so counts only for the area: 7. Not P2 or P8 (they use substances), P4 (no
    // support), P10 (did not attend) or P11 (contact recorded in error).
    // Affected: North 200 × 11 = 2,200 (the 2027 estimate is after the period); South 500 × 10 = 5,000;
    // the area has no estimate of its own, so 2,200 + 5,000 = 7,200. For every 1,000: 4/2,200 → 1.8,
    // 2/5,000 → 0.4, 7/7,200 → 0.97 → 1.0. South is under half the area's rate (0.49): a gap.
    // Services for families: North has the family group (a place there), the area-wide one-to-one, the
    // programme covering North and the Scotland-wide line: 4, 1 based. South: the one-to-one (based there)
    // and the line: 2, 1. The test locality: the same two, none based. Not the recovery service (only for
    // people using substances) or the inactive group. Long waits: R1 (61 days, South) and R3 (waiting 89 days
    // by the period's end, no family): South 1, the area 2.
    expect(values(tables.find((t) => t.id === 'gaps-by-locality'))).toEqual({
      North: {
        affected: 2200,
        supported: 4,
        per1000: 1.8,
        longWaits: 0,
        services: 4,
        based: 1,
        gaps: 'none found',
      },
      South: {
        affected: 5000,
        supported: 2,
        per1000: 0.4,
        longWaits: 1,
        services: 2,
        based: 1,
        gaps: 'reach under half the area’s',
      },
      'Test Locality': {
        affected: null,
        supported: 0,
        per1000: null,
        longWaits: 0,
        services: 2,
        based: 0,
        gaps: 'no estimate of need; no service based here',
      },
      'Whole area': {
        affected: 7200,
        supported: 7,
        per1000: 1,
        longWaits: 2,
        services: 4,
        based: 2,
        gaps: '',
      },
    });
  });

  it('sets each group against its estimate where one exists, and finds few fathers only below 1 in 4 parents', () => {
    // Young people: P3 (14 on 31 March 2026), 1 of 50 = 2%: under 1 in 10. Children: P4 was not supported: 0
    // of 30 and no service lists children. Young carers: nobody, no estimate, no service. Grandparents: P5, 1
    // of 5 + 5 = 10, exactly 1 in 10: not a gap. Fathers: P6 (P2 uses substances), 1 of 2 parents (P1, P6).
    // Partners: P7. Bereaved: F3, 1 family of 4; no service lists bereaved families.
    expect(values(tables.find((t) => t.id === 'gaps-by-group'))).toEqual({
      'Young people aged 12 to 17': {
        reached: 1,
        estimate: 50,
        share: 2,
        services: 1,
        gaps: 'under 1 in 10 of the estimate supported',
      },
      'Children under 12': {
        reached: 0,
        estimate: 30,
        share: 0,
        services: 0,
        gaps: 'nobody supported; no service lists them',
      },
      'Young carers': {
        reached: 0,
        estimate: null,
        share: null,
        services: 0,
        gaps: 'nobody supported; no service lists them',
      },
      'Grandparents and kinship carers': {
        reached: 1,
        estimate: 10,
        share: 10,
        services: 1,
        gaps: 'none found',
      },
      Fathers: { reached: 1, estimate: null, share: null, services: 2, gaps: 'none found' },
      'Partners of someone using substances': {
        reached: 1,
        estimate: null,
        share: null,
        services: 1,
        gaps: 'none found',
      },
      'Bereaved families': { reached: 1, estimate: 4, share: 25, services: 0, gaps: 'no service lists them' },
      'Parents (mothers and fathers)': { reached: 2, estimate: null, share: null, services: null, gaps: '' },
    });
  });

  it('counts the kinds of support with a place in each locality and available there, flagging none or little', () => {
    expect(values(tables.find((t) => t.id === 'gaps-by-kind-of-support'))).toEqual({
      North: {
        one_to_one_based: 0,
        one_to_one_all: 2,
        groups_based: 1,
        groups_all: 1,
        structured_programmes_based: 0,
        structured_programmes_all: 1,
        peer_support_based: 1,
        peer_support_all: 2,
        gaps: 'one-to-one only from elsewhere; groups from one service here; structured programmes only from elsewhere; peer support from one service here',
      },
      South: {
        one_to_one_based: 1,
        one_to_one_all: 2,
        groups_based: 0,
        groups_all: 0,
        structured_programmes_based: 0,
        structured_programmes_all: 0,
        peer_support_based: 0,
        peer_support_all: 1,
        gaps: 'one-to-one from one service here; no groups; no structured programmes; peer support only from elsewhere',
      },
      'Test Locality': {
        one_to_one_based: 0,
        one_to_one_all: 2,
        groups_based: 0,
        groups_all: 0,
        structured_programmes_based: 0,
        structured_programmes_all: 0,
        peer_support_based: 0,
        peer_support_all: 1,
        gaps: 'one-to-one only from elsewhere; no groups; no structured programmes; peer support only from elsewhere',
      },
    });
  });

  it('counts referrals sent in the period that waited over 6 weeks, by service', () => {
    // The one-to-one: R1 (61 days), R2 (19 days), R5 (declined, never waited on); the group: R3 (89 days).
    // R4 was sent before the period.
    expect(values(tables.find((t) => t.id === 'gaps-long-waits'))).toEqual({
      'Area one-to-one': { received: 3, over6Weeks: 1, gaps: 'waits over 6 weeks' },
      'North family group': { received: 1, over6Weeks: 1, gaps: 'waits over 6 weeks' },
      'Whole area': { received: 4, over6Weeks: 2, gaps: '' },
    });
  });

  it('lists each gap with its rule, and what was found in words', async () => {
    const figures = await gapFigures(database.db, s.access, testPeriod, testToday);
    const { gaps } = gapList(figures, 1);
    expect(gaps.map((g) => g.key)).toEqual([
      `locality:${s.localities.south}`,
      `locality:${s.localities.test}`,
      'group:young_people',
      'group:children',
      'group:young_carers',
      'group:bereaved',
      ...['one_to_one', 'groups', 'structured_programmes', 'peer_support'].map(
        (k) => `support:${s.localities.north}:${k}`,
      ),
      ...['one_to_one', 'groups', 'structured_programmes', 'peer_support'].map(
        (k) => `support:${s.localities.south}:${k}`,
      ),
      ...['one_to_one', 'groups', 'structured_programmes', 'peer_support'].map(
        (k) => `support:${s.localities.test}:${k}`,
      ),
      `wait:${s.services.s2}`,
      `wait:${s.services.s1}`,
    ]);
    const found = (key: string) => gaps.find((g) => g.key === key)?.findings.map((f) => f.found);
    expect(found(`locality:${s.localities.south}`)).toEqual([
      '2 family members supported against an estimated 5,000 affected: 0.4 for every 1,000, against 1 across the area.',
    ]);
    expect(found(`locality:${s.localities.test}`)).toEqual([
      'No estimate of people with problem substance use for a year up to 2026.',
      '2 family support services are available to Test Locality; none has a place there.',
    ]);
    expect(found('group:young_people')).toEqual(['1 supported against an estimated 50 (2%).']);
    expect(found('group:children')).toEqual([
      'Nobody supported in the period, against an estimated 30.',
      'No active service in the directory lists them among who it is for.',
    ]);
    expect(found(`support:${s.localities.south}:groups`)).toEqual([
      'No service in the directory offers groups in South.',
    ]);
    expect(found(`support:${s.localities.north}:peer_support`)).toEqual([
      'One service with a place in North offers it (2 available in all).',
    ]);
    expect(found(`wait:${s.services.s2}`)).toEqual([
      '1 of 3 referrals sent in the period waited over 6 weeks.',
    ]);
    expect(gaps.find((g) => g.key === 'group:young_people')?.findings[0]?.rule).toBe(
      'A group is a gap when fewer than 1 in 10 of its estimated number were supported in the period.',
    );
  });

  it('looks at one locality against the whole area when filtered', async () => {
    const figures = await gapFigures(
      database.db,
      s.access,
      { ...testPeriod, localityId: s.localities.south },
      testToday,
    );
    expect(figures.scope.name).toBe('South');
    // In South: P7 a partner, F3 bereaved; nobody else. Its own grandparents estimate (5); the others are area-wide.
    expect(
      Object.fromEntries(
        figures.groups.map((g) => [g.code, [g.reached, g.estimate?.estimate ?? null, g.services]]),
      ),
    ).toEqual({
      young_people: [0, null, 1],
      children: [0, null, 0],
      young_carers: [0, null, 0],
      grandparents: [0, 5, 1],
      fathers: [0, null, 0],
      partners: [1, null, 0],
      bereaved: [1, null, 0],
    });
    expect(figures.waits.map((w) => [w.name, w.received, w.over6Weeks])).toEqual([['Area one-to-one', 1, 1]]);
    const { gaps } = gapList(figures, 1);
    expect(gaps.filter((g) => g.kind === 'locality').map((g) => g.localityId)).toEqual([s.localities.south]);
    expect(gaps.find((g) => g.kind === 'group' && g.key.startsWith('group:partners'))?.key).toBe(
      `group:partners:${s.localities.south}`,
    );
  });

  it('hides every small count in the view, and words no gap with one', async () => {
    const figures = await gapFigures(database.db, s.access, testPeriod, testToday);
    const { tables: shown, gaps } = gapList(figures, 10);
    const raw = await auditViewById('gaps')?.build(database.db, s.access, testPeriod);
    for (const table of raw ?? []) {
      const counts = table.columns.filter((c) => c.kind === 'count');
      const rows = [...table.rows, ...(table.total ? [table.total] : [])];
      const out = shown.find((t) => t.id === table.id) as ShownTable;
      const outRows = [...out.rows, ...(out.total ? [out.total] : [])];
      rows.forEach((row, i) => {
        for (const c of counts) {
          const n = row.values[c.key];
          const cell = outRows[i]?.cells[c.key];
          if (typeof n === 'number' && n > 0 && n < 10) {
            expect(cell?.suppressed).toBe(true);
            expect(cell?.value).toBeNull();
          }
        }
        // Rates from a hidden count are hidden with it.
        for (const c of table.columns.filter((col) => col.basedOn))
          if (outRows[i]?.cells[c.basedOn as string]?.suppressed)
            expect(outRows[i]?.cells[c.key]?.suppressed).toBe(true);
      });
    }
    expect(shown.find((t) => t.id === 'gaps-by-locality')?.rows[1]?.cells.supported?.text).toBe(
      'fewer than 10',
    );
    // What each gap says: no figure under 10 but the rules' own (6 weeks, 1 in 10, 1,000) and counts of
    // services, which are public (the directory lists them).
    const words = gaps.flatMap((g) => g.findings.map((f) => f.found)).join(' ');
    expect(words).toContain('Fewer than 10 family members supported against an estimated 5,000 affected');
    expect(words).toContain(
      'Fewer than 10 of fewer than 10 referrals sent in the period waited over 6 weeks.',
    );
    const people = words.replace(
      /6 weeks|1 in 10|1,000|up to \d{4}|\d+ (family support )?services?|\(\d+ available in all\)/g,
      '',
    );
    expect(people).not.toMatch(/(?<![\d,.])[1-9](?![\d,])/);
  });

  it('refuses anyone but a partnership lead', async () => {
    await expect(auditViewById('gaps')?.build(database.db, s.workerAccess, testPeriod)).rejects.toThrow();
  });
});
