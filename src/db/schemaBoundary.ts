// Drizzle's view of the locality boundaries the audit's map draws (migration 0031).
import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Polygons, each an outer ring then any holes; each ring a list of [longitude, latitude]. */
export type BoundaryCoordinates = [number, number][][][];

export const localityBoundary = pgTable('locality_boundary', {
  localityId: uuid('locality_id').primaryKey(),
  coordinates: jsonb('coordinates').$type<BoundaryCoordinates>().notNull(),
  points: integer('points').notNull(),
  sourceFile: text('source_file').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});
