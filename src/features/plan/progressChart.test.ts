import { describe, expect, it } from 'vitest';
import { describeProgress, progressChart, scoreY } from './progressChart.ts';

describe('progressChart', () => {
  it('places time left to right in proportion to the days between reviews, and scores bottom to top', () => {
    const chart = progressChart([
      { heldOn: '2026-03-01', score: 2 },
      { heldOn: '2026-05-24', score: 8 },
      { heldOn: '2026-03-29', score: 5 },
    ]);
    const { left, right, top, bottom } = chart.plot;
    expect(chart.points.map((p) => p.heldOn)).toEqual(['2026-03-01', '2026-03-29', '2026-05-24']);
    expect(chart.points[0]?.x).toBe(left);
    expect(chart.points[2]?.x).toBe(right);
    // 28 of 84 days: a third of the way across.
    expect(chart.points[1]?.x).toBeCloseTo(left + (right - left) / 3, 0);
    expect(scoreY(0)).toBe(bottom);
    expect(scoreY(10)).toBe(top);
    expect(chart.points.map((p) => p.y)).toEqual([scoreY(2), scoreY(5), scoreY(8)]);
    expect(chart.line).toBe(chart.points.map((p) => `${p.x},${p.y}`).join(' '));
    expect(chart.dateLabels.map((d) => [d.text, d.anchor])).toEqual([
      ['1 Mar', 'start'],
      ['24 May', 'end'],
    ]);
    expect(chart.gridlines.map((g) => g.score)).toEqual([0, 5, 10]);
  });

  it('puts a single review in the middle, with no line', () => {
    const chart = progressChart([{ heldOn: '2026-03-01', score: 4 }]);
    expect(chart.points[0]?.x).toBe((chart.plot.left + chart.plot.right) / 2);
    expect(chart.line).toBe('');
    expect(chart.dateLabels).toEqual([{ x: chart.points[0]?.x, text: '1 Mar', anchor: 'middle' }]);
  });

  it('keeps scores outside 0 to 10 inside the plot', () => {
    expect(scoreY(12)).toBe(scoreY(10));
    expect(scoreY(-3)).toBe(scoreY(0));
  });

  it('describes the change in words for people who cannot see the chart', () => {
    expect(describeProgress([])).toBe('No reviews yet.');
    expect(describeProgress([{ heldOn: '2026-03-01', score: 4 }])).toBe(
      '4 out of 10 at the review on 1 Mar.',
    );
    expect(
      describeProgress([
        { heldOn: '2026-05-24', score: 7 },
        { heldOn: '2026-03-01', score: 2 },
      ]),
    ).toBe('From 2 out of 10 on 1 Mar to 7 out of 10 on 24 May, over 2 reviews.');
  });
});
