import { daysBetween } from './planSchedule.ts';

/** One review's progress on a goal. */
export interface ProgressPoint {
  heldOn: string;
  score: number;
}

/** What the chart template draws: every figure already placed, so the template only loops. */
export interface ProgressChart {
  width: number;
  height: number;
  /** The plot area, inside the axes. */
  plot: { left: number; top: number; right: number; bottom: number };
  /** The score gridlines and their labels (0, 5 and 10). */
  gridlines: { score: number; y: number }[];
  /** The line through the points, as an SVG points list; empty for fewer than two points. */
  line: string;
  points: { x: number; y: number; score: number; heldOn: string; label: string }[];
  /** Labels under the first and last points. */
  dateLabels: { x: number; text: string; anchor: 'start' | 'middle' | 'end' }[];
}

const width = 320;
const height = 150;
const plot = { left: 30, top: 12, right: width - 16, bottom: height - 30 };

const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function label(iso: string): string {
  return shortDate.format(new Date(`${iso}T00:00:00Z`));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The y of a score from 0 (bottom) to 10 (top). */
export function scoreY(score: number): number {
  return round(plot.bottom - (Math.min(10, Math.max(0, score)) / 10) * (plot.bottom - plot.top));
}

/**
 * Places a goal's progress over time in a small chart: time runs left to
 * right in proportion to the days between reviews, scores 0 to 10 bottom to
 * top. One review sits in the middle. Points come in any order.
 */
export function progressChart(points: readonly ProgressPoint[]): ProgressChart {
  const sorted = [...points].sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  const first = sorted[0]?.heldOn;
  const span = first ? daysBetween(first, sorted[sorted.length - 1]?.heldOn ?? first) : 0;
  const x = (heldOn: string) =>
    span === 0 || !first
      ? round((plot.left + plot.right) / 2)
      : round(plot.left + (daysBetween(first, heldOn) / span) * (plot.right - plot.left));
  const placed = sorted.map((p) => ({
    x: x(p.heldOn),
    y: scoreY(p.score),
    score: p.score,
    heldOn: p.heldOn,
    label: label(p.heldOn),
  }));
  const dateLabels: ProgressChart['dateLabels'] = [];
  const firstPoint = placed[0];
  const lastPoint = placed[placed.length - 1];
  if (firstPoint && lastPoint && placed.length > 1) {
    dateLabels.push({ x: firstPoint.x, text: firstPoint.label, anchor: 'start' });
    dateLabels.push({ x: lastPoint.x, text: lastPoint.label, anchor: 'end' });
  } else if (firstPoint) dateLabels.push({ x: firstPoint.x, text: firstPoint.label, anchor: 'middle' });
  return {
    width,
    height,
    plot,
    gridlines: [0, 5, 10].map((score) => ({ score, y: scoreY(score) })),
    line: placed.length > 1 ? placed.map((p) => `${p.x},${p.y}`).join(' ') : '',
    points: placed,
    dateLabels,
  };
}

/** A sentence describing the chart for people who cannot see it. */
export function describeProgress(points: readonly ProgressPoint[]): string {
  const sorted = [...points].sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return 'No reviews yet.';
  if (sorted.length === 1) return `${first.score} out of 10 at the review on ${label(first.heldOn)}.`;
  return `From ${first.score} out of 10 on ${label(first.heldOn)} to ${last.score} out of 10 on ${label(last.heldOn)}, over ${sorted.length} reviews.`;
}
