import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { demoBoundaries } from '../../demo/demoBoundaries.ts';
import { byLocality } from './auditOutputsTesting.ts';
import { type ShownTable, suppressTable } from './auditTable.ts';
import { mapClasses, mappableTable, renderLocalityMap } from './localityMap.ts';

const ids = [
  'a0000000-0000-4000-8000-000000000001',
  'a0000000-0000-4000-8000-000000000002',
  'a0000000-0000-4000-8000-000000000003',
];
const names = ['Ardmore Coast', 'Kilbrannan', 'Carse of Dunmore'];
const localities = ids.map((id, i) => ({ id, name: names[i] as string }));
const boundaries = new Map(
  ids.map((id, i) => [
    id,
    { name: names[i] as string, coordinates: [[demoBoundaries[names[i] as string] ?? []]] },
  ]),
);
const [people, sessions] = byLocality(localities, { from: '2025-04-01', to: '2026-03-31' }).map((t) =>
  suppressTable(t, 10),
) as [ShownTable, ShownTable];

describe('the map of localities', () => {
  it('makes up to five classes of equal width over the shown figures', () => {
    const classes = mapClasses([0, 10, 20, 30, 40, 50]);
    expect(classes.labels).toEqual(['0 to 9', '10 to 19', '20 to 29', '30 to 39', '40 to 50']);
    expect([0, 9.9, 10, 39, 40, 50].map(classes.of)).toEqual([0, 0, 1, 3, 4, 4]);
    expect(mapClasses([21, 64, 100]).labels).toEqual(['21 to 47', '48 to 73', '74 to 100']);
    expect(mapClasses([12, 12]).labels).toEqual(['12']);
  });

  it('shades each locality by its class, labelled with its name and figure, as valid SVG', () => {
    const map = renderLocalityMap(sessions, 'sessions', boundaries);
    expect(XMLValidator.validate(map.svg)).toBe(true);
    expect(map.svg).toContain('role="img"');
    expect(map.svg).toContain('class="hearth-map__svg"');
    for (const name of names) expect(map.svg).toContain(`>${name}</text>`);
    expect(map.rows.map((r) => [r.name, r.text, r.shading])).toEqual([
      ['Ardmore Coast', '100', '74 to 100 (shade 3 of 3)'],
      ['Kilbrannan', '64', '48 to 73 (shade 2 of 3)'],
      ['Carse of Dunmore', '21', '21 to 47 (shade 1 of 3)'],
    ]);
    expect(map.summary).toBe(
      'Localities shaded by all sessions. Highest: Ardmore Coast, 100; lowest: Carse of Dunmore, 21.',
    );
    // Three outlines, one a pattern as well as a colour.
    expect(map.drawing.shapes.filter((s) => s.kind === 'path' && s.stroke === '#0b0c0c')).toHaveLength(3);
    expect(map.svg).toMatch(/stripes-0b0c0c-on-5694ca/);
  });

  it('hatches a locality whose figure is hidden, with its words and no number, and lists one with no boundary', () => {
    const two = new Map([...boundaries].slice(0, 2));
    const map = renderLocalityMap(people, 'people', two);
    expect(map.rows.map((r) => [r.name, r.text, r.shading])).toEqual([
      ['Ardmore Coast', '120', '120 (shade 1 of 1)'],
      ['Kilbrannan', 'not shown', 'hatched: not shown'],
      ['Carse of Dunmore', 'fewer than 10', 'not on the map: no boundary loaded'],
    ]);
    expect(map.missing).toEqual(['Carse of Dunmore']);
    expect(map.summary).toContain('No boundary is loaded for Carse of Dunmore.');
    expect(map.svg).toContain('-hatch-505a5f');
    expect(map.svg).not.toMatch(/>(7|3|64|30)</);
  });

  it('keeps a row that is not a locality in the table, off the map', () => {
    const withUnknown = {
      ...sessions,
      rows: [
        ...sessions.rows,
        { ...(sessions.rows[0] as ShownTable['rows'][number]), key: 'none', label: 'Locality not recorded' },
      ],
    };
    const map = renderLocalityMap(withUnknown, 'sessions', boundaries);
    expect(map.rows.at(-1)).toMatchObject({ name: 'Locality not recorded', shading: 'not on the map' });
    expect(map.missing).toEqual([]);
    expect(mappableTable([withUnknown], boundaries)?.table).toBe(withUnknown);
  });

  it('finds the first table whose rows are localities, and its first count', () => {
    expect(mappableTable([sessions, people], boundaries)).toEqual({ table: sessions, column: 'sessions' });
    expect(mappableTable([], boundaries)).toBeUndefined();
  });
});
