// The audit's figures, kept a few minutes per area and filters so that
// moving between views, exports and the report does not count a whole area
// again each time. Figures read in the last few minutes are counted again in
// the background once they are two minutes old, so a lead coming back to a
// view finds it ready and never more than a few minutes behind the records.
// Counts only, never personal data; each partnership area's figures are its
// own (the key starts with the area), and who may read them is checked on
// every read before the kept figures are looked at.
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import type { HousekeepingTask } from '../../platform/housekeeping.ts';
import { filterQuery } from './auditFilters.ts';
import { auditAreaOf } from './auditScope.ts';
import type { AuditTable } from './auditTable.ts';
import type { AuditFilters, AuditView } from './auditView.ts';
import { auditViewById } from './auditViews.ts';
import { keyFigures } from './keyFigures.ts';

/** Figures older than this are never shown: they are counted again first. */
export const auditResultsMaxAgeSeconds = 300;
/** Figures this old, read lately, are counted again in the background. */
export const auditResultsRefreshSeconds = 120;
/** How lately figures must have been read to be counted again in the background. */
const readLatelyMs = 5 * 60_000;
/** At most this many sets of figures are counted again in one round (the most lately read). */
const refreshPerRound = 6;

type Build<T> = (db: Db, access: AccessContext, filters: AuditFilters) => Promise<T>;

interface Entry {
  value: Promise<unknown>;
  countedAt: number;
  readAt: number;
  count: () => Promise<unknown>;
}

export class AuditResults {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxAgeMs = auditResultsMaxAgeSeconds * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The figures of `name` for the area of `access` (a partnership lead's, else refused) and `filters`. */
  get<T>(name: string, build: Build<T>, db: Db, access: AccessContext, filters: AuditFilters): Promise<T> {
    const key = `${auditAreaOf(access)}|${name}|${filterQuery(filters)}`;
    const time = this.now();
    const entry = this.entries.get(key);
    if (entry && time - entry.countedAt < this.maxAgeMs) {
      entry.readAt = time;
      return entry.value as Promise<T>;
    }
    return this.count(name, build, db, access, filters);
  }

  /** Counts the figures of `name` afresh and keeps them, for the next reader. */
  count<T>(name: string, build: Build<T>, db: Db, access: AccessContext, filters: AuditFilters): Promise<T> {
    const key = `${auditAreaOf(access)}|${name}|${filterQuery(filters)}`;
    const count = () => build(db, access, filters);
    return this.keep(key, count(), this.now(), count).value as Promise<T>;
  }

  /** Forgets an area's figures: what the lead has just changed (a need estimate) shows at once. */
  forgetArea(areaId: string | undefined): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${areaId}|`)) this.entries.delete(key);
  }

  /** The audit's key figures (its contents page and the API's index), kept like a view's. */
  async keyFigures(db: Db, access: AccessContext, filters: AuditFilters): Promise<AuditTable> {
    const [figures] = await this.get(
      'key-figures',
      // From the views' own tables, counted afresh and kept: the views opened next are ready.
      async (d, a, f) => [
        await keyFigures(d, a, f, (id) => {
          const view = auditViewById(id);
          if (!view) throw new Error(`no audit view ${id}`);
          return this.count(id, view.build, d, a, f);
        }),
      ],
      db,
      access,
      filters,
    );
    if (!figures) throw new Error('no key figures');
    return figures;
  }

  /** A view whose figures are kept here. */
  view(view: AuditView): AuditView {
    return { ...view, build: (db, access, filters) => this.get(view.id, view.build, db, access, filters) };
  }

  /** Counts again the figures read lately and at least two minutes old; forgets those not read lately. */
  async refresh(refreshAfterMs = auditResultsRefreshSeconds * 1000): Promise<number> {
    const time = this.now();
    for (const [key, entry] of this.entries) if (time - entry.readAt > readLatelyMs) this.entries.delete(key);
    const due = [...this.entries]
      .filter(([, entry]) => time - entry.countedAt >= refreshAfterMs)
      .sort(([, a], [, b]) => b.readAt - a.readAt)
      .slice(0, refreshPerRound);
    for (const [key, entry] of due) {
      const counted = this.now();
      try {
        const value = await entry.count();
        // Readers keep the figures they had until the new ones are ready.
        if (this.entries.get(key) === entry)
          this.keep(key, Promise.resolve(value), counted, entry.count, entry.readAt);
      } catch {
        // A filter no longer valid (a locality removed, say): the next read counts, or refuses, afresh.
        if (this.entries.get(key) === entry) this.entries.delete(key);
      }
    }
    return due.length;
  }

  task(): HousekeepingTask {
    return { name: 'audit figures', run: async () => void (await this.refresh()) };
  }

  private keep(
    key: string,
    value: Promise<unknown>,
    countedAt: number,
    count: Entry['count'],
    readAt = countedAt,
  ) {
    const entry: Entry = { value, countedAt, readAt, count };
    this.entries.set(key, entry);
    // A failed count is not kept.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry;
  }
}
