// The small-number rule over counts that add up in two directions: a table of
// cells (a service in a quarter) whose rows add up to one table's figures (the
// service over the period), whose columns add up to another's (the quarter
// for the whole area), and all of it to one total. Hiding a lone cell in each
// line is not enough there: a hidden count can still be worked out by adding
// and taking away along several lines.
//
// The counts are drawn as a graph: a node for each row, each column, the row
// of column totals and the column of row totals; each count is an edge between
// its row and its column (a row's total joins the row to the column of row
// totals, and so on; the grand total joins the two total nodes). Every node
// says its edges add up, so a hidden count can be worked out exactly when it is
// a bridge of the hidden counts' graph: when no cycle of hidden counts runs
// through it (along a cycle, one count can go up by any amount while the next
// goes down, and every published figure stays as it is). So hiding goes on
// until no hidden count is a bridge.

/** One count of the set: its id, the two nodes it joins and its value. */
export interface LinkedCount {
  id: string;
  from: string;
  to: string;
  value: number;
  /** Hide it only when nothing else will do (a total also shown elsewhere as it is). */
  keep?: boolean;
}

export interface LinkedHidden {
  /** Counts from 1 to the threshold less one: "fewer than N". */
  primary: Set<string>;
  /** Those and every count hidden to protect them ("not shown"). */
  hidden: Set<string>;
}

/** The hidden counts that are bridges of the graph they make: each could be worked out. */
export function exposedCounts(counts: readonly LinkedCount[], hidden: ReadonlySet<string>): LinkedCount[] {
  const edges = counts.filter((c) => hidden.has(c.id));
  const around = new Map<string, { edge: number; node: string }[]>();
  edges.forEach((e, i) => {
    for (const [a, b] of [
      [e.from, e.to],
      [e.to, e.from],
    ] as const) {
      const list = around.get(a) ?? [];
      list.push({ edge: i, node: b });
      around.set(a, list);
    }
  });
  // Tarjan's bridges, without recursion: the order each node is reached, and
  // the earliest node reachable from its subtree by one edge that is not the
  // one it was reached by.
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const bridges: LinkedCount[] = [];
  for (const start of around.keys()) {
    if (order.has(start)) continue;
    const stack: { node: string; via: number; next: number }[] = [{ node: start, via: -1, next: 0 }];
    order.set(start, order.size);
    low.set(start, order.get(start) as number);
    while (stack.length) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      const out = around.get(top.node) ?? [];
      if (top.next < out.length) {
        const { edge, node } = out[top.next++] as { edge: number; node: string };
        if (edge === top.via) continue;
        if (order.has(node)) {
          low.set(top.node, Math.min(low.get(top.node) as number, order.get(node) as number));
        } else {
          order.set(node, order.size);
          low.set(node, order.get(node) as number);
          stack.push({ node, via: edge, next: 0 });
        }
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) continue;
      low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(top.node) as number));
      if ((low.get(top.node) as number) > (order.get(parent.node) as number))
        bridges.push(edges[top.via] as LinkedCount);
    }
  }
  return bridges;
}

/** What hiding a shown count costs: its value; a zero costs more than any count, a kept total more still. */
function hidingCost(c: LinkedCount): number {
  return c.keep ? 1e12 : c.value === 0 ? 1e6 : c.value;
}

/**
 * The shown counts to hide so that `bridge` lies on a cycle of hidden counts:
 * the cheapest path between its two ends that does not use it, where a hidden
 * count costs nothing (Dijkstra's shortest paths; ties go to the lower id, so
 * the same figures always hide the same counts).
 */
function closingPath(
  counts: readonly LinkedCount[],
  hidden: ReadonlySet<string>,
  bridge: LinkedCount,
): LinkedCount[] | undefined {
  const around = new Map<string, LinkedCount[]>();
  for (const c of counts) {
    if (c.id === bridge.id) continue;
    for (const node of [c.from, c.to]) around.set(node, [...(around.get(node) ?? []), c]);
  }
  const distance = new Map<string, number>([[bridge.from, 0]]);
  const via = new Map<string, LinkedCount>();
  const done = new Set<string>();
  for (;;) {
    let node: string | undefined;
    for (const [n, d] of distance)
      if (
        !done.has(n) &&
        (node === undefined || d < (distance.get(node) as number) || (d === distance.get(node) && n < node))
      )
        node = n;
    if (node === undefined) return undefined;
    if (node === bridge.to) break;
    done.add(node);
    const here = distance.get(node) as number;
    for (const c of around.get(node) ?? []) {
      const other = c.from === node ? c.to : c.from;
      const d = here + (hidden.has(c.id) ? 0 : hidingCost(c));
      const before = distance.get(other);
      if (!done.has(other) && (before === undefined || d < before)) {
        distance.set(other, d);
        via.set(other, c);
      }
    }
  }
  const path: LinkedCount[] = [];
  for (let node = bridge.to; node !== bridge.from; ) {
    const c = via.get(node) as LinkedCount;
    if (!hidden.has(c.id)) path.push(c);
    node = c.from === node ? c.to : c.from;
  }
  return path;
}

/**
 * The rule over linked counts: every count from 1 to threshold - 1 is hidden;
 * then, while a hidden count could be worked out, the counts that close the
 * cheapest cycle through it are hidden too: the fewest people between them,
 * non-zero counts before zeros, and counts marked `keep` only when nothing
 * else will do.
 */
export function protectLinked(counts: readonly LinkedCount[], threshold: number): LinkedHidden {
  const primary = new Set(counts.filter((c) => c.value > 0 && c.value < threshold).map((c) => c.id));
  const hidden = new Set(primary);
  for (let grew = true; grew; ) {
    grew = false;
    for (const bridge of exposedCounts(counts, hidden)) {
      const path = closingPath(counts, hidden, bridge);
      if (!path?.length) continue;
      for (const c of path) hidden.add(c.id);
      grew = true;
      break;
    }
  }
  return { primary, hidden };
}
