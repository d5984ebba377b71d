// Which days of a set of periods the waiting-time histograms can answer for,
// and which must be counted from the referrals themselves. The histograms
// (`referral_wait_count`) hold whole calendar quarters: a quarter lying
// wholly inside one period is read from them; the odd days at either end of
// a period that does not start or end on a quarter's boundary are counted
// from their referrals, a few weeks' worth at most.
import { nextQuarterStart, quarterOf } from './quarters.ts';

/** From a first day to the day after the last; `until` undefined is open-ended. */
export interface DayRange {
  from: string;
  until: string | undefined;
}

export interface WaitSources {
  /** Ranges of whole quarters (by their first days) read from the histograms. */
  histogram: DayRange[];
  /** Ranges of days whose referrals are counted one by one. */
  scan: DayRange[];
}

/**
 * Splits the periods that run from each of `starts` (ascending, consecutive;
 * the last open-ended) to the next. A quarter that runs past its period's end
 * still comes from the histogram when the period ends after `today`: no
 * referral can have been sent in the part of it that is left out.
 */
export function waitSources(starts: readonly string[], today: string): WaitSources {
  const histogram: DayRange[] = [];
  const scan: DayRange[] = [];
  starts.forEach((start, i) => {
    const end = starts[i + 1];
    // A period starting after today has no referrals yet.
    if (start > today) return;
    let day = start;
    if (quarterOf(day).start !== day) {
      const next = nextQuarterStart(day);
      if (end !== undefined && end <= next) {
        scan.push({ from: day, until: end });
        return;
      }
      scan.push({ from: day, until: next });
      day = next;
    }
    if (end === undefined || end > today) {
      histogram.push({ from: day, until: end });
      return;
    }
    // Whole quarters up to the period's end, then the days left over.
    let last = day;
    while (nextQuarterStart(last) <= end) last = nextQuarterStart(last);
    if (last > day) histogram.push({ from: day, until: last });
    if (last < end) scan.push({ from: last, until: end });
  });
  return { histogram, scan };
}
