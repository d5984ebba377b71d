// For tests of the small-number rule over linked counts: which hidden counts
// could be worked out from what is shown, found by linear algebra rather than
// by the graph `protectLinked` uses, so the two can check each other.
import type { AuditTable, ShownTable } from './auditTable.ts';

/** An equation over counts, by id: the sum of coefficient × count is 0. */
export type Equation = Map<string, number>;

/**
 * The hidden counts that the equations give exactly: those whose unit vector
 * lies in the span of the equations restricted to the hidden counts (adding it
 * does not raise the rank). Shown counts are known, so they drop out.
 */
export function determinable(equations: readonly Equation[], hidden: Iterable<string>): string[] {
  const ids = [...new Set(hidden)];
  const matrix = equations.map((eq) => ids.map((id) => eq.get(id) ?? 0));
  const rank = (m: number[][]) => {
    const a = m.map((row) => [...row]);
    let r = 0;
    for (let col = 0; col < ids.length && r < a.length; col++) {
      let pivot = r;
      for (let i = r + 1; i < a.length; i++)
        if (Math.abs(a[i]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = i;
      if (Math.abs(a[pivot]?.[col] ?? 0) < 1e-9) continue;
      [a[r], a[pivot]] = [a[pivot] as number[], a[r] as number[]];
      const p = a[r] as number[];
      for (let i = 0; i < a.length; i++) {
        if (i === r) continue;
        const row = a[i] as number[];
        const f = (row[col] ?? 0) / (p[col] as number);
        for (let j = col; j < ids.length; j++) row[j] = (row[j] ?? 0) - f * (p[j] ?? 0);
      }
      r++;
    }
    return r;
  };
  const base = rank(matrix);
  return ids.filter((_, i) => rank([...matrix, ids.map((__, j) => (j === i ? 1 : 0))]) === base);
}

/**
 * For a view's tables as built and as shown: in each count column of a table
 * crossed from two others, the hidden counts of the three that their sums give
 * away, as "table / row / column". Empty when nothing can be worked out.
 */
export function crossLeaks(built: readonly AuditTable[], shown: readonly ShownTable[]): string[] {
  const found: string[] = [];
  for (const cross of built) {
    if (!cross.crossOf) continue;
    const { across, down, places } = cross.crossOf;
    const byId = new Map(shown.map((t) => [t.id, t]));
    const parts = [cross.id, across, down].map((id) => byId.get(id) as ShownTable);
    for (const column of cross.columns.filter((c) => c.kind === 'count')) {
      const key = column.key;
      const id = (table: string, row: string) => `${table} / ${row} / ${key}`;
      const total = `total / ${key}`;
      const equations: Equation[] = [];
      const [inCross, inAcross, inDown] = parts as [ShownTable, ShownTable, ShownTable];
      for (const a of inAcross.rows) {
        const eq: Equation = new Map([[id(across, a.key), -1]]);
        for (const r of cross.rows) if (places[r.key]?.across === a.key) eq.set(id(cross.id, r.key), 1);
        equations.push(eq);
      }
      for (const d of inDown.rows) {
        const eq: Equation = new Map([[id(down, d.key), -1]]);
        for (const r of cross.rows) if (places[r.key]?.down === d.key) eq.set(id(cross.id, r.key), 1);
        equations.push(eq);
      }
      equations.push(
        new Map([[total, -1], ...inAcross.rows.map((a) => [id(across, a.key), 1] as [string, number])]),
        new Map([[total, -1], ...inDown.rows.map((d) => [id(down, d.key), 1] as [string, number])]),
      );
      const hidden = [
        ...inCross.rows.filter((r) => r.cells[key]?.suppressed).map((r) => id(cross.id, r.key)),
        ...inAcross.rows.filter((r) => r.cells[key]?.suppressed).map((r) => id(across, r.key)),
        ...inDown.rows.filter((r) => r.cells[key]?.suppressed).map((r) => id(down, r.key)),
        ...(parts.some((t) => t.total?.cells[key]?.suppressed) ? [total] : []),
      ];
      found.push(...determinable(equations, hidden));
    }
  }
  return found;
}
