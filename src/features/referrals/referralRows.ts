// The rows that reads of referrals give: a list row, one referral's page, its
// history, members decided apart, and the self-referral behind it.
import type {
  MemberOutcome,
  ReferralOrigin,
  ReferralStatus,
  ReferralUrgency,
  SharingBasis,
} from '../../db/schema.ts';
export interface ReferralListRow {
  id: string;
  reference: string;
  status: ReferralStatus;
  origin: ReferralOrigin;
  urgency: ReferralUrgency;
  serviceName: string;
  /** The other side: the referring organisation in the inbox, the receiving one in "referrals I made". */
  organisationName: string | null;
  receivedOn: string | null;
  firstSupportOn: string | null;
  updatedAt: Date;
  /** In "referrals I made": the referral it was passed on from, and its members decided apart from the rest. */
  redirectedFromReference?: string | null;
  passedOn?: number;
  declinedFor?: number;
}

export interface ReferralPageRow extends ReferralListRow {
  version: number;
  serviceId: string;
}

export interface ReferralPageQuery {
  side: 'made' | 'received';
  statuses: ReferralStatus[];
  serviceId?: string;
  changedSince?: Date;
  limit: number;
  offset: number;
}

export interface InboxFilter {
  status: ReferralStatus;
  serviceId: string;
  urgency: string;
}

export interface ReferralDetail {
  id: string;
  reference: string;
  status: ReferralStatus;
  origin: ReferralOrigin;
  urgency: ReferralUrgency;
  version: number;
  serviceId: string;
  serviceName: string;
  organisationId: string;
  organisationName: string;
  referringOrganisationId: string | null;
  referringOrganisationName: string | null;
  referredByName: string | null;
  familyId: string | null;
  receivingFamilyId: string | null;
  selfReferralId: string | null;
  redirectedFromId: string | null;
  redirectedFromReference: string | null;
  redirectedToId: string | null;
  redirectedToReference: string | null;
  reason: string | null;
  wishes: string | null;
  sharingBasis: SharingBasis | null;
  consentPersonId: string | null;
  consentMethod: string | null;
  consentOn: string | null;
  concernId: string | null;
  declineReason: string | null;
  suggestion: string | null;
  receivedOn: string | null;
  firstSupportOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  referralTakes: string | null;
  referralNeeds: string | null;
  referralExcludes: string | null;
}

export interface ReferralEventRow {
  at: Date;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  note: string | null;
  actorName: string | null;
  actorOrganisation: string | null;
  /** Made through a secure link by a service outside Hearth. */
  byLink?: boolean;
}

export interface MemberOutcomeRow {
  name: string | null;
  outcome: MemberOutcome;
  reason: string;
  suggestion: string | null;
  decidedAt: Date;
  passedToId: string | null;
  passedToReference: string | null;
  passedToStatus: ReferralStatus | null;
  passedToService: string | null;
}

export interface SelfReferralRow {
  name: string;
  audience: string | null;
  contactMethod: 'phone' | 'text' | 'email' | 'none';
  phone: string | null;
  email: string | null;
  safeTimes: string | null;
  leaveMessage: boolean;
  helpWith: string;
  receivedAt: Date;
}
