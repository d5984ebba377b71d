// Demo referrals between the demo organisations: a dozen in every status,
// some waiting nearly or over 3 and 6 weeks, a redirect chain and a
// self-referral, each with its history, so the inbox looks real on first start.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import {
  familyTeamMember,
  memberSupport,
  notification,
  type ReferralStatus,
  type ReferralUrgency,
  referral,
  referralEvent,
  referralMember,
  selfReferral,
} from '../db/schema.ts';
import { moveMessage } from '../features/referrals/referralService.ts';
import { addDemoReferralStories } from './demoReferralStories.ts';

interface Spec {
  from: string;
  to: string;
  status: ReferralStatus;
  /** Days since it was sent. */
  sent: number;
  urgency?: ReferralUrgency;
  /** Days from sent to the first support contact. */
  supportAfter?: number;
  reason: string;
}

const specs: Spec[] = [
  {
    from: 'recovery',
    to: 'familysupport',
    status: 'new',
    sent: 2,
    reason: 'Mum is in recovery and wants support for the family as a whole.',
  },
  {
    from: 'recovery',
    to: 'familysupport',
    status: 'new',
    sent: 16,
    urgency: 'urgent',
    reason: 'Partner is struggling since his relapse; asked for help quickly.',
  },
  {
    from: 'socialwork',
    to: 'familysupport',
    status: 'new',
    sent: 24,
    reason: 'Grandparents bringing up the children; they would like to talk to someone.',
  },
  {
    from: 'recovery',
    to: 'familysupport',
    status: 'waiting',
    sent: 37,
    reason: 'Family would like the 5-Step Method.',
  },
  {
    from: 'youth',
    to: 'familysupport',
    status: 'waiting',
    sent: 50,
    urgency: 'soon',
    reason: 'Young person worried about dad’s drinking.',
  },
  {
    from: 'recovery',
    to: 'familysupport',
    status: 'accepted',
    sent: 10,
    reason: 'Sister affected by her brother’s drug use.',
  },
  {
    from: 'socialwork',
    to: 'familysupport',
    status: 'accepted',
    sent: 30,
    reason: 'Mother wants support for herself and her son.',
  },
  {
    from: 'recovery',
    to: 'familysupport',
    status: 'started',
    sent: 40,
    supportAfter: 12,
    reason: 'Father in treatment; partner wants support.',
  },
  {
    from: 'familysupport',
    to: 'youngcarers',
    status: 'declined',
    sent: 20,
    reason: 'Son helps care for his mum most evenings.',
  },
  {
    from: 'familysupport',
    to: 'recovery',
    status: 'withdrawn',
    sent: 15,
    reason: 'Dad asked about treatment, then chose his GP.',
  },
  {
    from: 'recovery',
    to: 'familysupport',
    status: 'closed',
    sent: 90,
    supportAfter: 9,
    reason: 'Family wanted support while dad was in rehab.',
  },
];

/** The statuses a referral passed through to reach its own, in order. */
function path(status: ReferralStatus): ReferralStatus[] {
  const via: Partial<Record<ReferralStatus, ReferralStatus[]>> = {
    new: ['new'],
    waiting: ['new', 'waiting'],
    accepted: ['new', 'accepted'],
    started: ['new', 'accepted', 'started'],
    declined: ['new', 'declined'],
    redirected: ['new', 'redirected'],
    withdrawn: ['new', 'withdrawn'],
    closed: ['new', 'accepted', 'started', 'closed'],
  };
  return via[status] ?? ['new'];
}

const routes: Record<string, { takes: string; needs: string; excludes: string }> = {
  familysupport: {
    takes: 'Any family member affected by someone else’s drinking or drug use, aged 16 and over.',
    needs: 'Who is affected, what they would like, and the safest way to contact them.',
    excludes: 'Crisis support: call 999 or NHS 24 on 111.',
  },
  youngcarers: {
    takes: 'Young people aged 8 to 18 who help look after someone.',
    needs: 'Who they care for, their school, and whether the family knows about the referral.',
    excludes: 'Adults over 18: refer to the family support service.',
  },
  recovery: {
    takes: 'Adults who want help with their own drinking or drug use.',
    needs: 'What they use, any current prescribing, and their GP.',
    excludes: 'Family members on their own: refer to the family support service.',
  },
};

