// Drizzle's view of the provision audit's own tables (migration 0027): the
// SIMD lookup with its editions, need estimates and gap proposals.
import {
  boolean,
  date,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export const simdEdition = pgTable('simd_edition', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  sourceFile: text('source_file').notNull(),
  postcodes: integer('postcodes').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  isCurrent: boolean('is_current').notNull().default(false),
});

export const simdPostcode = pgTable(
  'simd_postcode',
  {
    editionId: uuid('edition_id').notNull(),
    postcode: text('postcode').notNull(),
    dataZone: text('data_zone').notNull(),
    quintile: smallint('quintile').notNull(),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.postcode] })],
);

export const needEstimate = pgTable('need_estimate', {
  id: uuid('id').primaryKey().defaultRandom(),
  partnershipAreaId: uuid('partnership_area_id').notNull(),
  localityId: uuid('locality_id'),
  measure: text('measure').notNull(),
  estimate: integer('estimate').notNull(),
  familyMultiplier: numeric('family_multiplier', { precision: 4, scale: 1 }),
  source: text('source').notNull(),
  forYear: smallint('for_year').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const gapProposalStatuses = ['proposed', 'agreed', 'in_progress', 'done', 'dropped'] as const;
export type GapProposalStatus = (typeof gapProposalStatuses)[number];
export const gapKinds = ['locality', 'group', 'support', 'wait', 'other'] as const;
export type GapKind = (typeof gapKinds)[number];

export const gapProposal = pgTable('gap_proposal', {
  id: uuid('id').primaryKey().defaultRandom(),
  partnershipAreaId: uuid('partnership_area_id').notNull(),
  gapKind: text('gap_kind').$type<GapKind>().notNull(),
  gapKey: text('gap_key'),
  localityId: uuid('locality_id'),
  title: text('title').notNull(),
  proposal: text('proposal').notNull(),
  ownerUserId: uuid('owner_user_id'),
  ownerName: text('owner_name'),
  status: text('status').$type<GapProposalStatus>().notNull().default('proposed'),
  dueOn: date('due_on'),
  progressNote: text('progress_note'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});
