// Drizzle's view of the family plan, its reviews and team meetings (migration 0009).
import { boolean, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

export const familyPlan = pgTable('family_plan', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  reviewEveryWeeks: integer('review_every_weeks').notNull().default(12),
  agreedOn: date('agreed_on'),
  agreedWith: uuid('agreed_with').array().notNull().default([]),
  nextReviewOn: date('next_review_on'),
  createdBy: uuid('created_by'),
  organisationId: uuid('organisation_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const goalStatuses = ['open', 'achieved', 'no_longer_needed'] as const;
export type GoalStatus = (typeof goalStatuses)[number];

export const planGoal = pgTable('plan_goal', {
  id: uuid('id').primaryKey().defaultRandom(),
  planId: uuid('plan_id').notNull(),
  familyId: uuid('family_id').notNull(),
  /** Null for a goal of the whole family. */
  personId: uuid('person_id'),
  familyWords: text('family_words').notNull(),
  workerWords: text('worker_words'),
  status: text('status').$type<GoalStatus>().notNull().default('open'),
  position: integer('position').notNull().default(0),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const actionStatuses = ['not_started', 'in_progress', 'done', 'no_longer_needed'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const ownerKinds = ['member', 'worker', 'organisation'] as const;
export type OwnerKind = (typeof ownerKinds)[number];

export const planAction = pgTable('plan_action', {
  id: uuid('id').primaryKey().defaultRandom(),
  planId: uuid('plan_id').notNull(),
  familyId: uuid('family_id').notNull(),
  goalId: uuid('goal_id'),
  what: text('what').notNull(),
  ownerKind: text('owner_kind').$type<OwnerKind>().notNull(),
  ownerPersonId: uuid('owner_person_id'),
  ownerUserId: uuid('owner_user_id'),
  ownerOrganisationId: uuid('owner_organisation_id'),
  dueOn: date('due_on').notNull(),
  status: text('status').$type<ActionStatus>().notNull().default('not_started'),
  meetingId: uuid('meeting_id'),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const planReview = pgTable('plan_review', {
  id: uuid('id').primaryKey().defaultRandom(),
  planId: uuid('plan_id').notNull(),
  familyId: uuid('family_id').notNull(),
  heldOn: date('held_on').notNull(),
  decisions: text('decisions'),
  nextReviewOn: date('next_review_on').notNull(),
  recordedBy: uuid('recorded_by'),
  organisationId: uuid('organisation_id'),
  createdAt: createdAt(),
});

export const planProgress = pgTable('plan_progress', {
  id: uuid('id').primaryKey().defaultRandom(),
  reviewId: uuid('review_id').notNull(),
  goalId: uuid('goal_id').notNull(),
  familyId: uuid('family_id').notNull(),
  score: integer('score').notNull(),
  comment: text('comment'),
});

export const teamMeeting = pgTable('team_meeting', {
  id: uuid('id').primaryKey().defaultRandom(),
  familyId: uuid('family_id').notNull(),
  heldOn: date('held_on').notNull(),
  familyPresent: boolean('family_present').notNull(),
  membersPresent: uuid('members_present').array().notNull().default([]),
  organisationsPresent: uuid('organisations_present').array().notNull().default([]),
  workersPresent: uuid('workers_present').array().notNull().default([]),
  othersPresent: text('others_present'),
  discussed: text('discussed').notNull(),
  decisions: text('decisions'),
  recordedBy: uuid('recorded_by'),
  organisationId: uuid('organisation_id'),
  createdAt: createdAt(),
  // Migration 0014: corrections and "recorded in error".
  version: version(),
  updatedAt: updatedAt(),
  updatedBy: uuid('updated_by'),
  inErrorAt: timestamp('in_error_at', { withTimezone: true }),
  inErrorBy: uuid('in_error_by'),
  inErrorReason: text('in_error_reason'),
});
