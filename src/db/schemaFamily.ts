// Drizzle's view of the whole-family record (migrations 0001 and 0003).
import {
  bigint,
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

export const family = pgTable('family', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  name: text('name').notNull(),
  partnershipAreaId: uuid('partnership_area_id').notNull(),
  localityId: uuid('locality_id'),
  status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const person = pgTable('person', {
  id: uuid('id').primaryKey().defaultRandom(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name'),
  preferredName: text('preferred_name'),
  dateOfBirth: date('date_of_birth'),
  postcode: text('postcode'),
  createdAt: createdAt(),
  pronouns: text('pronouns'),
  approximateAge: integer('approximate_age'),
  approximateAgeOn: date('approximate_age_on'),
  gender: text('gender'),
  ethnicity: text('ethnicity'),
  firstLanguage: text('first_language'),
  interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
  phone: text('phone'),
  email: text('email'),
  address: text('address'),
  addressWithheld: boolean('address_withheld').notNull().default(false),
  safeToPhone: boolean('safe_to_phone'),
  safeToText: boolean('safe_to_text'),
  safeToWrite: boolean('safe_to_write'),
  safeToVisit: boolean('safe_to_visit'),
  safeTimes: text('safe_times'),
  contactSafetyNote: text('contact_safety_note'),
  mergedIntoId: uuid('merged_into_id'),
  mergedAt: timestamp('merged_at', { withTimezone: true }),
  updatedAt: updatedAt(),
  version: version(),
});

export const memberRoles = [
  'using_substances',
  'affected_family_member',
  'child_or_young_person',
  'young_carer',
  'adult_carer',
  'bereaved',
] as const;
export type MemberRole = (typeof memberRoles)[number];

export const familyMembership = pgTable('family_membership', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  personId: uuid('person_id').notNull(),
  relationshipLabel: text('relationship_label'),
  roles: text('roles').array().notNull().default([]),
  startedOn: date('started_on').notNull().defaultNow(),
  endedOn: date('ended_on'),
  livesInHousehold: boolean('lives_in_household'),
  inContactWithServices: text('in_contact_with_services')
    .$type<'yes' | 'no' | 'unknown'>()
    .notNull()
    .default('unknown'),
  endReason: text('end_reason'),
  createdAt: createdAt(),
  version: version(),
});

export const relationshipKinds = [
  'parent_of',
  'partner_of',
  'ex_partner_of',
  'grandparent_of',
  'sibling_of',
  'kinship_carer_for',
  'friend_of',
  'neighbour_of',
] as const;
export type RelationshipKind = (typeof relationshipKinds)[number];
export const relationshipQualities = ['supportive', 'mixed', 'strained', 'harmful'] as const;
export type RelationshipQuality = (typeof relationshipQualities)[number];

export const relationship = pgTable('relationship', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  fromPersonId: uuid('from_person_id').notNull(),
  toPersonId: uuid('to_person_id').notNull(),
  kind: text('kind').$type<RelationshipKind>().notNull(),
  quality: text('quality').$type<RelationshipQuality>(),
  current: boolean('current').notNull().default(true),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export type SupportStatus = 'not_started' | 'being_supported' | 'closed';

export const memberSupport = pgTable('member_support', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  personId: uuid('person_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  status: text('status').$type<SupportStatus>().notNull().default('not_started'),
  closedReason: text('closed_reason'),
  workerId: uuid('worker_id'),
  confidential: boolean('confidential').notNull().default(false),
  startedOn: date('started_on'),
  closedOn: date('closed_on'),
  /** Complexity in caseloads: 1 standard, 2 complex, 3 very complex (migration 0010). */
  weight: smallint('weight').notNull().default(1),
  /** The member's last attended contact with this organisation (migration 0015), kept by lastContact.ts. */
  lastContactOn: date('last_contact_on'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export type ConsentStatus = 'given' | 'refused' | 'withdrawn';

export const consent = pgTable('consent', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  personId: uuid('person_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  status: text('status').$type<ConsentStatus>().notNull(),
  scope: text('scope').notNull(),
  method: text('method').$type<'verbal' | 'written'>(),
  ownView: text('own_view'),
  recordedBy: uuid('recorded_by'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  reviewOn: date('review_on'),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  updatedAt: updatedAt(),
  version: version(),
});

export const familyTeamMember = pgTable('family_team_member', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  leadWorkerId: uuid('lead_worker_id'),
  joinedOn: date('joined_on').notNull().defaultNow(),
  leftOn: date('left_on'),
  role: text('role'),
  contact: text('contact'),
  createdAt: createdAt(),
});

export const teamWorker = pgTable('team_worker', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  userId: uuid('user_id').notNull(),
  personId: uuid('person_id'),
  role: text('role').notNull(),
  contact: text('contact'),
  joinedOn: date('joined_on').notNull().defaultNow(),
  leftOn: date('left_on'),
  createdAt: createdAt(),
});

export const leadProfessional = pgTable('lead_professional', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  userId: uuid('user_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  startedOn: date('started_on').notNull().defaultNow(),
  endedOn: date('ended_on'),
  handoverNote: text('handover_note'),
  handedOverBy: uuid('handed_over_by'),
  createdAt: createdAt(),
});

export const breakGlass = pgTable('break_glass', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  userId: uuid('user_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  reason: text('reason').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const notice = pgTable('notice', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  kind: text('kind').notNull(),
  familyId: uuid('family_id'),
  aboutUserId: uuid('about_user_id'),
  message: text('message').notNull(),
  createdAt: createdAt(),
  readAt: timestamp('read_at', { withTimezone: true }),
  readBy: uuid('read_by'),
});

export const chronologyKinds = ['event', 'strength', 'turning_point', 'concern'] as const;
export type ChronologyKind = (typeof chronologyKinds)[number];
export type Impact = 'positive' | 'negative' | 'neutral';

export const chronologyEntry = pgTable('chronology_entry', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  personId: uuid('person_id'),
  occurredOn: date('occurred_on').notNull(),
  occurredUntil: date('occurred_until'),
  kind: text('kind').$type<ChronologyKind>().notNull().default('event'),
  what: text('what').notNull(),
  source: text('source'),
  impact: text('impact').$type<Impact>().notNull().default('neutral'),
  actionTaken: text('action_taken'),
  /** 'month' when only the month and year are known (migration 0007). */
  datePrecision: text('date_precision').$type<'day' | 'month'>().notNull().default('day'),
  automatic: boolean('automatic').notNull().default(false),
  organisationOnly: boolean('organisation_only').notNull().default(false),
  recordedBy: uuid('recorded_by'),
  organisationId: uuid('organisation_id'),
  createdAt: createdAt(),
});

export type ChangeAction = 'created' | 'amended' | 'ended' | 'merged';

export const recordChange = pgTable('record_change', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  familyId: uuid('family_id'),
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
  personId: uuid('person_id'),
  action: text('action').$type<ChangeAction>().notNull(),
  changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
  changedBy: uuid('changed_by'),
  changedByToken: uuid('changed_by_token'),
  organisationId: uuid('organisation_id'),
});