function daysAgo(today: Date, days: number): Date {
  return new Date(today.getTime() - days * 86_400_000);
}

export async function addDemoReferrals(
  tx: Db,
  context: { orgId: Map<string, string>; today: Date },
): Promise<void> {
  const { orgId, today } = context;
  const id = (key: string) => orgId.get(key) as string;
  for (const [key, route] of Object.entries(routes))
    await tx.execute(
      sql`update directory_service set referral_takes = ${route.takes}, referral_needs = ${route.needs},
        referral_excludes = ${route.excludes} where organisation_id = ${id(key)} and referral_takes is null`,
    );
  const serviceOf = async (key: string) => {
    const [row] = await queryRows<{ id: string; name: string }>(
      tx,
      // The organisation's main service: one that takes referrals from workers and sees people somewhere, not a phone line.
      sql`select s.id, s.name from directory_service s where s.organisation_id = ${id(key)} and s.status = 'active'
        order by 'professional' = any(s.referral_routes) desc,
          exists (select 1 from directory_service_at_location l where l.service_id = s.id) desc, s.name limit 1`,
    );
    return row;
  };
  const userOf = async (key: string) => {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`select id from app_user where organisation_id = ${id(key)} and status = 'active'
        and roles && array['practitioner', 'team_lead']::text[] order by email limit 1`,
    );
    return row?.id;
  };
  const used = new Set<string>();
  const familyOf = async (key: string) => {
    const rows = await queryRows<{ familyId: string; personIds: string[] }>(
      tx,
      sql`select t.family_id as "familyId", array_agg(m.person_id order by m.started_on, m.person_id) as "personIds"
        from family_team_member t join family f on f.id = t.family_id
          join family_membership m on m.family_id = t.family_id and m.ended_on is null
        where t.organisation_id = ${id(key)} and t.left_on is null
        group by t.family_id, f.reference order by f.reference limit 40`,
    );
    const found = rows.find((r) => !used.has(r.familyId));
    if (found) used.add(found.familyId);
    return found;
  };

  async function addReferral(spec: Spec, extra: { redirectedFromId?: string; origin?: 'redirect' } = {}) {
    const service = await serviceOf(spec.to);
    const fam = await familyOf(spec.from);
    const referrer = await userOf(spec.from);
    const receiver = await userOf(spec.to);
    if (!service || !fam || !referrer || !receiver) return undefined;
    const sentAt = daysAgo(today, spec.sent);
    const firstSupportOn =
      spec.supportAfter !== undefined
        ? daysAgo(today, spec.sent - spec.supportAfter)
            .toISOString()
            .slice(0, 10)
        : null;
    const members = fam.personIds.slice(0, 2);
    const [row] = await tx
      .insert(referral)
      .values({
        reference: sql`default`,
        serviceId: service.id,
        organisationId: id(spec.to),
        origin: extra.origin ?? 'practitioner',
        referringOrganisationId: id(spec.from),
        referredBy: referrer,
        familyId: fam.familyId,
        status: spec.status,
        reason: spec.reason,
        urgency: spec.urgency ?? 'routine',
        sharingBasis: 'consent',
        consentPersonId: members[0] as string,
        consentMethod: 'verbal',
        consentOn: daysAgo(today, spec.sent + 1)
          .toISOString()
          .slice(0, 10),
        sentAt,
        decidedAt: ['new', 'waiting', 'withdrawn'].includes(spec.status)
          ? null
          : daysAgo(today, spec.sent - 3),
        decidedBy: ['new', 'waiting', 'withdrawn'].includes(spec.status) ? null : receiver,
        declineReason:
          spec.status === 'declined' ? 'He is 19: our service is for young people up to 18.' : null,
        suggestion:
          spec.status === 'declined' ? 'Glenmuir Family Support runs a group for adult carers.' : null,
        redirectedFromId: extra.redirectedFromId ?? null,
        receivingFamilyId: ['accepted', 'started', 'closed'].includes(spec.status) ? fam.familyId : null,
        firstSupportOn,
        closedAt: spec.status === 'closed' || spec.status === 'withdrawn' ? daysAgo(today, 1) : null,
        createdAt: sentAt,
        updatedAt: daysAgo(today, 1),
        version: path(spec.status).length + 1,
      })
      .returning({ id: referral.id, reference: referral.reference });
    if (!row) throw new Error('demo referral not created');
    await tx.insert(referralMember).values(members.map((personId) => ({ referralId: row.id, personId })));
    const steps = path(spec.status);
    let previous: ReferralStatus | null = 'draft';
    await tx.insert(referralEvent).values({
      referralId: row.id,
      at: daysAgo(today, spec.sent),
      actorUserId: referrer,
      toStatus: 'draft',
    });
    for (const [i, step] of steps.entries()) {
      const at = new Date(sentAt.getTime() + i * 2 * 86_400_000);
      await tx.insert(referralEvent).values({
        referralId: row.id,
        at: step === 'started' && firstSupportOn ? new Date(`${firstSupportOn}T10:00:00Z`) : at,
        actorUserId: step === 'new' || step === 'withdrawn' ? referrer : receiver,
        fromStatus: previous,
        toStatus: step,
        note: step === 'declined' ? 'He is 19: our service is for young people up to 18.' : null,
      });
      previous = step;
    }
    if (steps.includes('accepted')) {
      await tx
        .insert(familyTeamMember)
        .values({
          familyId: fam.familyId,
          organisationId: id(spec.to),
          joinedOn: daysAgo(today, spec.sent - 3)
            .toISOString()
            .slice(0, 10),
        })
        .onConflictDoNothing();
      await tx
        .insert(memberSupport)
        .values(
          members.map((personId) => ({ familyId: fam.familyId, personId, organisationId: id(spec.to) })),
        )
        .onConflictDoNothing();
    }
    if (spec.status !== 'new')
      await tx.insert(notification).values({
        organisationId: id(spec.from),
        userId: referrer,
        kind: `referral.${spec.status}`,
        referralId: row.id,
        message: moveMessage(row.reference, spec.status),
        createdAt: daysAgo(today, 1),
      });
    return row;
  }

  for (const spec of specs) await addReferral(spec);

  // A redirect chain: the young carers service passed a referral on to family support, history and all.
  const first = await addReferral({
    from: 'socialwork',
    to: 'youngcarers',
    status: 'redirected',
    sent: 26,
    reason: 'Daughter and mum both affected by dad’s drinking.',
  });
  if (first)
    await addReferral(
      {
        from: 'socialwork',
        to: 'familysupport',
        status: 'new',
        sent: 23,
        reason: 'Daughter and mum both affected by dad’s drinking.',
      },
      { redirectedFromId: first.id, origin: 'redirect' },
    );

  // A self-referral from the public finder.
  const service = await serviceOf('familysupport');
  if (service) {
    const [self] = await tx
      .insert(selfReferral)
      .values({
        serviceId: service.id,
        organisationId: id('familysupport'),
        name: 'Kirsty',
        audience: 'partner',
        contactMethod: 'text',
        phone: '07700 900456',
        safeTimes: 'Weekdays between 10am and 2pm',
        leaveMessage: false,
        helpWith: 'My partner’s drinking is getting worse and I do not know who to talk to.',
        receivedAt: daysAgo(today, 5),
      })
      .returning();
    const [row] = await tx
      .insert(referral)
      .values({
        reference: sql`default`,
        serviceId: service.id,
        organisationId: id('familysupport'),
        origin: 'self_referral',
        selfReferralId: self?.id,
        status: 'new',
        reason: self?.helpWith,
        sentAt: daysAgo(today, 5),
        createdAt: daysAgo(today, 5),
        version: 2,
      })
      .returning();
    if (row)
      await tx
        .insert(referralEvent)
        .values({ referralId: row.id, at: daysAgo(today, 5), fromStatus: null, toStatus: 'new' });
  }

  // A family for the recovery worker to refer, a self-referral from someone already known, and a split referral.
  await addDemoReferralStories(tx, context);
}
