// Drizzle's view of the tables created by the SQL files in migrations/.
// The SQL is the source of truth; schema.int.test.ts checks the two agree.
import { bigint, boolean, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const partnershipArea = pgTable('partnership_area', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  councilArea: text('council_area').notNull(),
  createdAt: createdAt(),
});

export const locality = pgTable('locality', {
  id: uuid('id').primaryKey().defaultRandom(),
  partnershipAreaId: uuid('partnership_area_id').notNull(),
  name: text('name').notNull(),
});

export const organisationKinds = ['nhs', 'local_authority', 'third_sector', 'community'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisation = pgTable('organisation', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').$type<OrganisationKind>().notNull(),
  partnershipAreaId: uuid('partnership_area_id').notNull(),
  createdAt: createdAt(),
});

export const roles = [
  'practitioner',
  'volunteer',
  'team_lead',
  'org_admin',
  'partnership_lead',
  'system_admin',
] as const;
export type Role = (typeof roles)[number];
export type UserStatus = 'invited' | 'active' | 'deactivated';

export const appUser = pgTable('app_user', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  roles: text('roles').array().$type<Role[]>().notNull(),
  passwordHash: text('password_hash'),
  status: text('status').$type<UserStatus>().notNull().default('invited'),
  createdAt: createdAt(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  // "Email me about referrals" (migration 0023).
  emailReferrals: boolean('email_referrals').notNull().default(true),
});

export const userInvitation = pgTable('user_invitation', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

export const userSession = pgTable('user_session', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull(),
  userId: uuid('user_id').notNull(),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  endReason: text('end_reason'),
});

export const signInFailure = pgTable('sign_in_failure', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  emailHash: text('email_hash').notNull(),
  ip: text('ip').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const apiToken = pgTable('api_token', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  tokenPrefix: text('token_prefix').notNull(),
  roles: text('roles').array().$type<Role[]>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by'),
});

export type AuditOutcome = 'success' | 'denied' | 'failure';

export const auditEvent = pgTable('audit_event', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorUserId: uuid('actor_user_id'),
  actorTokenId: uuid('actor_token_id'),
  // A referral's secure link, for a service outside Hearth (migration 0023).
  actorLinkId: uuid('actor_link_id'),
  organisationId: uuid('organisation_id'),
  action: text('action').notNull(),
  outcome: text('outcome').$type<AuditOutcome>().notNull().default('success'),
  recordType: text('record_type'),
  recordId: text('record_id'),
  familyId: uuid('family_id'),
  ip: text('ip'),
  requestId: text('request_id'),
  reason: text('reason'),
  detail: jsonb('detail').$type<Record<string, unknown>>(),
});

// The whole-family assessment.
export * from './schemaAssessment.ts';
// The provision audit: SIMD lookup, need estimates and gap proposals.
export * from './schemaAudit.ts';
// Locality boundaries for the audit's map.
export * from './schemaBoundary.ts';
// The service directory, postcode places, self-referrals and listing problems.
export * from './schemaDirectory.ts';
// The whole-family record's tables.
export * from './schemaFamily.ts';
// The family plan, reviews and team meetings.
export * from './schemaPlan.ts';
// Referrals, their history, secure links, notifications and the email outbox.
export * from './schemaReferral.ts';
// Support delivery: contacts, groups, programmes and caseloads.
export * from './schemaSupport.ts';
