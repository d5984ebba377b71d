// The periods the gap page offers: the last 12 months, and the partnership's
// reporting years (April to March). Pure.

export interface GapPeriod {
  value: string;
  text: string;
  from: string;
  to: string;
}

const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The choices for today (an ISO date), the last 12 months first. */
export function gapPeriods(today: string): GapPeriod[] {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  // The day after the same day last year (28 February, when last year had no 29th).
  const lastYear = Math.min(day, new Date(Date.UTC(year - 1, month, 0)).getUTCDate());
  const start = new Date(Date.UTC(year - 1, month - 1, lastYear + 1)).toISOString().slice(0, 10);
  const firstYear = month >= 4 ? year : year - 1;
  const years = [firstYear, firstYear - 1, firstYear - 2].map((y) => ({
    value: `fy-${y}`,
    text: `April ${y} to March ${y + 1}`,
    from: iso(y, 4, 1),
    to: iso(y + 1, 3, 31),
  }));
  return [{ value: 'last-12-months', text: 'The last 12 months', from: start, to: today }, ...years];
}

/** The period asked for, or the last 12 months. */
export function gapPeriod(value: unknown, today: string): GapPeriod {
  const periods = gapPeriods(today);
  return periods.find((p) => p.value === value) ?? (periods[0] as GapPeriod);
}
