import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { defaultChartSpec, renderChart } from './auditCharts.ts';
import {
  byLocality,
  fixtureSmallCounts,
  reachByRelationship,
  waitsByQuarter,
} from './auditOutputsTesting.ts';
import { type AuditTable, type ShownTable, suppressTable } from './auditTable.ts';
import { seriesColours } from './chartDrawing.ts';
import { joinNames } from './chartSummary.ts';

const localities = [
  { id: 'north', name: 'North' },
  { id: 'south', name: 'South' },
  { id: 'east', name: 'East' },
];
const [people, sessions] = byLocality(localities, { from: '2025-04-01', to: '2026-03-31' }).map((t) =>
  suppressTable(t, 10),
) as [ShownTable, ShownTable];
const reach = suppressTable(reachByRelationship(), 10);
const waits = suppressTable(waitsByQuarter(), 10);

/** Every <text> of an SVG, as its words. */
function texts(svg: string): string[] {
  const parsed = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'text' }).parse(svg);
  return (parsed.svg.text ?? []).map((t: unknown) => String(t));
}

function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('audit charts', () => {
  it('draws a locality comparison as valid SVG, labelled by its title and a summary from the data', () => {
    const chart = renderChart(people, { kind: 'bar', columns: ['people'], withTotal: true });
    expect(XMLValidator.validate(chart.svg)).toBe(true);
    expect(chart.svg).toContain('role="img"');
    expect(chart.svg).toContain(`aria-labelledby="${chart.id}-title ${chart.id}-desc"`);
    expect(chart.svg).toContain(
      `<title id="${chart.id}-title">People and families supported by locality</title>`,
    );
    // North 120, South 64 (hidden to protect East's 7), East 7.
    expect(chart.summary).toBe(
      'Highest shown: North, 120; lowest: East, fewer than 10; one not shown. Whole area: 191.',
    );
    expect(chart.svg).toContain(`<desc id="${chart.id}-desc">${chart.summary}</desc>`);
  });

  it('draws hidden figures as hatched boxes with their words, never as numbers', () => {
    const charts = [
      renderChart(people, { kind: 'groupedBar', columns: ['people', 'families'] }),
      renderChart(sessions, { kind: 'stackedBar', columns: ['paid', 'volunteer', 'peer'] }),
      renderChart(reach, { kind: 'bar', columns: ['people'] }),
      renderChart(waits, { kind: 'line', columns: ['referrals', 'within3'] }),
    ];
    for (const chart of charts) {
      expect(XMLValidator.validate(chart.svg)).toBe(true);
      const words = texts(chart.svg);
      expect(words.join(' | ')).toMatch(/fewer than 10|not shown/);
      expect(chart.svg).toContain('-hatch-505a5f');
      // Axis ticks aside (round steps of the scale), no text is one of the hidden counts.
      const ticks = new Set([
        '0',
        '20',
        '40',
        '50',
        '60',
        '80',
        '100',
        '150',
        '0%',
        '25%',
        '50%',
        '75%',
        '100%',
      ]);
      // Nor is any other text but the column names ("Started within 3 weeks").
      const names = new Set([people, sessions, reach, waits].flatMap((t) => t.columns.map((c) => c.label)));
      for (const word of words.filter((w) => !ticks.has(w) && !names.has(w)))
        for (const n of fixtureSmallCounts) expect(word).not.toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
      const summary = [...names].reduce((text, name) => text.replaceAll(name, ''), chart.summary);
      for (const n of fixtureSmallCounts) expect(summary).not.toMatch(new RegExp(`\\b${n}\\b`));
    }
    // The reach chart: two "fewer than 10" boxes, no bar of 8 or 4.
    expect(texts(charts[2]?.svg ?? '').filter((w) => w === 'fewer than 10')).toHaveLength(2);
  });

  it('summarises a comparison with its highest, lowest, small and hidden figures', () => {
    expect(renderChart(reach, { kind: 'bar', columns: ['people'] }).summary).toBe(
      'Highest: Parents, 45; lowest: Brothers and sisters, 0; fewer than 10: Children and young people and Grandparents. All people: 91.',
    );
    const even: AuditTable = {
      id: 'even',
      title: 'Even',
      definition: 'D',
      columns: [{ key: 'n', label: 'N', kind: 'count' }],
      rows: ['A', 'B', 'C', 'D'].map((label) => ({ key: label, label, values: { n: 30 } })),
    };
    expect(renderChart(suppressTable(even, 10), { kind: 'bar', columns: ['n'] }).summary).toBe(
      'All four are 30.',
    );
    expect(joinNames(['A', 'B', 'C', 'D', 'E'])).toBe('A, B and 3 others');
  });

  it('draws a trend oldest first, breaking the line where a figure is hidden', () => {
    const chart = renderChart(waits, { kind: 'line', columns: ['referrals'] });
    const labels = texts(chart.svg);
    expect(labels.indexOf('April to June 2025')).toBeLessThan(labels.indexOf('January to March 2026'));
    // Quarter 2 (5 referrals) is fewer than 10 and quarter 1 (40, the smallest shown) is hidden with it.
    expect(chart.summary).toBe(
      'Referrals: not shown in April to June 2025, 61 in January to March 2026; highest 61 in January to March 2026; two of four figures are fewer than 10 or not shown.',
    );
    // One line through the two shown quarters only.
    const lines = chart.svg.match(/<path d="M[\d. L]+" fill="none" stroke="#1d70b8"/g) ?? [];
    expect(lines).toHaveLength(1);
    expect(lines[0]?.match(/L/g)).toHaveLength(1);
  });

  it('uses colours with at least 3:1 contrast on white, and a pattern as well as a colour for each series', () => {
    for (const colour of seriesColours)
      expect((1.05 / (relativeLuminance(colour) + 0.05)).toFixed(2)).toSatisfy((r: string) => Number(r) >= 3);
    const chart = renderChart(people, { kind: 'groupedBar', columns: ['people', 'families'] });
    expect(chart.svg).toContain('fill="#1d70b8"');
    expect(chart.svg).toContain('-stripes-00703c');
  });

  it('chooses a chart for a table from its shape', () => {
    expect(defaultChartSpec(waits)).toEqual({ kind: 'line', columns: ['referrals'] });
    expect(defaultChartSpec(sessions)).toEqual({
      kind: 'stackedBar',
      columns: ['paid', 'volunteer', 'peer'],
    });
    expect(defaultChartSpec(people)).toEqual({ kind: 'groupedBar', columns: ['people', 'families'] });
    expect(defaultChartSpec(reach)).toEqual({ kind: 'bar', columns: ['people'] });
    expect(defaultChartSpec({ ...reach, rows: [] })).toBeUndefined();
  });

  it('refuses a column the table does not have, or one of text', () => {
    expect(() => renderChart(reach, { kind: 'bar', columns: ['nothing'] })).toThrow('has no column nothing');
    expect(() => renderChart(reach, { kind: 'bar', columns: ['note'] })).toThrow('is text');
  });

  it('escapes labels, so a label cannot break the SVG', () => {
    const odd = suppressTable(
      {
        id: 'odd',
        title: 'A <b>title</b> & more',
        definition: 'D',
        columns: [{ key: 'n', label: 'N "quoted"', kind: 'count' }],
        rows: [{ key: 'x', label: '<script>alert(1)</script>', values: { n: 40 } }],
      },
      10,
    );
    const chart = renderChart(odd, { kind: 'bar', columns: ['n'] });
    expect(XMLValidator.validate(chart.svg)).toBe(true);
    expect(chart.svg).not.toContain('<script>');
    expect(chart.svg).toContain('&lt;script&gt;');
  });
});
