/** A count as a partnership user may see it: a number, or "fewer than N" when it could identify someone. */
export type ShownCount =
  | { value: number; suppressed: false; text: string }
  | { suppressed: true; text: string };

/** Counts from 1 to threshold-1 are shown as "fewer than threshold"; 0 is shown. */
export function showCount(n: number, threshold = 10): ShownCount {
  if (n > 0 && n < threshold) return { suppressed: true, text: `fewer than ${threshold}` };
  return { value: n, suppressed: false, text: n.toLocaleString('en-GB') };
}

/**
 * Suppresses a row of counts and their total so no hidden cell can be worked
 * out by subtraction: if exactly one cell is hidden, the next smallest shown
 * cell is hidden too (as "not shown": it is not small); if any cell is hidden and the total is shown, that is
 * safe only when at least two cells are hidden.
 */
export function showCounts(values: number[], threshold = 10): { cells: ShownCount[]; total: ShownCount } {
  const cells = values.map((n) => showCount(n, threshold));
  const hidden = cells.filter((c) => c.suppressed).length;
  if (hidden === 1) {
    let smallest = -1;
    values.forEach((n, i) => {
      if (!cells[i]?.suppressed && n > 0 && (smallest === -1 || n < (values[smallest] ?? 0))) smallest = i;
    });
    if (smallest >= 0) cells[smallest] = { suppressed: true, text: 'not shown' };
    else return { cells, total: { suppressed: true, text: 'not shown' } };
  }
  const sum = values.reduce((a, b) => a + b, 0);
  return { cells, total: showCount(sum, threshold) };
}
