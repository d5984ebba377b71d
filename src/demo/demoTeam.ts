// The team around each demo family: named workers, lead professionals with
// hand-overs, consent reviews, one withdrawn consent, a young person's own
// view, and one emergency access that social work's team lead has not yet read.
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import {
  auditEvent,
  breakGlass,
  chronologyEntry,
  consent,
  leadProfessional,
  notice,
  teamWorker,
} from '../db/schema.ts';
import { breakGlassHours, clockTime } from '../features/breakGlass/breakGlassRepository.ts';
import { seededRandom } from './familyGenerator.ts';

interface TeamSpell {
  familyId: string;
  reference: string;
  organisationId: string;
  orgName: string;
  orgKind: string;
  joinedOn: string;
  position: number;
}

interface Worker {
  id: string;
  organisationId: string;
  name: string;
}

const roleByKind: Record<string, string> = {
  nhs: 'Recovery worker',
  local_authority: 'Social worker',
  third_sector: 'Family support worker',
  community: 'Peer support worker',
};

const handoverNotes = [
  'Handing over as I move to the Ardmore team. Dawn is doing well with her recovery plan; Gran would like a call on Fridays rather than home visits.',
  'Taking over while Priya is on leave and then for good. The family’s next review is booked; the children’s school is aware and supportive.',
  'Lead passed to family support now that the focus is on the whole family rather than treatment. Recovery service stays on the team.',
];

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysFrom(iso: string, days: number): string {
  return isoDay(new Date(new Date(`${iso}T00:00:00Z`).getTime() + days * 86_400_000));
}

/** Adds the team around the family to the demo families already written in this transaction. */
export async function addDemoTeam(tx: Db, areaId: string, today: Date): Promise<void> {
  const random = seededRandom(20261124);
  const todayIso = isoDay(today);
  const spells = await queryRows<TeamSpell>(
    tx,
    sql`select t.family_id as "familyId", f.reference, t.organisation_id as "organisationId", o.name as "orgName",
        o.kind as "orgKind", t.joined_on::text as "joinedOn",
        (row_number() over (partition by t.family_id order by t.created_at, t.id))::int as position
      from family_team_member t join family f on f.id = t.family_id join organisation o on o.id = t.organisation_id
      where t.left_on is null and f.partnership_area_id = ${areaId} order by f.reference, position`,
  );
  const workers = await queryRows<Worker>(
    tx,
    sql`select u.id, u.organisation_id as "organisationId", u.display_name as name from app_user u
      join organisation o on o.id = u.organisation_id
      where u.status = 'active' and u.roles && array['practitioner', 'volunteer', 'team_lead']::text[]
        and o.partnership_area_id = ${areaId}
      order by u.display_name`,
  );
  const workersOf = (organisationId: string) => workers.filter((w) => w.organisationId === organisationId);
  const byFamily = new Map<string, TeamSpell[]>();
  for (const spell of spells) byFamily.set(spell.familyId, [...(byFamily.get(spell.familyId) ?? []), spell]);

  let familyNumber = 0;
  for (const [familyId, team] of byFamily) {
    familyNumber += 1;
    // A named worker from each organisation, for the whole family.
    const named = team.flatMap((spell) => {
      const candidates = workersOf(spell.organisationId);
      const worker = candidates[familyNumber % Math.max(1, candidates.length)];
      return worker ? [{ spell, worker }] : [];
    });
    if (named.length) {
      await tx.insert(teamWorker).values(
        named.map(({ spell, worker }) => ({
          familyId,
          organisationId: spell.organisationId,
          userId: worker.id,
          role: roleByKind[spell.orgKind] ?? 'Support worker',
          contact: 'Through the service’s duty line, weekdays 9 to 5',
          joinedOn: spell.joinedOn,
        })),
      );
    }
    const first = named[0];
    if (!first) continue;
    // About one family in four has had its lead professional handed over once or twice.
    const handovers = named.length > 1 && familyNumber % 4 === 1 ? 1 + (familyNumber % 8 === 1 ? 1 : 0) : 0;
    const chain = [first, ...named.slice(1)].slice(0, handovers + 1);
    let startedOn = first.spell.joinedOn;
    for (const [index, link] of chain.entries()) {
      const last = index === chain.length - 1;
      const span = Math.max(1, Math.floor((Date.parse(todayIso) - Date.parse(startedOn)) / 86_400_000));
      const endedOn = last
        ? null
        : daysFrom(startedOn, Math.max(1, Math.floor(span * (0.35 + random() * 0.3))));
      const previous = chain[index - 1];
      await tx.insert(leadProfessional).values({
        familyId,
        userId: link.worker.id,
        organisationId: link.spell.organisationId,
        startedOn,
        endedOn,
        handoverNote: previous
          ? (handoverNotes[(familyNumber + index) % handoverNotes.length] as string)
          : null,
        handedOverBy: previous?.worker.id ?? null,
      });
      await tx.insert(chronologyEntry).values({
        familyId,
        occurredOn: startedOn,
        what: `${link.worker.name} of ${link.spell.orgName} became the lead professional.`,
        source: 'Hearth',
        automatic: true,
        recordedBy: previous?.worker.id ?? link.worker.id,
        organisationId: link.spell.organisationId,
      });
      if (endedOn) startedOn = endedOn;
    }
  }

  // Consent reviews: most in the coming months, some due in the next few weeks.
  const given = await queryRows<{ id: string }>(
    tx,
    sql`select c.id from consent c join family f on f.id = c.family_id
      where c.status = 'given' and f.partnership_area_id = ${areaId} order by f.reference, c.person_id, c.organisation_id`,
  );
  for (const [index, row] of given.entries()) {
    const days = index % 9 === 0 ? 5 + (index % 20) : 60 + (index % 150);
    await tx
      .update(consent)
      .set({ reviewOn: daysFrom(todayIso, days) })
      .where(eq(consent.id, row.id));
  }

  await withdrawOneConsent(tx, areaId, today);
  await recordOwnView(tx, areaId);
  await unreadBreakGlass(tx, areaId, today);
}

