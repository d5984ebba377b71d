// The whole directory out to, and in from, Open Referral UK JSON: an array of
// fully nested services, as GET /openreferral/services/{id} gives each one.
// An import checks everything first and writes in one transaction, so a file
// with any problem changes nothing.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  directoryLocation,
  directoryPhone,
  directorySchedule,
  directoryService,
  directoryServiceArea,
  directoryServiceAtLocation,
  locality,
  organisation,
  partnershipArea,
} from '../../db/schema.ts';
import type { LocationDraft } from './importPlaces.ts';
import { type ImportProblem, readServices, type ServiceDraft } from './importReader.ts';
import { type Json, nestedService } from './orukPresenter.ts';
import { allServiceIds, loadBundles } from './orukRepository.ts';

const chunkSize = 200;

function chunks<T>(items: T[], size = chunkSize): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** Every service, active or not, fully nested, by name. */
export async function exportDirectory(db: Db): Promise<Json[]> {
  const services: Json[] = [];
  for (const ids of chunks(await allServiceIds(db))) {
    for (const bundle of await loadBundles(db, ids))
      services.push(nestedService(bundle, { forExport: true }));
  }
  return services;
}

export type ImportResult =
  | { ok: true; services: number; locations: number }
  | { ok: false; problems: ImportProblem[] };

class Rejected extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('import rejected');
  }
}

/** Problems in the order of the services in the file. */
function order(problems: ImportProblem[]): ImportProblem[] {
  const place = (problem: ImportProblem) => Number(/^service (\d+)/.exec(problem.service)?.[1] ?? 0);
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => place(a.problem) - place(b.problem) || a.index - b.index)
    .map(({ problem }) => problem);
}

const idsOf = (rows: { id: string }[]) => new Set(rows.map((row) => row.id));

/** Imports the services in a parsed JSON document, all of them or (with the reasons) none. */
export async function importDirectory(db: Db, document: unknown): Promise<ImportResult> {
  const { drafts, problems } = readServices(document);
  if (!drafts.length && problems.length) return { ok: false, problems };
  try {
    return await db.transaction(async (tx) => {
      // The directory's checks run on the services whose fields are right, so one run reports everything.
      const checked = await checkAgainstDirectory(tx as unknown as Db, drafts);
      const all = [...problems, ...checked.problems];
      if (all.length) throw new Rejected(order(all));
      await write(tx as unknown as Db, drafts, checked.organisationOf, checked.newLocations);
      return { ok: true as const, services: drafts.length, locations: checked.newLocations.length };
    });
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, problems: error.problems };
    throw error;
  }
}

async function checkAgainstDirectory(db: Db, drafts: ServiceDraft[]) {
  const problems: ImportProblem[] = [];
  const fail = (draft: ServiceDraft, field: string, reason: string) =>
    problems.push({ service: draft.ref, field, reason });
  const organisations = await db.select({ id: organisation.id, name: organisation.name }).from(organisation);
  const byId = new Map(organisations.map((row) => [row.id, row.id]));
  const byName = new Map(organisations.map((row) => [row.name.trim().toLowerCase(), row.id]));
  const serviceIds = drafts.map((draft) => draft.values.id as string);
  const locationIds = drafts.flatMap((draft) => draft.locations.map((link) => link.location.id));
  // One after another: these run on the transaction's one connection.
  const takenServices = await db
    .select({ id: directoryService.id })
    .from(directoryService)
    .where(inArray(directoryService.id, serviceIds));
  const knownLocations = await db
    .select({ id: directoryLocation.id, organisationId: directoryLocation.organisationId })
    .from(directoryLocation)
    .where(
      inArray(
        directoryLocation.id,
        locationIds.length ? locationIds : ['00000000-0000-0000-0000-000000000000'],
      ),
    );
  const localities = await db.select({ id: locality.id }).from(locality);
  const areas = await db.select({ id: partnershipArea.id }).from(partnershipArea);
  const taken = idsOf(takenServices);
  const localityIds = idsOf(localities);
  const areaIds = idsOf(areas);
  const locationOwner = new Map(knownLocations.map((row) => [row.id, row.organisationId]));
  const organisationOf = new Map<ServiceDraft, string>();
  const newLocations: { location: LocationDraft; organisationId: string }[] = [];
  for (const draft of drafts) {
    const organisationId =
      (draft.organisation.id && byId.get(draft.organisation.id)) ||
      (draft.organisation.name && byName.get(draft.organisation.name.toLowerCase()));
    if (!organisationId) {
      fail(
        draft,
        'organization',
        `matches no organisation in Hearth (by id or by name "${draft.organisation.name ?? ''}"): add the organisation first`,
      );
      continue;
    }
    organisationOf.set(draft, organisationId);
    if (taken.has(draft.values.id as string))
      fail(draft, 'id', 'is the id of a service already in the directory');
    for (const area of draft.areas) {
      if (area.localityId && !localityIds.has(area.localityId))
        fail(draft, `${area.field}.uri`, 'names a locality Hearth does not have');
      if (area.partnershipAreaId && !areaIds.has(area.partnershipAreaId))
        fail(draft, `${area.field}.uri`, 'names a partnership area Hearth does not have');
    }
    for (const { location } of draft.locations) {
      if (location.localityId && !localityIds.has(location.localityId))
        fail(draft, `${location.field}.hearth.locality_id`, 'names a locality Hearth does not have');
      const owner = locationOwner.get(location.id);
      if (owner === undefined) {
        locationOwner.set(location.id, organisationId);
        newLocations.push({ location, organisationId });
      } else if (owner !== organisationId) {
        fail(draft, `${location.field}.id`, 'is a place that belongs to another organisation');
      }
    }
  }
  return { problems, organisationOf, newLocations };
}

async function write(
  db: Db,
  drafts: ServiceDraft[],
  organisationOf: Map<ServiceDraft, string>,
  newLocations: { location: LocationDraft; organisationId: string }[],
) {
  for (const part of chunks(drafts)) {
    await db
      .insert(directoryService)
      .values(
        part.map((draft) => ({ ...draft.values, organisationId: organisationOf.get(draft) as string })),
      );
  }
  for (const part of chunks(newLocations)) {
    await db.insert(directoryLocation).values(
      part.map(({ location: { field: _field, ...location }, organisationId }) => ({
        ...location,
        organisationId,
      })),
    );
  }
  const rows = <T>(pick: (draft: ServiceDraft, serviceId: string) => T[]) =>
    drafts.flatMap((draft) => pick(draft, draft.values.id as string));
  const links = rows((draft, serviceId) =>
    draft.locations.map((link) => ({
      id: link.serviceAtLocationId,
      serviceId,
      locationId: link.location.id,
    })),
  );
  const areas = rows((draft, serviceId) =>
    draft.areas.map(({ field: _field, ...area }) => ({ ...area, serviceId })),
  );
  const phones = rows((draft, serviceId) => draft.phones.map((phone) => ({ ...phone, serviceId })));
  const schedules = rows((draft, serviceId) =>
    draft.schedules.map((schedule) => ({ ...schedule, serviceId })),
  );
  for (const part of chunks(links)) await db.insert(directoryServiceAtLocation).values(part);
  for (const part of chunks(areas)) await db.insert(directoryServiceArea).values(part);
  for (const part of chunks(phones)) await db.insert(directoryPhone).values(part);
  for (const part of chunks(schedules)) await db.insert(directorySchedule).values(part);
}
