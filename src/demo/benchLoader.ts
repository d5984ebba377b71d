import { eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { appUser, locality, organisation, partnershipArea } from '../db/schema.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import {
  type BenchBatch,
  type BenchContext,
  benchArea,
  benchBatch,
  benchLeadEmail,
  benchOrganisations,
  benchUserEmail,
  benchUsers,
} from './benchData.ts';

export interface BenchArea {
  areaId: string;
  created: boolean;
  organisations: number;
  users: number;
  /** The bench user's organisation. */
  benchOrganisationId: string;
  localityIds: string[];
  teamOrganisations: { id: string; workerIds: string[] }[];
}

/**
 * Creates the benchmark area with its localities, organisations and staff,
 * or finds it when present. The bench user's password is set to `password`
 * each time, so the one printed always works.
 */
export async function ensureBenchArea(db: Db, password: string): Promise<BenchArea> {
  const passwordHash = await hashPassword(password);
  let created = false;
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: partnershipArea.id })
      .from(partnershipArea)
      .where(eq(partnershipArea.name, benchArea.name));
    if (existing) return;
    created = true;
    const [area] = await tx
      .insert(partnershipArea)
      .values({ name: benchArea.name, councilArea: benchArea.councilArea })
      .returning();
    if (!area) throw new Error('benchmark area not created');
    await tx
      .insert(locality)
      .values(benchArea.localities.map((name) => ({ partnershipAreaId: area.id, name })));
    const orgs = await tx
      .insert(organisation)
      .values(benchOrganisations.map((o) => ({ name: o.name, kind: o.kind, partnershipAreaId: area.id })))
      .returning({ id: organisation.id, name: organisation.name });
    const orgId = new Map(orgs.map((o) => [o.name, o.id]));
    await tx.insert(appUser).values(
      benchUsers().map((u) => ({
        organisationId: orgId.get(u.organisation) as string,
        email: u.email,
        displayName: u.displayName,
        roles: u.roles,
        passwordHash,
        status: 'active' as const,
        passwordChangedAt: new Date(),
      })),
    );
  });
  await db
    .update(appUser)
    .set({ passwordHash, status: 'active' })
    .where(sql`lower(${appUser.email}) in (${benchUserEmail}, ${benchLeadEmail})`);
  await ensureBenchLead(db, passwordHash);
  return describeBenchArea(db, created);
}

/** The partnership lead sign-in, added to the partnership team if an older bench area lacks it. */
async function ensureBenchLead(db: Db, passwordHash: string): Promise<void> {
  const team = benchOrganisations.find((o) => !o.worksWithFamilies)?.name as string;
  await db.execute(sql`insert into app_user (organisation_id, email, display_name, roles, password_hash, status, password_changed_at)
    select o.id, ${benchLeadEmail}, 'Bench Partnership Lead', array['partnership_lead'], ${passwordHash}, 'active', now()
    from organisation o join partnership_area a on a.id = o.partnership_area_id
    where a.name = ${benchArea.name} and o.name = ${team}
      and not exists (select 1 from app_user u where lower(u.email) = ${benchLeadEmail})`);
}

