// Calendar quarters for waiting-time figures: January to March, April to
// June, July to September, October to December, by UK date.

export interface Quarter {
  /** First day, yyyy-mm-dd. */
  start: string;
  /** "October to December 2026". */
  label: string;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** How many quarters the waiting-times pages show, the current one included. */
export const quartersShown = 4;

/** The quarter a UK date (yyyy-mm-dd) falls in. */
export function quarterOf(day: string): Quarter {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return quarterStarting(year, Math.floor((month - 1) / 3) * 3 + 1);
}

function quarterStarting(year: number, firstMonth: number): Quarter {
  const first = monthNames[firstMonth - 1];
  const last = monthNames[firstMonth + 1];
  return {
    start: `${String(year).padStart(4, '0')}-${String(firstMonth).padStart(2, '0')}-01`,
    label: `${first} to ${last} ${year}`,
  };
}

/** The `count` quarters up to and including today's, newest first. */
export function recentQuarters(today: string, count = quartersShown): Quarter[] {
  const current = quarterOf(today);
  let year = Number(current.start.slice(0, 4));
  let month = Number(current.start.slice(5, 7));
  const quarters: Quarter[] = [];
  for (let i = 0; i < count; i++) {
    quarters.push(quarterStarting(year, month));
    month -= 3;
    if (month < 1) {
      month += 12;
      year -= 1;
    }
  }
  return quarters;
}

/** The first day of the quarter after the one a day falls in. */
export function nextQuarterStart(day: string): string {
  const start = quarterOf(day).start;
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  return month === 10 ? quarterStarting(year + 1, 1).start : quarterStarting(year, month + 3).start;
}
