/**
 * What the finder makes from a service's row (its words, its card), kept by
 * service and made again only when one of the fields it is made from has
 * changed (compared with ===: the snapshot's rows share its strings and arrays,
 * so an unchanged service costs a few comparisons). Forgets everything when full.
 */
export class KeptPerService<Row extends { id: string }, Made> {
  private readonly kept = new Map<string, { row: Row; made: Made }>();

  constructor(
    private readonly fields: readonly (keyof Row)[],
    private readonly make: (row: Row) => Made,
    private readonly limit = 10_000,
  ) {}

  get(row: Row): Made {
    const kept = this.kept.get(row.id);
    if (kept && this.fields.every((field) => kept.row[field] === row[field])) return kept.made;
    if (this.kept.size >= this.limit) this.kept.clear();
    const made = this.make(row);
    this.kept.set(row.id, { row, made });
    return made;
  }
}
