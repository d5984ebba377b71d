// Drizzle's view of the service directory (migration 0018): services,
// locations, the areas services cover, phones, opening times, postcode
// places, and what the public sends from the finder.
import {
  boolean,
  date,
  doublePrecision,
  integer,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

export const directoryService = pgTable('directory_service', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  name: text('name').notNull(),
  summary: text('summary').notNull(),
  description: text('description').notNull(),
  url: text('url'),
  email: text('email'),
  status: text('status').$type<'active' | 'inactive'>().notNull().default('active'),
  audiences: text('audiences').array().notNull().default([]),
  minimumAge: smallint('minimum_age'),
  maximumAge: smallint('maximum_age'),
  supportKinds: text('support_kinds').array().notNull().default([]),
  programmes: text('programmes').array().notNull().default([]),
  delivery: text('delivery').array().notNull().default([]),
  deliveredBy: text('delivered_by').array().notNull().default([]),
  languages: text('languages').array().notNull().default(['en']),
  accessibility: text('accessibility'),
  free: boolean('free').notNull().default(true),
  costNote: text('cost_note'),
  referralRoutes: text('referral_routes').array().notNull().default([]),
  howToGetIn: text('how_to_get_in'),
  selfReferral: boolean('self_referral').notNull().default(false),
  whatHappensNext: text('what_happens_next'),
  capacityNote: text('capacity_note'),
  waitWeeks: smallint('wait_weeks'),
  waitUpdatedOn: date('wait_updated_on'),
  lastCheckedOn: date('last_checked_on').notNull().defaultNow(),
  // Its referral route (migration 0022).
  referralTakes: text('referral_takes'),
  referralNeeds: text('referral_needs'),
  referralExcludes: text('referral_excludes'),
  referralEmail: text('referral_email'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const directoryLocation = pgTable('directory_location', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  name: text('name').notNull(),
  address1: text('address_1').notNull(),
  address2: text('address_2'),
  city: text('city').notNull(),
  postcode: text('postcode').notNull(),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
  localityId: uuid('locality_id'),
  accessibility: text('accessibility'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const directoryServiceAtLocation = pgTable('directory_service_at_location', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceId: uuid('service_id').notNull(),
  locationId: uuid('location_id').notNull(),
});

export const serviceAreaScopes = ['partnership_area', 'council_area', 'locality', 'scotland', 'uk'] as const;
export type ServiceAreaScope = (typeof serviceAreaScopes)[number];

export const directoryServiceArea = pgTable('directory_service_area', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceId: uuid('service_id').notNull(),
  scope: text('scope').$type<ServiceAreaScope>().notNull(),
  partnershipAreaId: uuid('partnership_area_id'),
  localityId: uuid('locality_id'),
  councilArea: text('council_area'),
});

export const directoryPhone = pgTable('directory_phone', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceId: uuid('service_id').notNull(),
  number: text('number').notNull(),
  description: text('description'),
  position: smallint('position').notNull().default(0),
});

export const directorySchedule = pgTable('directory_schedule', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceId: uuid('service_id').notNull(),
  locationId: uuid('location_id'),
  weekday: smallint('weekday').notNull(),
  opensAt: time('opens_at').notNull(),
  closesAt: time('closes_at').notNull(),
  description: text('description'),
});

export const postcodePlace = pgTable('postcode_place', {
  postcode: text('postcode').primaryKey(),
  kind: text('kind').$type<'postcode' | 'outcode'>().notNull(),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
  councilArea: text('council_area'),
});

export const selfReferralContactMethods = ['phone', 'text', 'email', 'none'] as const;
export type SelfReferralContactMethod = (typeof selfReferralContactMethods)[number];

export const selfReferral = pgTable('self_referral', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceId: uuid('service_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  name: text('name').notNull(),
  audience: text('audience'),
  contactMethod: text('contact_method').$type<SelfReferralContactMethod>().notNull(),
  phone: text('phone'),
  email: text('email'),
  safeTimes: text('safe_times'),
  leaveMessage: boolean('leave_message').notNull().default(false),
  helpWith: text('help_with').notNull(),
  status: text('status').$type<'new' | 'taken_in'>().notNull().default('new'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

export const listingProblemKinds = [
  'wrong_phone',
  'wrong_address',
  'wrong_times',
  'closed',
  'wrong_details',
  'other',
] as const;
export type ListingProblemKind = (typeof listingProblemKinds)[number];

export const listingProblem = pgTable('listing_problem', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceId: uuid('service_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  kind: text('kind').$type<ListingProblemKind>().notNull(),
  details: text('details'),
  reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  resolvedBy: uuid('resolved_by'),
});