/** A member who has withdrawn consent to share with the second organisation on their family's team. */
async function withdrawOneConsent(tx: Db, areaId: string, today: Date): Promise<void> {
  const [target] = await queryRows<{ id: string }>(
    tx,
    sql`select c.id from consent c join family f on f.id = c.family_id
      join family_team_member t on t.family_id = c.family_id and t.organisation_id = c.organisation_id
      where c.status = 'given' and f.partnership_area_id = ${areaId} and not exists (select 1 from member_support s where s.family_id = c.family_id
        and s.person_id = c.person_id and s.organisation_id = c.organisation_id)
      order by f.reference, c.person_id limit 1`,
  );
  if (!target) return;
  await tx
    .update(consent)
    .set({
      status: 'withdrawn',
      reviewOn: null,
      withdrawnAt: new Date(today.getTime() - 3 * 86_400_000),
      scope:
        'Share information with the team around the family. Withdrawn: they would rather keep their own support separate for now.',
    })
    .where(eq(consent.id, target.id));
}

/** A young person's own view, recorded with their consent, in a family with a grandmother. */
async function recordOwnView(tx: Db, areaId: string): Promise<void> {
  const [child] = await queryRows<{ consentId: string }>(
    tx,
    sql`select c.id as "consentId" from family_membership m
      join person p on p.id = m.person_id join family f on f.id = m.family_id
      join consent c on c.family_id = m.family_id and c.person_id = m.person_id
      join member_support s on s.family_id = c.family_id and s.person_id = c.person_id
        and s.organisation_id = c.organisation_id
      where f.partnership_area_id = ${areaId} and 'child_or_young_person' = any (m.roles)
        and p.date_of_birth < current_date - interval '11 years'
        and exists (select 1 from family_membership g where g.family_id = m.family_id and g.relationship_label ilike 'grand%')
      order by f.reference limit 1`,
  );
  if (!child) return;
  await tx
    .update(consent)
    .set({
      ownView: 'I want my gran to know how I’m doing but not my school',
      scope: 'How they are getting on at home and with the young carers group',
    })
    .where(eq(consent.id, child.consentId));
}

/** Social work used emergency access to a family it is not working with; its team lead has not read the notice yet. */
async function unreadBreakGlass(tx: Db, areaId: string, today: Date): Promise<void> {
  const [target] = await queryRows<{
    familyId: string;
    reference: string;
    userId: string;
    organisationId: string;
  }>(
    tx,
    sql`select f.id as "familyId", f.reference, u.id as "userId", u.organisation_id as "organisationId"
      from family f cross join app_user u join organisation o on o.id = u.organisation_id
      where u.email = 'rachel.souter@glenmuir-council.example' and f.partnership_area_id = ${areaId}
        and not exists (select 1 from family_team_member t where t.family_id = f.id and t.organisation_id = u.organisation_id)
      order by f.reference desc limit 1`,
  );
  if (!target) return;
  const startedAt = new Date(today.getTime() - 26 * 3_600_000);
  const expiresAt = new Date(startedAt.getTime() + breakGlassHours * 3_600_000);
  const reason =
    'Police called the duty team about a disturbance at the family home; checking who lives there and who is working with the children.';
  const [row] = await tx
    .insert(breakGlass)
    .values({
      familyId: target.familyId,
      userId: target.userId,
      organisationId: target.organisationId,
      reason,
      startedAt,
      expiresAt,
    })
    .returning({ id: breakGlass.id });
  await tx.insert(notice).values({
    organisationId: target.organisationId,
    kind: 'break_glass',
    familyId: target.familyId,
    aboutUserId: target.userId,
    message: `Rachel Souter used emergency access to family ${target.reference} until ${clockTime(expiresAt)}. Their reason is in the audit trail.`,
    createdAt: startedAt,
  });
  await tx.insert(auditEvent).values({
    at: startedAt,
    actorUserId: target.userId,
    organisationId: target.organisationId,
    action: 'family.break_glass',
    recordType: 'break_glass',
    recordId: row?.id,
    familyId: target.familyId,
    ip: '127.0.0.1',
    requestId: 'demo',
    reason,
    detail: { hours: breakGlassHours },
  });
}
