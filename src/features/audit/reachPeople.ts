// Reach: who the support reaches. One statement counts every breakdown of
// the people supported (age band, gender, standing in the family story,
// circumstances, deprivation quintile) for each locality and the whole area;
// the tables are cut from its rows. People with one support row are counted
// straight from it; only the others' rows are made one person first.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ageBands, ageUnknown, circumstances, genders, standings } from './auditGroups.ts';
import { groupCondition, supportFacts } from './auditPeople.ts';
import {
  type AuditScope,
  auditRows,
  byOrganisationText,
  localityKey,
  localityRows,
  scopeText,
} from './auditScope.ts';
import type { AuditColumn, AuditTable } from './auditTable.ts';

const quintiles = [1, 2, 3, 4, 5] as const;

/** Each count of the statement: its column name and the condition on a person's row. */
function counters(): { name: string; condition: SQL }[] {
  const raw = (n: number) => sql.raw(String(n));
  return [
    ...[...ageBands, ageUnknown].map((b) => ({ name: b.code, condition: sql`age_band = ${b.code}` })),
    ...genders.map((g) => ({ name: g.code, condition: sql`gender = ${g.code}` })),
    ...standings.map((s) => ({ name: s.code, condition: sql`rank = ${raw(s.rank)}` })),
    { name: 'bereaved', condition: sql`bereaved` },
    { name: 'young-carer', condition: sql`young_carer` },
    ...quintiles.map((q) => ({ name: `simd-${q}`, condition: sql`quintile = ${raw(q)}` })),
    { name: 'simd-not-known', condition: sql`quintile is null` },
  ];
}

