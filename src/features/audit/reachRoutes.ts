// Reach: how families come in (self-referral, a recovery service, children's
// services, another organisation), and how family support and recovery
// services reach each other's families.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  type AuditScope,
  auditRows,
  familyInScope,
  instantInPeriod,
  localityKey,
  localityRows,
  scopeText,
  share,
  whole,
} from './auditScope.ts';
import type { AuditTable } from './auditTable.ts';

/**
 * `recovery_org`: organisations that list an active service for people who
 * drink or use drugs themselves (who it is for: someone who drinks or uses drugs).
 */
export const recoveryOrganisations: SQL = sql`recovery_org as (
  select distinct s.organisation_id from directory_service s
  where s.status = 'active' and 'person_using' = any(s.audiences)
)`;

export const routes = [
  { key: 'self', label: 'Self-referral' },
  { key: 'recovery', label: 'Recovery service' },
  { key: 'children', label: 'Children’s services' },
  { key: 'other', label: 'Other organisation' },
] as const;

export async function routeIn(db: Db, scope: AuditScope): Promise<AuditTable> {
  const service = scope.service ? sql`and r.service_id = ${scope.service.id}::uuid` : sql``;
  // A self-referral has no family record until it is accepted: with a locality chosen, only referrals with one count.
  const locality = scope.locality ? sql`and ${familyInScope(scope)}` : sql``;
  const rows = await auditRows<{ k: string; referrals: number }>(
    db,
    sql`with ${recoveryOrganisations},
    children_org as (
      select o.id from organisation o where o.kind = 'local_authority'
      union
      select s.organisation_id from directory_service s
      where s.status = 'active' and s.audiences && array['child', 'young_person']::text[]
    ),
    routed as (
      select case when r.origin = 'self_referral' then 'self'
        when r.referring_organisation_id in (select organisation_id from recovery_org) then 'recovery'
        when r.referring_organisation_id in (select id from children_org) then 'children'
        else 'other' end as route
      from referral r left join family f on f.id = coalesce(r.receiving_family_id, r.family_id)
      where r.origin <> 'redirect' and r.sent_at is not null and ${instantInPeriod(sql`r.sent_at`, scope)}
        and r.organisation_id in (select o.id from organisation o where o.partnership_area_id = ${scope.areaId})
        ${service} ${locality}
    )
    select case when grouping(route) = 1 then 'all' else route end as k, count(*)::int as referrals
    from routed group by grouping sets ((route), ())`,
  );
  const by = new Map(rows.map((r) => [r.k, whole(r.referrals)]));
  const all = by.get('all') ?? 0;
  const values = (n: number) => ({ referrals: n, share: share(n, all) });
  return {
    id: 'reach-route-in',
    title: 'How families come in: referrals by route',
    definition: [
      'Referrals sent in the period to services of the partnership area’s organisations, from practitioners, other systems (the API) and the public finder; a referral passed on to another service is counted once, by how it first came in.',
      'Self-referral: sent by the family themselves from Find support. Recovery service: sent by an organisation that lists a service for people who drink or use drugs themselves. Children’s services: sent by a council organisation, or one that lists a service for children or young people. Other organisation: any other.',
      'Share: of all the referrals counted.',
      scopeText(scope, {
        service: scope.service ? `Only referrals to ${scope.service.name}.` : '',
      }),
      scope.locality ? 'With a locality chosen, only referrals with a family record in it count.' : '',
    ]
      .filter(Boolean)
      .join(' '),
    columns: [
      { key: 'referrals', label: 'Referrals', kind: 'count' },
      { key: 'share', label: 'Share of referrals', kind: 'percent', basedOn: 'referrals' },
    ],
    rows: routes.map((r) => ({ key: r.key, label: r.label, values: values(by.get(r.key) ?? 0) })),
    total: { key: 'all', label: 'All referrals', values: values(all) },
  };
}

interface LinkFigures {
  k: string;
  families: number | null;
  familiesLinked: number | null;
  people: number | null;
  peopleLinked: number | null;
}