async function describeBenchArea(db: Db, created: boolean): Promise<BenchArea> {
  const [area] = await db
    .select({ id: partnershipArea.id })
    .from(partnershipArea)
    .where(eq(partnershipArea.name, benchArea.name));
  if (!area) throw new Error('benchmark area missing');
  const localities = await db
    .select({ id: locality.id })
    .from(locality)
    .where(eq(locality.partnershipAreaId, area.id))
    .orderBy(locality.name);
  const orgs = await db
    .select({ id: organisation.id, name: organisation.name })
    .from(organisation)
    .where(eq(organisation.partnershipAreaId, area.id));
  const users = orgs.length
    ? await db
        .select({
          id: appUser.id,
          email: appUser.email,
          organisationId: appUser.organisationId,
          roles: appUser.roles,
        })
        .from(appUser)
        .where(
          inArray(
            appUser.organisationId,
            orgs.map((o) => o.id),
          ),
        )
    : [];
  const benchUser = users.find((u) => u.email.toLowerCase() === benchUserEmail);
  if (!benchUser) throw new Error(`the benchmark area has no user ${benchUserEmail}`);
  const familyOrgNames = new Set(benchOrganisations.filter((o) => o.worksWithFamilies).map((o) => o.name));
  const teamOrganisations = orgs
    .filter((o) => familyOrgNames.has(o.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((o) => ({
      id: o.id,
      workerIds: users
        .filter(
          (u) => u.organisationId === o.id && u.roles.some((r) => r === 'practitioner' || r === 'volunteer'),
        )
        .map((u) => u.id)
        .sort(),
    }));
  return {
    areaId: area.id,
    created,
    organisations: orgs.length,
    users: users.length,
    benchOrganisationId: benchUser.organisationId,
    localityIds: localities.map((l) => l.id),
    teamOrganisations,
  };
}

/** The highest bench family number already in the database (0 when none). */
export async function benchFamilyCount(db: Db, areaId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(max(substring(reference from 7)::int), 0)::int as n
        from family where partnership_area_id = ${areaId} and reference like 'BENCH-%'`,
  );
  return row?.n ?? 0;
}

/** Writes one batch in one transaction: four multi-row inserts from column arrays. */
export async function insertBenchBatch(db: Db, areaId: string, batch: BenchBatch): Promise<void> {
  const { family: f, person: p, membership: m, team: t, relationship: r, chronology: c } = batch;
  const a = sql.param;
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into family (id, reference, name, partnership_area_id, locality_id, status, created_at, updated_at)
      select id, reference, name, ${areaId}::uuid, locality_id, status, created_at, updated_at
      from unnest(${a(f.id)}::uuid[], ${a(f.reference)}::text[], ${a(f.name)}::text[], ${a(f.localityId)}::uuid[],
        ${a(f.status)}::text[], ${a(f.createdAt)}::timestamptz[], ${a(f.updatedAt)}::timestamptz[])
        as x(id, reference, name, locality_id, status, created_at, updated_at)`);
    await tx.execute(sql`insert into person (id, given_name, family_name, date_of_birth, postcode)
      select * from unnest(${a(p.id)}::uuid[], ${a(p.givenName)}::text[], ${a(p.familyName)}::text[], ${a(p.dateOfBirth)}::date[],
        ${a(p.postcode)}::text[])`);
    await tx.execute(sql`insert into family_membership (family_id, person_id, relationship_label, roles, started_on)
      select family_id, person_id, relationship_label, string_to_array(roles, ','), started_on
      from unnest(${a(m.familyId)}::uuid[], ${a(m.personId)}::uuid[], ${a(m.relationshipLabel)}::text[],
        ${a(m.roles)}::text[], ${a(m.startedOn)}::date[])
        as x(family_id, person_id, relationship_label, roles, started_on)`);
    await tx.execute(sql`insert into family_team_member (family_id, organisation_id, lead_worker_id, joined_on)
      select * from unnest(${a(t.familyId)}::uuid[], ${a(t.organisationId)}::uuid[], ${a(t.leadWorkerId)}::uuid[], ${a(t.joinedOn)}::date[])`);
    // The first organisation on each team supports every member; every member consents to share with the team.
    await tx.execute(sql`insert into member_support (family_id, person_id, organisation_id, status, worker_id, started_on)
      select distinct on (m.family_id, m.person_id) m.family_id, m.person_id, t.organisation_id, 'being_supported',
        t.lead_worker_id, t.joined_on
      from family_membership m join family_team_member t on t.family_id = m.family_id
      where m.family_id = any(${a(f.id)}::uuid[])
      order by m.family_id, m.person_id, t.created_at, t.id`);
    await tx.execute(sql`insert into relationship (family_id, from_person_id, to_person_id, kind, quality)
      select * from unnest(${a(r.familyId)}::uuid[], ${a(r.fromPersonId)}::uuid[], ${a(r.toPersonId)}::uuid[],
        ${a(r.kind)}::text[], ${a(r.quality)}::text[])`);
    // Chronology entries are recorded by the family's first organisation (as the overview shows them).
    await tx.execute(sql`insert into chronology_entry (family_id, person_id, occurred_on, kind, impact, what, source, organisation_id)
      select x.family_id, x.person_id, x.occurred_on, x.kind, x.impact, x.what, 'Family support worker',
        (select t.organisation_id from family_team_member t where t.family_id = x.family_id and t.left_on is null
          order by t.created_at, t.id limit 1)
      from unnest(${a(c.familyId)}::uuid[], ${a(c.personId)}::uuid[], ${a(c.occurredOn)}::date[], ${a(c.kind)}::text[],
        ${a(c.impact)}::text[], ${a(c.what)}::text[]) as x(family_id, person_id, occurred_on, kind, impact, what)`);
    await tx.execute(sql`insert into consent (family_id, person_id, organisation_id, status, scope, method)
      select m.family_id, m.person_id, t.organisation_id, 'given', 'Share information with the team around the family', 'verbal'
      from family_membership m join family_team_member t on t.family_id = m.family_id
      where m.family_id = any(${a(f.id)}::uuid[])`);
  });
}

export interface LoadProgress {
  done: number;
  total: number;
  people: number;
}

/** Adds families `from + 1` … `to` in batches of `batchSize`, each batch in its own transaction. */
export async function loadBenchFamilies(
  db: Db,
  area: BenchArea,
  options: { seed: number; from: number; to: number; batchSize?: number; today?: Date },
  onProgress: (progress: LoadProgress) => void = () => {},
): Promise<{ families: number; people: number }> {
  const batchSize = options.batchSize ?? 500;
  const context: BenchContext = {
    seed: options.seed,
    today: options.today ?? new Date(),
    localityIds: area.localityIds,
    teamOrganisations: area.teamOrganisations,
  };
  const total = options.to - options.from;
  let people = 0;
  for (let first = options.from + 1; first <= options.to; first += batchSize) {
    const batch = benchBatch(context, first, Math.min(batchSize, options.to - first + 1));
    await insertBenchBatch(db, area.areaId, batch);
    people += batch.person.id.length;
    onProgress({ done: first + batch.family.id.length - 1 - options.from, total, people });
  }
  return { families: total, people };
}

/**
 * VACUUM (ANALYZE) after a bulk load: fresh planner statistics, and a visibility map so index-only
 * scans work as they would once autovacuum has visited, so the benchmark sees steady-state plans.
 */
export async function vacuumBenchTables(db: Db): Promise<void> {
  await db.execute(
    sql`vacuum (analyze) family, person, family_membership, family_team_member, member_support, consent, app_user,
      relationship, chronology_entry, person_name_word, family_plan, plan_goal, plan_action, plan_review,
      plan_progress, contact, contact_member, directory_service, directory_location, directory_service_at_location,
      directory_service_area, directory_phone, directory_schedule, postcode_place`,
  );
}

/** Open families on the bench organisation's team: what the bench user's home page counts. */
export async function benchOrganisationOpenFamilies(db: Db, organisationId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from family f where f.status = 'open' and exists (
      select 1 from family_team_member t where t.family_id = f.id and t.organisation_id = ${organisationId} and t.left_on is null)`,
  );
  return row?.n ?? 0;
}
