// Drizzle's view of referrals (migration 0022): referrals with their members
// and history, single-use links for services outside Hearth, notifications
// and the email outbox.
import { sql } from 'drizzle-orm';
import { bigint, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const referralStatuses = [
  'draft',
  'new',
  'waiting',
  'accepted',
  'started',
  'declined',
  'redirected',
  'withdrawn',
  'closed',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const referralOrigins = ['practitioner', 'api', 'self_referral', 'redirect'] as const;
export type ReferralOrigin = (typeof referralOrigins)[number];
export const referralUrgencies = ['routine', 'soon', 'urgent'] as const;
export type ReferralUrgency = (typeof referralUrgencies)[number];
export type SharingBasis = 'consent' | 'protection_concern';
export type ConsentMethod = 'verbal' | 'written' | 'digital';

export const referral = pgTable('referral', {
  id: uuid('id').primaryKey().defaultRandom(),
  // Filled in by the database (next_referral_reference()).
  reference: text('reference').notNull().default(sql`next_referral_reference()`),
  serviceId: uuid('service_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  origin: text('origin').$type<ReferralOrigin>().notNull(),
  referringOrganisationId: uuid('referring_organisation_id'),
  referredBy: uuid('referred_by'),
  referredByToken: uuid('referred_by_token'),
  familyId: uuid('family_id'),
  selfReferralId: uuid('self_referral_id'),
  status: text('status').$type<ReferralStatus>().notNull().default('draft'),
  reason: text('reason'),
  wishes: text('wishes'),
  urgency: text('urgency').$type<ReferralUrgency>().notNull().default('routine'),
  sharingBasis: text('sharing_basis').$type<SharingBasis>(),
  consentPersonId: uuid('consent_person_id'),
  consentMethod: text('consent_method').$type<ConsentMethod>(),
  consentOn: date('consent_on'),
  concernId: uuid('concern_id'),
  idempotencyKey: text('idempotency_key'),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decidedBy: uuid('decided_by'),
  declineReason: text('decline_reason'),
  suggestion: text('suggestion'),
  redirectedFromId: uuid('redirected_from_id'),
  receivingFamilyId: uuid('receiving_family_id'),
  firstSupportOn: date('first_support_on'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const referralMember = pgTable(
  'referral_member',
  {
    referralId: uuid('referral_id').notNull(),
    personId: uuid('person_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.referralId, t.personId] })],
);

export const referralEvent = pgTable('referral_event', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  referralId: uuid('referral_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorUserId: uuid('actor_user_id'),
  actorTokenId: uuid('actor_token_id'),
  actorLinkId: uuid('actor_link_id'),
  fromStatus: text('from_status').$type<ReferralStatus>(),
  toStatus: text('to_status').$type<ReferralStatus>().notNull(),
  note: text('note'),
});

export const referralLink = pgTable('referral_link', {
  id: uuid('id').primaryKey().defaultRandom(),
  referralId: uuid('referral_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  // Migration 0023: what it is for, where it went, its first view, what using it did, who revoked it.
  purpose: text('purpose').$type<ReferralLinkPurpose>().notNull().default('decide'),
  sentTo: text('sent_to'),
  emailId: uuid('email_id'),
  firstViewedAt: timestamp('first_viewed_at', { withTimezone: true }),
  usedFor: text('used_for').$type<ReferralStatus>(),
  revokedBy: uuid('revoked_by'),
});

/** A link for deciding (accept or decline), or, once accepted, for saying when support started. */
export type ReferralLinkPurpose = 'decide' | 'started';

export const notification = pgTable('notification', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  userId: uuid('user_id'),
  kind: text('kind').notNull(),
  referralId: uuid('referral_id'),
  message: text('message').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
});

export const emailOutbox = pgTable('email_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id'),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  failedAt: timestamp('failed_at', { withTimezone: true }),
  failure: text('failure'),
});

export const memberOutcomes = ['passed_on', 'declined'] as const;
export type MemberOutcome = (typeof memberOutcomes)[number];

/** Members decided apart from the rest of their referral (migration 0024): passed on or declined. */
export const referralMemberOutcome = pgTable('referral_member_outcome', {
  id: uuid('id').primaryKey().defaultRandom(),
  referralId: uuid('referral_id').notNull(),
  personId: uuid('person_id').notNull(),
  outcome: text('outcome').$type<MemberOutcome>().notNull(),
  passedToId: uuid('passed_to_id'),
  reason: text('reason').notNull(),
  suggestion: text('suggestion'),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  decidedBy: uuid('decided_by'),
});
