// Where each member and each line goes on the family map. Pure and
// deterministic: the same family always gives the same picture.
import type { RelationshipKind, RelationshipQuality } from '../../db/schema.ts';

export interface MapMember {
  id: string;
  name: string;
  /** Age in years, exact or approximate; undefined when not known. */
  age: number | undefined;
  /** The age as shown, like "34" or "about 60". */
  ageText: string | undefined;
  /** Short role labels, like "Uses substances". */
  roles: string[];
}

export interface MapRelationship {
  id: string;
  fromId: string;
  toId: string;
  kind: RelationshipKind;
  quality: RelationshipQuality | null;
  current: boolean;
}

export interface PlacedMember {
  id: string;
  x: number;
  y: number;
  /** The text lines in the box: name, age, then roles wrapped to the box. */
  lines: string[];
  generation: number;
}

export interface PlacedLine {
  id: string;
  /** An SVG path: straight between neighbours, curved around anyone in between. */
  path: string;
  labelX: number;
  labelY: number;
  kind: RelationshipKind;
  quality: RelationshipQuality | null;
  current: boolean;
}

export interface MapLayout {
  width: number;
  height: number;
  boxWidth: number;
  boxHeight: number;
  members: PlacedMember[];
  lines: PlacedLine[];
}

export const boxWidth = 204;
export const boxHeight = 92;
export const gapX = 72;
const gapY = 84;
const margin = 24;
const charsPerLine = 25;
const nameChars = 21;

/** How many generations apart each kind puts its first person above its second. */
const generationsDown: Partial<Record<RelationshipKind, number>> = { parent_of: 1, grandparent_of: 2 };
const sameGeneration = new Set<RelationshipKind>(['partner_of', 'ex_partner_of', 'sibling_of']);
const sideBySide = new Set<RelationshipKind>(['partner_of', 'ex_partner_of']);

/** A first guess from age alone: older people, adults, then children. */
function ageBand(age: number | undefined): number {
  if (age === undefined) return 1;
  if (age >= 55) return 0;
  if (age >= 18) return 1;
  return 2;
}

// Made once: localeCompare with a locale builds a new collator on every call.
const names = new Intl.Collator('en-GB');

/** Plain code-unit order, for ids and keys that only need to sort the same way every time. */
function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byAgeThenName(a: MapMember, b: MapMember): number {
  const ageA = a.age ?? -1;
  const ageB = b.age ?? -1;
  if (ageA !== ageB) return ageB - ageA;
  return names.compare(a.name, b.name) || byCode(a.id, b.id);
}

/**
 * Generations: a guess from age bands, then corrected by the relationships
 * (a parent at least one row above their child, a grandparent two, partners
 * and siblings on one row). The corrections run a bounded number of rounds
 * so contradictory records cannot loop forever.
 */