export async function recoveryLink(db: Db, scope: AuditScope): Promise<AuditTable> {
  const rows = await auditRows<LinkFigures>(
    db,
    sql`with ${recoveryOrganisations},
    -- The support rows of the period from organisations of the area (whichever service is chosen),
    -- with whether each is a current member's who uses alcohol or drugs, and a recovery service's.
    support as (
      select s.family_id, s.person_id, s.locality_id, s.member, s.member and s.rank = 1 as uses,
        s.organisation_id in (select organisation_id from recovery_org) as recovery
      from audit_support s
      where s.partnership_area_id = ${scope.areaId}${scope.locality ? sql` and s.locality_id = ${scope.locality.id}::uuid` : sql``}
        and s.organisation_id in (select o.id from organisation o where o.partnership_area_id = ${scope.areaId})
        and s.started_on <= ${scope.to}::date and (s.closed_on is null or s.closed_on >= ${scope.from}::date)
    ),
    -- Families with someone supported in the period; whether a member uses, and one who does is in
    -- contact with services, is kept for each family (audit_family); the members using alcohol or
    -- drugs with a recovery service's support are gathered with them.
    family_facts as (
      select s.family_id, s.locality_id, s.family_supported, af.has_using,
        s.recovery_using or af.using_in_contact as loved_one_in_contact, s.recovery_people
      from (
        select family_id, locality_id, bool_or(member and not uses) as family_supported,
          bool_or(uses and recovery) as recovery_using,
          array_agg(person_id) filter (where uses and recovery) as recovery_people
        from support group by family_id, locality_id
      ) s
      join audit_family af on af.family_id = s.family_id
    ),
    fam as (
      select ${localityKey(sql`locality_id`)} as k,
        count(*) filter (where family_supported and has_using)::int as families,
        count(*) filter (where family_supported and has_using and loved_one_in_contact)::int as families_linked
      from family_facts group by grouping sets ((locality_id), ())
    ),
    recovery_people as (
      select p.person_id, ff.locality_id, bool_or(ff.family_supported) as family_supported
      from family_facts ff cross join lateral unnest(ff.recovery_people) p(person_id)
      where ff.recovery_people is not null
      group by p.person_id, ff.locality_id
    ),
    peo as (
      select coalesce(locality_id::text, 'none') as k, count(*)::int as people,
        count(*) filter (where family_supported)::int as people_linked
      from recovery_people group by locality_id
      union all
      select 'all', count(*)::int, count(*) filter (where family_supported)::int
      from (select person_id, bool_or(family_supported) as family_supported from recovery_people group by person_id) p
    )
    select coalesce(fam.k, peo.k) as k, fam.families, fam.families_linked as "familiesLinked",
      peo.people, peo.people_linked as "peopleLinked"
    from fam full join peo on peo.k = fam.k`,
    { hashOnly: true },
  );
  const figures = new Map(
    rows.map((r) => {
      const [families, familiesLinked, people, peopleLinked] = [
        whole(r.families),
        whole(r.familiesLinked),
        whole(r.people),
        whole(r.peopleLinked),
      ];
      return [
        r.k,
        {
          families,
          familiesLinked,
          familiesShare: share(familiesLinked, families),
          people,
          peopleLinked,
          peopleShare: share(peopleLinked, people),
        },
      ];
    }),
  );
  const zero = {
    families: 0,
    familiesLinked: 0,
    familiesShare: 'none',
    people: 0,
    peopleLinked: 0,
    peopleShare: 'none',
  };
  return {
    id: 'reach-recovery-link',
    title: 'Family support and recovery services reaching each other’s families',
    definition: [
      'Support in the period as for people supported: their own support from an organisation in the area, open at some point in the period. A recovery service is an organisation that lists a service for people who drink or use drugs themselves.',
      'Families whose loved one is in contact with a recovery service: of the families with a member supported who does not use alcohol or drugs themselves and a member who does, those where a member who uses has support from a recovery service or is recorded as in contact with services.',
      'People supported by a recovery service whose family is supported too: of the members using alcohol or drugs with support from a recovery service, those with a member of their family supported who does not use.',
      `By the locality of the family; family members as they stand today. ${scopeText(scope)} Choosing a service or a group of people does not narrow this table.`,
    ].join(' '),
    columns: [
      { key: 'families', label: 'Families supported with a loved one using', kind: 'count' },
      { key: 'familiesLinked', label: 'Loved one in contact with a recovery service', kind: 'count' },
      {
        key: 'familiesShare',
        label: 'Share of families',
        kind: 'percent',
        basedOn: 'familiesLinked',
        alsoBasedOn: ['families'],
      },
      { key: 'people', label: 'People supported by a recovery service', kind: 'count' },
      { key: 'peopleLinked', label: 'Family supported too', kind: 'count' },
      {
        key: 'peopleShare',
        label: 'Share of people',
        kind: 'percent',
        basedOn: 'peopleLinked',
        alsoBasedOn: ['people'],
      },
    ],
    ...localityRows(scope, figures, zero),
  };
}
