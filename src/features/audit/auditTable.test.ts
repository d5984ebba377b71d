import { describe, expect, it } from 'vitest';
import { type AuditTable, suppressTable } from './auditTable.ts';

const table = (rows: [string, number, number][], total?: [number, number]): AuditTable => ({
  id: 't',
  title: 'T',
  definition: 'D',
  columns: [
    { key: 'people', label: 'People', kind: 'count' },
    { key: 'seen', label: 'Seen in 3 weeks', kind: 'percent', basedOn: 'people' },
    { key: 'families', label: 'Families', kind: 'count' },
  ],
  rows: rows.map(([label, people, families]) => ({
    key: label,
    label,
    values: { people, families, seen: 80 },
  })),
  ...(total
    ? { total: { key: 'all', label: 'All', values: { people: total[0], families: total[1], seen: 80 } } }
    : {}),
});

describe('suppressTable', () => {
  it('shows counts of the threshold and above, and zero, as they are', () => {
    const shown = suppressTable(
      table(
        [
          ['A', 10, 0],
          ['B', 25, 12],
        ],
        [35, 12],
      ),
      10,
    );
    expect(shown.rows.map((r) => r.cells.people?.text)).toEqual(['10', '25']);
    expect(shown.rows[0]?.cells.families?.text).toBe('0');
    expect(shown.total?.cells.people?.text).toBe('35');
    expect(shown.anySuppressed).toBe(false);
  });

  it('hides a small count and the next smallest in its column, so the total cannot reveal it', () => {
    const shown = suppressTable(
      table(
        [
          ['A', 4, 20],
          ['B', 30, 20],
          ['C', 12, 20],
        ],
        [46, 60],
      ),
      10,
    );
    expect(shown.rows.map((r) => r.cells.people?.text)).toEqual(['fewer than 10', '30', 'not shown']);
    expect(shown.total?.cells.people?.text).toBe('46');
    // The rate based on a hidden count is hidden with it.
    expect(shown.rows[0]?.cells.seen?.text).toBe('not shown');
    expect(shown.rows[1]?.cells.seen?.text).toBe('80%');
    expect(
      shown.rows.every((r) => r.cells.people?.value === null || typeof r.cells.people?.value === 'number'),
    ).toBe(true);
    expect(shown.rows[0]?.cells.people?.value).toBeNull();
  });

  it('hides the total when it is itself small, and a complementary cell with it', () => {
    const shown = suppressTable(
      table(
        [
          ['A', 3, 20],
          ['B', 4, 20],
        ],
        [7, 40],
      ),
      10,
    );
    expect(shown.rows.map((r) => r.cells.people?.text)).toEqual(['fewer than 10', 'fewer than 10']);
    expect(shown.total?.cells.people?.text).toBe('fewer than 10');
  });

  it('completes across the parts of a sum column until nothing can be worked out', () => {
    const t: AuditTable = {
      id: 's',
      title: 'S',
      definition: 'D',
      columns: [
        { key: 'all', label: 'All', kind: 'count', sumOf: ['girls', 'boys'] },
        { key: 'girls', label: 'Girls', kind: 'count' },
        { key: 'boys', label: 'Boys', kind: 'count' },
      ],
      rows: [
        { key: 'a', label: 'A', values: { all: 25, girls: 5, boys: 20 } },
        { key: 'b', label: 'B', values: { all: 40, girls: 20, boys: 20 } },
      ],
    };
    const shown = suppressTable(t, 10);
    const text = shown.rows.map((r) => [r.cells.all?.text, r.cells.girls?.text, r.cells.boys?.text]);
    // A's girls are small; A's boys go with them (row); then each column has
    // one hidden cell, so B's girls and boys go too; then row B has two hidden.
    expect(text[0]).toEqual(['25', 'fewer than 10', 'not shown']);
    expect(text[1]?.[1]).toBe('not shown');
    expect(text[1]?.[2]).toBe('not shown');
    for (const row of shown.rows) {
      const hiddenInRow = ['all', 'girls', 'boys'].filter((k) => row.cells[k]?.suppressed).length;
      expect(hiddenInRow === 0 || hiddenInRow >= 2).toBe(true);
    }
    for (const k of ['all', 'girls', 'boys']) {
      const hiddenInColumn = shown.rows.filter((r) => r.cells[k]?.suppressed).length;
      expect(hiddenInColumn === 0 || hiddenInColumn >= 2).toBe(true);
    }
  });

  it('says "not recorded" for a figure nobody recorded, rather than hiding the row', () => {
    const t = table([['A', 20, 20]]);
    const row = t.rows[0];
    if (row) row.values.seen = null;
    expect(suppressTable(t, 10).rows[0]?.cells.seen?.text).toBe('not recorded');
  });

  it('hides a rate with either of the counts it is worked out from', () => {
    const t: AuditTable = {
      id: 'r',
      title: 'R',
      definition: 'D',
      columns: [
        { key: 'started', label: 'Started', kind: 'count' },
        { key: 'within', label: 'Within', kind: 'count' },
        { key: 'share', label: 'Share', kind: 'percent', basedOn: 'within', alsoBasedOn: ['started'] },
      ],
      rows: [
        { key: 'a', label: 'A', values: { started: 4, within: 0, share: 0 } },
        { key: 'b', label: 'B', values: { started: 40, within: 30, share: 75 } },
        { key: 'c', label: 'C', values: { started: 50, within: 45, share: 89.9 } },
      ],
      total: { key: 'all', label: 'All', values: { started: 94, within: 75, share: 79.7 } },
    };
    const shown = suppressTable(t, 10);
    // A's 4 is small; B's 40 goes with it, so B's share (which with its 30 would give 40 back) goes too.
    expect(shown.rows.map((r) => [r.cells.started?.text, r.cells.share?.text])).toEqual([
      ['fewer than 10', 'not shown'],
      ['not shown', 'not shown'],
      ['50', '89.9%'],
    ]);
    expect(shown.total?.cells.share?.text).toBe('79.7%');
  });
});
