// Drizzle's view of support delivery (migration 0010): contacts, groups and
// their registers, structured programmes and enrolments, caseload limits;
// and workers' training (migration 0033).
import {
  boolean,
  date,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

export const contactKinds = ['one_to_one', 'whole_family', 'joint_agency', 'information_guidance'] as const;
export type ContactKind = (typeof contactKinds)[number];
export const contactChannels = ['in_person', 'home_visit', 'phone', 'video', 'text_chat'] as const;
export type ContactChannel = (typeof contactChannels)[number];
export const contactOutcomes = [
  'attended',
  'did_not_attend',
  'cancelled_by_family',
  'cancelled_by_service',
] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];

export const contact = pgTable('contact', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  workerId: uuid('worker_id').notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  kind: text('kind').$type<ContactKind>().notNull(),
  jointOrganisationId: uuid('joint_organisation_id'),
  channel: text('channel').$type<ContactChannel>().notNull(),
  durationMinutes: integer('duration_minutes'),
  outcome: text('outcome').$type<ContactOutcome>().notNull(),
  topics: text('topics').array().notNull().default([]),
  notes: text('notes'),
  followUp: text('follow_up'),
  confidential: boolean('confidential').notNull().default(false),
  significant: boolean('significant').notNull().default(false),
  chronologyEntryId: uuid('chronology_entry_id'),
  enrolmentId: uuid('enrolment_id'),
  recordedBy: uuid('recorded_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
  // Migration 0016: corrections and "recorded in error".
  updatedBy: uuid('updated_by'),
  inErrorAt: timestamp('in_error_at', { withTimezone: true }),
  inErrorBy: uuid('in_error_by'),
  inErrorReason: text('in_error_reason'),
});

export const contactMember = pgTable(
  'contact_member',
  {
    contactId: uuid('contact_id').notNull(),
    personId: uuid('person_id').notNull(),
    familyId: uuid('family_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.contactId, table.personId] })],
);

export const groupKinds = ['family_support', 'young_people', 'programme', 'mutual_aid'] as const;
export type GroupKind = (typeof groupKinds)[number];
export const attendanceModes = ['named', 'first_name', 'anonymous'] as const;
export type AttendanceMode = (typeof attendanceModes)[number];

export const supportGroup = pgTable('support_group', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<GroupKind>().notNull(),
  forWhom: text('for_whom').notNull(),
  location: text('location').notNull(),
  meets: text('meets').notNull(),
  /** ISO weekday, 1 Monday to 7 Sunday, when the group meets weekly: "today's groups". */
  weekday: smallint('weekday'),
  capacity: integer('capacity'),
  attendance: text('attendance').$type<AttendanceMode>().notNull().default('named'),
  programmeId: uuid('programme_id'),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const facilitatorKinds = ['paid', 'volunteer', 'peer'] as const;
export type FacilitatorKind = (typeof facilitatorKinds)[number];

export const groupFacilitator = pgTable('group_facilitator', {
  id: uuid('id').primaryKey().defaultRandom(),
  groupId: uuid('group_id').notNull(),
  userId: uuid('user_id'),
  name: text('name'),
  kind: text('kind').$type<FacilitatorKind>().notNull(),
});

export const groupSession = pgTable('group_session', {
  id: uuid('id').primaryKey().defaultRandom(),
  groupId: uuid('group_id').notNull(),
  heldOn: date('held_on').notNull(),
  startsAt: time('starts_at'),
  topic: text('topic'),
  notes: text('notes'),
  anonymousCount: integer('anonymous_count').notNull().default(0),
  overCapacity: boolean('over_capacity').notNull().default(false),
  recordedBy: uuid('recorded_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
  // Migration 0017: corrections and "recorded in error".
  updatedBy: uuid('updated_by'),
  inErrorAt: timestamp('in_error_at', { withTimezone: true }),
  inErrorBy: uuid('in_error_by'),
  inErrorReason: text('in_error_reason'),
});

export const groupAttendance = pgTable('group_attendance', {
  id: uuid('id').primaryKey().defaultRandom(),
  sessionId: uuid('session_id').notNull(),
  personId: uuid('person_id'),
  familyId: uuid('family_id'),
  firstName: text('first_name'),
  createdAt: createdAt(),
});

export const programmeFormats = ['one_to_one', 'group', 'mixed'] as const;
export type ProgrammeFormat = (typeof programmeFormats)[number];

export const programme = pgTable('programme', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Null for Hearth's own catalogue; set for an organisation's own programme. */
  organisationId: uuid('organisation_id'),
  code: text('code').notNull(),
  name: text('name').notNull(),
  summary: text('summary').notNull(),
  format: text('format').$type<ProgrammeFormat>().notNull(),
  /** Null when open-ended. */
  sessionsPlanned: integer('sessions_planned'),
  sessionLengthMinutes: integer('session_length_minutes'),
  deliveredBy: text('delivered_by').notNull(),
  ageFrom: integer('age_from'),
  ageTo: integer('age_to'),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
});

export const programmeTrainedWorker = pgTable(
  'programme_trained_worker',
  {
    programmeId: uuid('programme_id').notNull(),
    userId: uuid('user_id').notNull(),
    trainedOn: date('trained_on'),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.programmeId, table.userId] })],
);

export const enrolmentStatuses = ['active', 'completed', 'ended_early'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

export const programmeEnrolment = pgTable('programme_enrolment', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: uuid('programme_id').notNull(),
  familyId: uuid('family_id').notNull(),
  personId: uuid('person_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  workerId: uuid('worker_id'),
  groupId: uuid('group_id'),
  enrolledOn: date('enrolled_on').notNull(),
  status: text('status').$type<EnrolmentStatus>().notNull().default('active'),
  endedOn: date('ended_on'),
  endReason: text('end_reason'),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const caseloadLimit = pgTable('caseload_limit', {
  userId: uuid('user_id').primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  maxWeight: integer('max_weight').notNull(),
  setBy: uuid('set_by'),
  updatedAt: updatedAt(),
});

export const trainingTopics = [
  'family_inclusive_practice',
  'whole_family_approach',
  'trauma_practice',
  'other',
] as const;
export type TrainingTopic = (typeof trainingTopics)[number];

/** The National Trauma Training Programme's levels, each including the one before. */
export const traumaLevels = ['informed', 'skilled', 'enhanced', 'specialist'] as const;
export type TraumaLevel = (typeof traumaLevels)[number];

export const workerTraining = pgTable('worker_training', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  topic: text('topic').$type<TrainingTopic>().notNull(),
  traumaLevel: text('trauma_level').$type<TraumaLevel>(),
  course: text('course').notNull(),
  provider: text('provider'),
  completedOn: date('completed_on').notNull(),
  renewBy: date('renew_by'),
  recordedBy: uuid('recorded_by'),
  createdAt: createdAt(),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawnBy: uuid('withdrawn_by'),
  withdrawnReason: text('withdrawn_reason'),
});
