import { describe, expect, it } from 'vitest';
import { exposedCounts, type LinkedCount, protectLinked } from './linkedSuppression.ts';
import { determinable, type Equation } from './linkedSuppressionTesting.ts';

/** A table of cells by row and column with its row totals, column totals and grand total, as linked counts. */
function grid(cells: number[][]): LinkedCount[] {
  const counts: LinkedCount[] = [];
  const columns = cells[0]?.length ?? 0;
  cells.forEach((row, r) => {
    row.forEach((value, c) => {
      counts.push({ id: `m${r}.${c}`, from: `row${r}`, to: `col${c}`, value });
    });
    counts.push({ id: `r${r}`, from: `row${r}`, to: 'col*', value: row.reduce((a, b) => a + b, 0) });
  });
  for (let c = 0; c < columns; c++)
    counts.push({
      id: `c${c}`,
      from: 'row*',
      to: `col${c}`,
      value: cells.reduce((a, row) => a + (row[c] ?? 0), 0),
    });
  const total = cells.flat().reduce((a, b) => a + b, 0);
  counts.push({ id: 't', from: 'row*', to: 'col*', value: total, keep: true });
  return counts;
}

/** The grid's own sums as equations over its counts: each row, each column, and the totals of both. */
function workedOut(cells: number[][], hidden: Set<string>): string[] {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  const equations: Equation[] = [];
  for (let r = 0; r < rows; r++)
    equations.push(
      new Map([[`r${r}`, -1], ...(cells[r] ?? []).map((_, c) => [`m${r}.${c}`, 1] as [string, number])]),
    );
  for (let c = 0; c < columns; c++)
    equations.push(new Map([[`c${c}`, -1], ...cells.map((_, r) => [`m${r}.${c}`, 1] as [string, number])]));
  equations.push(
    new Map([['t', -1], ...cells.map((_, r) => [`r${r}`, 1] as [string, number])]),
    new Map([['t', -1], ...(cells[0] ?? []).map((_, c) => [`c${c}`, 1] as [string, number])]),
  );
  return determinable(equations, hidden);
}

/** A repeatable sequence of numbers from 0 to 1, so a failure can be run again. */
function sequence(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('protectLinked', () => {
  it('hides nothing when no count is small', () => {
    const counts = grid([
      [10, 20],
      [30, 0],
    ]);
    const { primary, hidden } = protectLinked(counts, 10);
    expect(primary.size).toBe(0);
    expect(hidden.size).toBe(0);
  });

  it('hides a small cell with three more, the smallest that make a rectangle, keeping the totals', () => {
    // Row 0: 4 and 30 (total 34); row 1: 12 and 40 (total 52); columns 16 and 70; total 86.
    const counts = grid([
      [4, 30],
      [12, 40],
    ]);
    const { primary, hidden } = protectLinked(counts, 10);
    expect([...primary]).toEqual(['m0.0']);
    // The cell 4, with 12 below it (the smallest that closes a cycle through its column),
    // then 30 and 40 to close the rectangle: every total can stay as it is.
    expect([...hidden].sort()).toEqual(['m0.0', 'm0.1', 'm1.0', 'm1.1']);
    expect(
      workedOut(
        [
          [4, 30],
          [12, 40],
        ],
        hidden,
      ),
    ).toEqual([]);
  });

  it('finds a hidden count that one line alone does not give away but two lines do', () => {
    // Hidden: both cells of row 0 and the cell below the first. Row 0 has two hidden,
    // column 0 has two hidden, but column 1 has only one: it is a bridge.
    const counts = grid([
      [4, 5],
      [6, 20],
    ]);
    const exposed = exposedCounts(counts, new Set(['m0.0', 'm0.1', 'm1.0']));
    expect(exposed.map((c) => c.id).sort()).toEqual(['m0.1', 'm1.0', 'm0.0'].sort());
    expect(
      workedOut(
        [
          [4, 5],
          [6, 20],
        ],
        new Set(['m0.0', 'm0.1', 'm1.0']),
      ).sort(),
    ).toEqual(['m0.0', 'm0.1', 'm1.0'].sort());
  });

  it('finds a count given away by two cycles of hidden counts joined by it, though every line hides two or more', () => {
    const cells = [
      [4, 5, 30, 30],
      [6, 7, 8, 30],
      [30, 30, 3, 2],
      [30, 30, 1, 9],
    ];
    // Two rectangles of hidden cells, and the 8 between them: row 1 and column 2 each hide three.
    const hidden = new Set(['m0.0', 'm0.1', 'm1.0', 'm1.1', 'm2.2', 'm2.3', 'm3.2', 'm3.3', 'm1.2']);
    expect(exposedCounts(grid(cells), hidden).map((c) => c.id)).toEqual(['m1.2']);
    expect(workedOut(cells, hidden)).toEqual(['m1.2']);
    const protectedSet = protectLinked(grid(cells), 10).hidden;
    expect(workedOut(cells, protectedSet)).toEqual([]);
  });

  it('leaves no hidden count that the sums give away, on a thousand random tables', () => {
    const random = sequence(20261202);
    for (let n = 0; n < 1000; n++) {
      const rows = 1 + Math.floor(random() * 6);
      const columns = 1 + Math.floor(random() * 5);
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => {
          const kind = random();
          return kind < 0.25 ? 0 : kind < 0.6 ? 1 + Math.floor(random() * 9) : 10 + Math.floor(random() * 60);
        }),
      );
      const counts = grid(cells);
      const { primary, hidden } = protectLinked(counts, 10);
      for (const c of counts) if (c.value > 0 && c.value < 10) expect(primary.has(c.id)).toBe(true);
      expect(exposedCounts(counts, hidden)).toEqual([]);
      expect({ cells, exposed: workedOut(cells, hidden) }).toEqual({ cells, exposed: [] });
    }
  });

  it('hides the grand total only when it is small itself', () => {
    const random = sequence(7);
    for (let n = 0; n < 300; n++) {
      const cells = Array.from({ length: 3 }, () =>
        Array.from({ length: 4 }, () => Math.floor(random() * 25)),
      );
      const total = cells.flat().reduce((a, b) => a + b, 0);
      const { hidden } = protectLinked(grid(cells), 10);
      expect(hidden.has('t')).toBe(total > 0 && total < 10);
    }
  });
});