export function generations(members: readonly MapMember[], relationships: readonly MapRelationship[]) {
  const level = new Map(members.map((m) => [m.id, ageBand(m.age)]));
  const linked = relationships.filter((r) => level.has(r.fromId) && level.has(r.toId));
  for (let round = 0; round < members.length * 2 + 2; round++) {
    let moved = false;
    for (const r of linked) {
      const from = level.get(r.fromId) as number;
      const to = level.get(r.toId) as number;
      const down = generationsDown[r.kind];
      if (down !== undefined && to < from + down) {
        level.set(r.toId, from + down);
        moved = true;
      } else if (sameGeneration.has(r.kind) && from !== to) {
        // The younger generation's person moves up beside the other, unless a parent link keeps them down.
        const target = Math.min(from, to);
        const lower = from > to ? r.fromId : r.toId;
        const heldDown = linked.some(
          (p) =>
            p.toId === lower &&
            generationsDown[p.kind] !== undefined &&
            (level.get(p.fromId) as number) >= target,
        );
        if (!heldDown) {
          level.set(lower, target);
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  const lowest = Math.min(...level.values());
  for (const [id, value] of level) level.set(id, value - lowest);
  return level;
}

/** Wraps short labels into lines of at most `width` characters, whole words only. */
export function wrap(words: readonly string[], width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line}, ${word}` : word;
    if (next.length <= width || !line) line = next;
    else {
      lines.push(`${line},`);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${(kept[maxLines - 1] as string).replace(/,$/, '')} …`;
  return kept;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1).trimEnd()}…`;
}

/** Orders one row: oldest first, each person's partners right beside them, children under their parents. */
function orderRow(
  row: MapMember[],
  relationships: readonly MapRelationship[],
  parentX: (id: string) => number | undefined,
): MapMember[] {
  const sorted = [...row].sort((a, b) => {
    const xa = parentX(a.id);
    const xb = parentX(b.id);
    if (xa !== undefined && xb !== undefined && xa !== xb) return xa - xb;
    if (xa !== undefined && xb === undefined) return -1;
    if (xa === undefined && xb !== undefined) return 1;
    return byAgeThenName(a, b);
  });
  const placed: MapMember[] = [];
  const seen = new Set<string>();
  const inRow = new Map(row.map((m) => [m.id, m]));
  for (const member of sorted) {
    if (seen.has(member.id)) continue;
    placed.push(member);
    seen.add(member.id);
    for (const r of relationships) {
      if (!sideBySide.has(r.kind)) continue;
      const other = r.fromId === member.id ? r.toId : r.toId === member.id ? r.fromId : undefined;
      const partner = other ? inRow.get(other) : undefined;
      if (partner && !seen.has(partner.id)) {
        placed.push(partner);
        seen.add(partner.id);
      }
    }
  }
  return placed;
}

/** Places every member in a box on a grid of generations and draws a line for each relationship. */
export function layoutFamilyMap(
  members: readonly MapMember[],
  relationships: readonly MapRelationship[],
): MapLayout {
  const level = generations(members, relationships);
  const rows = new Map<number, MapMember[]>();
  for (const member of [...members].sort(byAgeThenName)) {
    const g = level.get(member.id) as number;
    rows.set(g, [...(rows.get(g) ?? []), member]);
  }
  const rowNumbers = [...rows.keys()].sort((a, b) => a - b);
  const widest = Math.max(1, ...[...rows.values()].map((row) => row.length));
  const width = margin * 2 + widest * boxWidth + (widest - 1) * gapX;
  const centreX = new Map<string, number>();
  const placed: PlacedMember[] = [];
  rowNumbers.forEach((g, rowIndex) => {
    const parentX = (id: string) => {
      const xs = relationships
        .filter((r) => r.toId === id && generationsDown[r.kind] !== undefined && centreX.has(r.fromId))
        .map((r) => centreX.get(r.fromId) as number);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined;
    };
    const row = orderRow(rows.get(g) ?? [], relationships, parentX);
    const rowWidth = row.length * boxWidth + (row.length - 1) * gapX;
    const left = (width - rowWidth) / 2;
    row.forEach((member, i) => {
      const x = left + i * (boxWidth + gapX);
      const y = margin + rowIndex * (boxHeight + gapY);
      centreX.set(member.id, x + boxWidth / 2);
      placed.push({
        id: member.id,
        x,
        y,
        generation: rowIndex,
        lines: [
          truncate(member.name, nameChars),
          member.ageText ? `Age ${member.ageText}` : 'Age not known',
          ...wrap(member.roles, charsPerLine, 2),
        ],
      });
    });
  });
  const byId = new Map(placed.map((p) => [p.id, p]));
  const pairKey = (r: MapRelationship) => [r.fromId, r.toId].sort().join(' ');
  const drawn = [...relationships]
    .filter((r) => byId.has(r.fromId) && byId.has(r.toId))
    .sort((a, b) => byCode(pairKey(a), pairKey(b)) || byCode(a.kind, b.kind) || byCode(a.id, b.id));
  const pairCount = new Map<string, number>();
  for (const r of drawn) pairCount.set(pairKey(r), (pairCount.get(pairKey(r)) ?? 0) + 1);
  const placeLines = () => {
    const seen = new Map<string, number>();
    return drawn.map((r) => {
      const key = pairKey(r);
      const index = seen.get(key) ?? 0;
      seen.set(key, index + 1);
      return placeLine(r, byId.get(r.fromId) as PlacedMember, byId.get(r.toId) as PlacedMember, placed, {
        index,
        count: pairCount.get(key) ?? 1,
      });
    });
  };
  let lines = placeLines();
  // Lines that bend round a generation can reach past the boxes: widen the picture to hold them and their labels.
  const labelRoom = 56;
  const left = Math.min(0, ...lines.map((l) => l.labelX - labelRoom));
  const right = Math.max(width, ...lines.map((l) => l.labelX + labelRoom));
  if (left < 0) {
    for (const member of placed) member.x -= left;
    lines = placeLines();
  }
  const fullWidth = right - left;
  const height = margin * 2 + rowNumbers.length * boxHeight + Math.max(0, rowNumbers.length - 1) * gapY;
  return { width: fullWidth, height, boxWidth, boxHeight, members: placed, lines };
}

/** Which of the lines between the same two people this is, counted from the middle: 0, then ±1, ±2... */
function spread(index: number, count: number): number {
  return index - (count - 1) / 2;
}

function placeLine(
  r: MapRelationship,
  a: PlacedMember,
  b: PlacedMember,
  all: PlacedMember[],
  pair: { index: number; count: number },
): PlacedLine {
  const base = { id: r.id, kind: r.kind, quality: r.quality, current: r.current };
  const offset = spread(pair.index, pair.count);
  if (a.generation === b.generation) {
    const [left, right] = a.x < b.x ? [a, b] : [b, a];
    const between = all.some((p) => p.generation === a.generation && p.x > left.x && p.x < right.x);
    if (!between) {
      const y = left.y + boxHeight / 2 + offset * 14;
      const x1 = left.x + boxWidth;
      const x2 = right.x;
      return { ...base, path: `M ${x1} ${y} L ${x2} ${y}`, labelX: (x1 + x2) / 2, labelY: y - 6 };
    }
    // Around the top of the boxes in between.
    const x1 = left.x + boxWidth / 2 + offset * 16;
    const x2 = right.x + boxWidth / 2 + offset * 16;
    const top = left.y;
    const lift = top - gapY / 2 - pair.index * 12;
    return {
      ...base,
      path: `M ${x1} ${top} C ${x1} ${lift} ${x2} ${lift} ${x2} ${top}`,
      labelX: (x1 + x2) / 2,
      labelY: top + (lift - top) * 0.75 - 4,
    };
  }
  const [upper, lower] = a.generation < b.generation ? [a, b] : [b, a];
  const x1 = upper.x + boxWidth / 2 + offset * 18;
  const y1 = upper.y + boxHeight;
  const x2 = lower.x + boxWidth / 2 + offset * 18;
  const y2 = lower.y;
  if (lower.generation - upper.generation === 1) {
    // Labels of lines between the same two people sit at different points along them, so they do not overlap.
    const along = Math.min(0.75, Math.max(0.25, 0.5 + offset * 0.25));
    return {
      ...base,
      path: `M ${x1} ${y1} L ${x2} ${y2}`,
      labelX: x1 + (x2 - x1) * along,
      labelY: y1 + (y2 - y1) * along + 4,
    };
  }
  // Skipping a generation: leave from the side of one box and arrive at the side of the other,
  // bending out past every box in the rows between that could be in the way.
  const side = x2 > x1 || (x2 === x1 && pair.index % 2 === 0) ? 1 : -1;
  const span = { from: Math.min(upper.x, lower.x), to: Math.max(upper.x, lower.x) + boxWidth };
  const inTheWay = all.filter(
    (p) =>
      p.generation > upper.generation &&
      p.generation < lower.generation &&
      p.x < span.to + gapX &&
      p.x + boxWidth > span.from - gapX,
  );
  const sx1 = side > 0 ? upper.x + boxWidth : upper.x;
  const sx2 = side > 0 ? lower.x + boxWidth : lower.x;
  const sy1 = upper.y + boxHeight / 2 + offset * 8;
  const sy2 = lower.y + boxHeight / 2 + offset * 8;
  const edges = [sx1, sx2, ...inTheWay.map((p) => (side > 0 ? p.x + boxWidth : p.x))];
  const outer = side > 0 ? Math.max(...edges) : Math.min(...edges);
  // At the rows between, a cubic curve has come about 0.63 of the way to its control points.
  const cx = outer + (side * (24 + Math.floor(pair.index / 2) * 24)) / 0.63 + side * 8;
  return {
    ...base,
    path: `M ${sx1} ${sy1} C ${cx} ${sy1} ${cx} ${sy2} ${sx2} ${sy2}`,
    labelX: 0.25 * ((sx1 + sx2) / 2) + 0.75 * cx,
    labelY: (sy1 + sy2) / 2 + 4,
  };
}
