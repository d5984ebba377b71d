// Referrals as the API gives them: no more personal data than the referral's
// page shows the same side, and the wait counted the same way.
import type { ReferralStatus } from '../../db/schema.ts';
import type { ReferralBody } from './referralApiSchemas.ts';
import { offeredMoves } from './referralMoves.ts';
import type {
  ReferralDetail,
  ReferralEventRow,
  ReferralListRow,
  ReferralPageRow,
  SelfReferralRow,
} from './referralRepository.ts';
import { type Side, waitDays, waitFlag, waitingStatuses } from './referralStatus.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

/** The wait as the pages count it: from received to first support, or so far while still waiting. */
export function waitBody(
  row: Pick<ReferralListRow, 'status' | 'receivedOn' | 'firstSupportOn'>,
  today: string,
): ReferralBody['wait'] {
  if (!row.receivedOn) return null;
  const stillWaiting = waitingStatuses.includes(row.status);
  if (!stillWaiting && !row.firstSupportOn) return null;
  const days = waitDays(row.receivedOn, row.firstSupportOn, today);
  return { days, stillWaiting, flag: stillWaiting ? (waitFlag(days) ?? null) : null };
}

/** A row of GET /referrals: ids, statuses, services and organisations, dates; no one's name. */
export function presentReferralSummary(row: ReferralPageRow, today: string) {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    origin: row.origin,
    urgency: row.urgency,
    version: row.version,
    service: { id: row.serviceId, name: row.serviceName },
    otherOrganisation: row.organisationName,
    receivedOn: row.receivedOn,
    firstSupportOn: row.firstSupportOn,
    wait: waitBody(row, today),
    updatedAt: iso(row.updatedAt),
  };
}

export interface ReferralParts {
  row: ReferralDetail;
  side: Side;
  members: { personId: string; name: string | null }[];
  events: ReferralEventRow[];
  self: SelfReferralRow | undefined;
}

/** One referral for the side the token acts for, as its page shows it to that side. */
export function presentReferral(parts: ReferralParts, today: string): ReferralBody {
  const { row, side, members, events, self } = parts;
  const consent = row.sharingBasis === 'consent';
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    origin: row.origin,
    urgency: row.urgency,
    version: row.version,
    side,
    service: {
      id: row.serviceId,
      name: row.serviceName,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      route: { takes: row.referralTakes, needs: row.referralNeeds, excludes: row.referralExcludes },
    },
    otherOrganisation: side === 'receiver' ? row.referringOrganisationName : row.organisationName,
    referringOrganisation:
      row.referringOrganisationId && row.referringOrganisationName
        ? { id: row.referringOrganisationId, name: row.referringOrganisationName }
        : null,
    referredBy: row.referredByName,
    familyId: side === 'referrer' ? row.familyId : row.receivingFamilyId,
    // A member this side may not see is there, but without a name or an id.
    members: members.map((m) => ({ personId: m.name === null ? null : m.personId, name: m.name })),
    reason: row.reason,
    wishes: row.wishes,
    sharing: {
      basis: row.sharingBasis,
      consentGivenBy: consent
        ? (members.find((m) => m.personId === row.consentPersonId)?.name ?? null)
        : null,
      consentMethod: consent ? (row.consentMethod as ReferralBody['sharing']['consentMethod']) : null,
      consentOn: consent ? row.consentOn : null,
      protectionConcernId: side === 'referrer' ? row.concernId : null,
    },
    declineReason: row.declineReason,
    suggestion: row.suggestion,
    redirectedFrom:
      row.redirectedFromId && row.redirectedFromReference
        ? { id: row.redirectedFromId, reference: row.redirectedFromReference }
        : null,
    redirectedTo:
      row.redirectedToId && row.redirectedToReference
        ? { id: row.redirectedToId, reference: row.redirectedToReference }
        : null,
    selfReferral: self
      ? {
          name: self.name,
          audience: self.audience,
          contactMethod: self.contactMethod,
          // As on the page: only the way they said is safe to use.
          phone: self.contactMethod === 'phone' || self.contactMethod === 'text' ? self.phone : null,
          email: self.contactMethod === 'email' ? self.email : null,
          safeTimes: self.safeTimes,
          leaveMessage: self.leaveMessage,
          helpWith: self.helpWith,
          receivedAt: iso(self.receivedAt),
        }
      : null,
    receivedOn: row.receivedOn,
    firstSupportOn: row.firstSupportOn,
    wait: waitBody(row, today),
    history: events.map((e) => ({
      at: iso(e.at),
      from: e.fromStatus,
      to: e.toStatus,
      by: e.actorName ? `${e.actorName}${e.actorOrganisation ? `, ${e.actorOrganisation}` : ''}` : null,
      note: e.note,
    })),
    moves: offeredMoves(row, side) as Exclude<ReferralStatus, 'draft'>[],
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** The weak ETag of a referral: its version, which every change moves on. */
export function referralEtag(version: number): string {
  return `W/"${version}"`;
}
