import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { ForbiddenError } from '../../platform/http/errors.ts';
import { AuditResults } from './auditResults.ts';
import type { AuditTable } from './auditTable.ts';
import { leadAccess } from './auditTesting.ts';
import type { AuditView } from './auditView.ts';

const db = {} as Db;
const year = { from: '2025-04-01', to: '2026-03-31' };
const lead = leadAccess({ id: 'u1', organisationId: 'o1' }, 'area-1');
const otherLead = leadAccess({ id: 'u2', organisationId: 'o2' }, 'area-2');

/** A view that counts how often it was built, its one table titled by that number. */
function countingView() {
  let builds = 0;
  const view: AuditView = {
    id: 'quantity',
    title: 'Quantity',
    summary: '',
    build: async () => {
      builds += 1;
      return [{ id: 't', title: String(builds), definition: '', columns: [], rows: [] } as AuditTable];
    },
  };
  return { view, builds: () => builds };
}

const title = async (tables: Promise<AuditTable[]>) => (await tables)[0]?.title;

describe('the audit’s kept figures', () => {
  it('keeps figures per area and filters for five minutes, then counts again', async () => {
    let now = 0;
    const results = new AuditResults(300_000, () => now);
    const { view, builds } = countingView();
    const kept = results.view(view);
    expect(await title(kept.build(db, lead, year))).toBe('1');
    now = 299_000;
    expect(await title(kept.build(db, lead, year))).toBe('1');
    expect(await title(kept.build(db, otherLead, year))).toBe('2');
    expect(await title(kept.build(db, lead, { ...year, localityId: 'l1' }))).toBe('3');
    now = 300_000;
    expect(await title(kept.build(db, lead, year))).toBe('4');
    expect(builds()).toBe(4);
  });

  it('counts afresh when asked to, and keeps that count for the view’s next reader', async () => {
    let now = 0;
    const results = new AuditResults(300_000, () => now);
    const { view, builds } = countingView();
    const kept = results.view(view);
    expect(await title(kept.build(db, lead, year))).toBe('1');
    now = 60_000;
    // What the contents page does for the views it takes its key figures from.
    expect(await title(results.count('quantity', view.build, db, lead, year))).toBe('2');
    now = 350_000;
    expect(await title(kept.build(db, lead, year))).toBe('2');
    expect(builds()).toBe(2);
    expect(() =>
      results.count('quantity', view.build, db, { ...lead, roles: ['practitioner'] }, year),
    ).toThrow(ForbiddenError);
  });

  it('refuses anyone but a partnership lead before looking at what is kept', async () => {
    const results = new AuditResults();
    const { view } = countingView();
    await results.view(view).build(db, lead, year);
    const practitioner = { ...lead, roles: ['practitioner' as const] };
    expect(() => results.view(view).build(db, practitioner, year)).toThrow(ForbiddenError);
  });

  it('counts again in the background what was read lately and is two minutes old, and forgets the rest', async () => {
    let now = 0;
    const results = new AuditResults(300_000, () => now);
    const { view, builds } = countingView();
    const kept = results.view(view);
    await kept.build(db, lead, year);
    await kept.build(db, lead, { ...year, group: 'age-12-17' });
    now = 60_000;
    expect(await results.refresh()).toBe(0);
    now = 130_000;
    await kept.build(db, lead, year); // read again: still the first count
    expect(await results.refresh()).toBe(2);
    expect(builds()).toBe(4);
    expect(await title(kept.build(db, lead, year))).toBe('3');
    // Not read for over five minutes: forgotten, not counted again.
    now = 130_000 + 301_000;
    expect(await results.refresh()).toBe(0);
    expect(await title(kept.build(db, lead, year))).toBe('5');
  });

  it('forgets an area’s figures when its lead changes what they are worked out from', async () => {
    const results = new AuditResults();
    const { view } = countingView();
    const kept = results.view(view);
    await kept.build(db, lead, year);
    await kept.build(db, otherLead, year);
    results.forgetArea('area-1');
    expect(await title(kept.build(db, lead, year))).toBe('3');
    expect(await title(kept.build(db, otherLead, year))).toBe('2');
  });

  it('does not keep a count that failed', async () => {
    const results = new AuditResults();
    let fail = true;
    const view: AuditView = {
      id: 'reach',
      title: 'Reach',
      summary: '',
      build: async () => {
        if (fail) throw new Error('database down');
        return [];
      },
    };
    await expect(results.view(view).build(db, lead, year)).rejects.toThrow('database down');
    fail = false;
    await expect(results.view(view).build(db, lead, year)).resolves.toEqual([]);
  });
});
