// Drizzle's view of the whole-family assessment (migration 0008).
import { date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

export const assessmentStatuses = ['draft', 'completed', 'superseded'] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];

export const assessment = pgTable('assessment', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  /** The assessment's own numbering ("version 2"); `version` is the edit lock. */
  edition: integer('edition').notNull(),
  status: text('status').$type<AssessmentStatus>().notNull().default('draft'),
  copiedFromId: uuid('copied_from_id'),
  startedBy: uuid('started_by'),
  startedByOrganisationId: uuid('started_by_organisation_id'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  completedBy: uuid('completed_by'),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  supersededAt: timestamp('superseded_at', { withTimezone: true }),
  updatedAt: updatedAt(),
  version: version(),
});

export type AssessmentSectionKind = 'family' | 'child' | 'adult';

export const assessmentSection = pgTable('assessment_section', {
  id: uuid('id').primaryKey().defaultRandom(),
  assessmentId: uuid('assessment_id').notNull(),
  familyId: uuid('family_id').notNull(),
  /** Null for the whole-family section. */
  personId: uuid('person_id'),
  kind: text('kind').$type<AssessmentSectionKind>().notNull(),
});

/** Question name → answer text (null when left empty), as defined in assessmentQuestions.ts. */
export type AssessmentAnswers = Record<string, string | null>;

export const assessmentContribution = pgTable('assessment_contribution', {
  id: uuid('id').primaryKey().defaultRandom(),
  sectionId: uuid('section_id').notNull(),
  assessmentId: uuid('assessment_id').notNull(),
  familyId: uuid('family_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  answers: jsonb('answers').$type<AssessmentAnswers>().notNull().default({}),
  writtenBy: uuid('written_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const concernKinds = [
  'child_protection',
  'domestic_abuse',
  'adult_support_protection',
  'mental_health_crisis',
] as const;
export type ConcernKind = (typeof concernKinds)[number];

export const assessmentConcern = pgTable('assessment_concern', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  assessmentId: uuid('assessment_id'),
  /** Who it is about; null for the whole family. */
  personId: uuid('person_id'),
  kind: text('kind').$type<ConcernKind>().notNull(),
  description: text('description').notNull(),
  actionTaken: text('action_taken').notNull(),
  actionOn: date('action_on').notNull(),
  status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
  closedOn: date('closed_on'),
  organisationId: uuid('organisation_id').notNull(),
  recordedBy: uuid('recorded_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const carerPlanKinds = ['adult_carer_support_plan', 'young_carer_statement'] as const;
export type CarerPlanKind = (typeof carerPlanKinds)[number];
export const carerOfferOutcomes = ['offered', 'accepted', 'declined'] as const;
export type CarerOfferOutcome = (typeof carerOfferOutcomes)[number];

export const carerSupportOffer = pgTable('carer_support_offer', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  personId: uuid('person_id').notNull(),
  kind: text('kind').$type<CarerPlanKind>().notNull(),
  outcome: text('outcome').$type<CarerOfferOutcome>().notNull(),
  decidedOn: date('decided_on').notNull(),
  note: text('note'),
  organisationId: uuid('organisation_id').notNull(),
  recordedBy: uuid('recorded_by'),
  createdAt: createdAt(),
});