export async function reachTables(db: Db, scope: AuditScope): Promise<AuditTable[]> {
  const names = ['people', ...counters().map((c) => c.name)];
  const counts = sql.join(
    [
      sql`count(*)::int as people`,
      ...counters().map((c) => sql`count(*) filter (where ${c.condition})::int as ${sql.identifier(c.name)}`),
    ],
    sql`, `,
  );
  const cellSums = sql.join(
    [
      sql`sum(n)::int as people`,
      ...counters().map(
        (c) => sql`coalesce(sum(n) filter (where ${c.condition}), 0)::int as ${sql.identifier(c.name)}`,
      ),
    ],
    sql`, `,
  );
  const sums = sql.join(
    names.map((n) => sql`sum(${sql.identifier(n)})::int as ${sql.identifier(n)}`),
    sql`, `,
  );
  const person = sql`bool_or(bereaved) as bereaved, bool_or(young_carer) as young_carer,
    min(age_band) as age_band, min(gender) as gender, min(quintile) as quintile`;
  const group = groupCondition(scope.group);
  const rows = await auditRows<Record<string, number | string>>(
    db,
    sql`with
    -- A person whose one support row is their only one is counted from that row: first into
    -- cells of everything counted (a plain grouping, which works each row's age band out once and
    -- which PostgreSQL can share between workers), then by locality; the area is their sum.
    only_cells as (
      select locality_id, age_band, gender, rank, bereaved, young_carer, quintile, count(*)::int as n
      from (${supportFacts(scope, sql`s.single`)}) f where ${group}
      group by locality_id, age_band, gender, rank, bereaved, young_carer, quintile
    ),
    only_by_locality as (
      select coalesce(locality_id::text, 'none') as k, ${cellSums}
      from only_cells group by locality_id
    ),
    only_rows as (
      select * from only_by_locality
      union all
      select 'all', ${sums} from only_by_locality
    ),
    -- Anyone else once in each locality they were supported in, and once for the whole area;
    -- where two families give two standings, the lower rank counts.
    people as (
      select ${localityKey(sql`locality_id`)} as k, person_id, min(rank) as rank, ${person}
      from (${supportFacts(scope, sql`not s.single`)}) f where ${group}
      group by grouping sets ((locality_id, person_id), (person_id))
    ),
    many_rows as (select k, ${counts} from people group by k),
    bereaved_family as (
      select distinct family_id, locality_id from (${supportFacts(scope, sql`s.bereaved`)}) f where ${group}
    ),
    families as (
      select coalesce(locality_id::text, 'none') as k, count(*)::int as n from bereaved_family group by locality_id
      union all
      select 'all', count(*)::int from bereaved_family
    )
    select c.k, ${sums}, coalesce(max(f.n), 0)::int as "bereavedFamilies"
    from (select * from only_rows union all select * from many_rows) c left join families f on f.k = c.k
    group by c.k`,
    { hashOnly: true },
  );
  const figures = new Map(rows.map(({ k, ...values }) => [String(k), values as Record<string, number>]));
  const zero = Object.fromEntries(
    [...counters().map((c) => c.name), 'people', 'bereavedFamilies'].map((n) => [n, 0]),
  );
  const rowsOf = () => localityRows(scope, figures, zero);
  const base = scopeText(scope, { service: byOrganisationText(scope), group: true });
  const supported =
    'People supported in the period: people with their own support from an organisation in the partnership area, started on or before the last day of the period and not closed before its first day, by the locality of their family (a person supported in two localities is counted in each, and once for the whole area).';
  const partsOf = (parts: { code: string; label: string }[]): AuditColumn[] => [
    { key: 'people', label: 'People supported', kind: 'count', sumOf: parts.map((p) => p.code) },
    ...parts.map((p) => ({ key: p.code, label: p.label, kind: 'count' as const })),
  ];
  const simd = scope.simd
    ? `Deprivation quintile from the person’s own postcode, looked up in the SIMD edition “${scope.simd.name}” (1 is the most deprived fifth of Scotland’s data zones, 5 the least); “not known” when no postcode is recorded or it is not in the lookup.`
    : 'No SIMD lookup has been loaded (an operator loads one with npx hearth import-simd FILE.csv), so everyone is counted as not known.';
  const tables: AuditTable[] = [
    {
      id: 'reach-age',
      title: 'People supported by age',
      definition: `${supported} Age on the last day of the period, from the date of birth, or from the approximate age recorded grown by the years since it was given. ${base}`,
      columns: partsOf([...ageBands, ageUnknown]),
      ...rowsOf(),
    },
    {
      id: 'reach-gender',
      title: 'People supported by gender',
      definition: `${supported} Gender as recorded, in the person’s own words: words plainly meaning female or male are counted as such, anything else as another gender. ${base}`,
      columns: partsOf([...genders]),
      ...rowsOf(),
    },
    {
      id: 'reach-relationship',
      title: 'People supported by their relationship to the person using alcohol or drugs',
      definition: `${supported} From the family’s recorded relationships with a member whose role in the family story is using alcohol or drugs, and each member’s own roles: the person using themselves; children and young people (the member’s role, or a child, grandchild or child in the care of the person using); grandparents (of the person using, or of their children); parents; partners and ex-partners; brothers and sisters; friends and neighbours; anyone else, or with no relationship recorded, as other. Someone who is more than one is counted once, in the first of these that applies. ${base}`,
      columns: partsOf([...standings]),
      ...rowsOf(),
    },
    {
      id: 'reach-circumstances',
      title: 'Bereaved families and young carers supported',
      definition: `${supported} Bereaved: members whose role in the family story is bereaved by a substance-related death; families: the families they belong to. Young carers: members whose role is young carer. ${base}`,
      columns: [
        { key: 'people', label: 'People supported', kind: 'count' },
        { key: 'bereaved', label: circumstances[0].label, kind: 'count' },
        { key: 'bereavedFamilies', label: 'Bereaved families', kind: 'count' },
        { key: 'young-carer', label: circumstances[1].label, kind: 'count' },
      ],
      ...rowsOf(),
    },
    {
      id: 'reach-deprivation',
      title: 'People supported by deprivation quintile (SIMD)',
      definition: `${supported} ${simd} ${base}`,
      columns: partsOf([
        ...quintiles.map((q) => ({
          code: `simd-${q}`,
          label:
            q === 1
              ? 'Quintile 1 (most deprived)'
              : q === 5
                ? 'Quintile 5 (least deprived)'
                : `Quintile ${q}`,
        })),
        { code: 'simd-not-known', label: 'Not known' },
      ]),
      ...rowsOf(),
    },
  ];
  return tables;
}
