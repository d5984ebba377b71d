import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import {
  conflictView,
  editToken,
  readEditToken,
  StaleEditError,
} from '../../platform/concurrency/optimisticLock.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import { orgAdmin, ownService } from './listingAccess.ts';
import { listingPartRoutes } from './listingPartRoutes.ts';
import { ListingPartsRepository } from './listingPartsRepository.ts';
import {
  presentBanner,
  presentSection,
  presentSummary,
  problemKindNames,
  readableConflict,
} from './listingPresenter.ts';
import { ListingRepository } from './listingRepository.ts';
import { areaScopeNames, weekdayNames } from './partForms.ts';
import { partnershipListingRoutes } from './partnershipListingRoutes.ts';
import {
  checkSection,
  formOfValues,
  parseSection,
  type Section,
  sectionFields,
  sectionFormOf,
  sections,
  valuesOf,
} from './serviceForms.ts';

const pages = 'features/listings/pages';

const savedMessages: Record<string, string> = {
  added: 'Service added. Now say who it is for, what it offers and how to get in.',
  about: 'About the service saved',
  offer: 'Who it is for and what it offers saved',
  access: 'Getting in and waits saved',
  referrals: 'Referrals from other services saved',
  checked: 'Marked as checked today',
  resolved: 'Problem report marked as resolved',
  places: 'Places saved',
  place: 'Place saved',
  area: 'Area added',
  areaRemoved: 'Area removed',
  phone: 'Phone number added',
  phoneRemoved: 'Phone number removed',
  time: 'Opening time added',
  timeRemoved: 'Opening time removed',
};

function sectionParam(request: FastifyRequest): Section {
  const { section } = request.params as { section: string };
  if (!(sections as readonly string[]).includes(section)) throw new NotFoundError();
  return section as Section;
}

/** The banner's figures for the Admin home page; undefined for an admin without an organisation. */
export async function listingBannerFor(db: Db, request: FastifyRequest) {
  if (!request.access.organisationId || !request.access.roles.includes('org_admin')) return undefined;
  return presentBanner(await new ListingRepository(db, request.access).banner());
}

/** Directory listings: the organisation admin's pages, and the partnership lead's view. */
export function listingRoutes(app: FastifyInstance, db: Db): void {
  app.get('/admin/listings', orgAdmin, async (request, reply) => {
    const listings = new ListingRepository(db, request.access);
    const services = await listings.services();
    const problems = await listings.openProblems();
    return reply.page(`${pages}/listings.njk`, {
      services,
      problems: problems.map((p) => ({ ...p, kindName: problemKindNames[p.kind] })),
      listingBanner: presentBanner(await listings.banner()),
      resolvable: true,
    });
  });

  app.get('/admin/listings/new', orgAdmin, async (_request, reply) =>
    reply.page(`${pages}/serviceSection.njk`, {
      ...presentSection('about', { status: 'active' }),
      adding: true,
    }),
  );

  app.post('/admin/listings/new', orgAdmin, async (request, reply) => {
    const form = parseSection('about', request.body);
    const checked = checkSection('about', form, todayInUk(new Date()));
    if (!checked.ok)
      return reply.code(400).page(`${pages}/serviceSection.njk`, {
        ...presentSection('about', form, checked.errors),
        adding: true,
      });
    const id = await new ListingRepository(db, request.access).add(checked.value);
    return reply.redirect(`/admin/listings/${id}?saved=added`, 303);
  });

  app.get('/admin/listings/:serviceId', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    const listings = new ListingRepository(db, request.access);
    const parts = new ListingPartsRepository(db, request.access);
    const { saved, stale } = request.query as { saved?: string; stale?: string };
    const problems = await listings.openProblems(service.id);
    const places = (await parts.locations(service.id)).filter((l) => l.here);
    const areas = await parts.areas(service.id);
    const phones = await parts.phones(service.id);
    const times = await parts.schedules(service.id);
    const outOfDate = (await listings.services()).find((s) => s.id === service.id)?.outOfDate ?? false;
    return reply.code(stale ? 409 : 200).page(`${pages}/service.njk`, {
      service,
      outOfDate,
      summary: presentSummary(service),
      saved: saved ? savedMessages[saved] : undefined,
      stale: Boolean(stale),
      changeLinks: true,
      resolvable: true,
      problems: problems.map((p) => ({ ...p, kindName: problemKindNames[p.kind] })),
      places,
      areas: areas.map((a) => ({ ...a, scopeName: areaScopeNames[a.scope as keyof typeof areaScopeNames] })),
      phones,
      times: times.map((t) => ({ ...t, day: weekdayNames[t.weekday - 1] })),
    });
  });

  app.post('/admin/listings/:serviceId/checked', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    const { _version } = (request.body ?? {}) as { _version?: string };
    const version = /^\d{1,9}$/.test(_version ?? '') ? Number(_version) : -1;
    const done = await new ListingRepository(db, request.access).markChecked(service.id, version);
    return reply.redirect(`/admin/listings/${service.id}?${done ? 'saved=checked' : 'stale=1'}`, 303);
  });

  app.post('/admin/listings/:serviceId/problems/:problemId/resolve', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    const problemId = idParam(request.params, 'problemId');
    const done = await new ListingRepository(db, request.access).resolveProblem(service.id, problemId);
    if (!done) throw new NotFoundError();
    return reply.redirect(`/admin/listings/${service.id}?saved=resolved`, 303);
  });

  app.get('/admin/listings/:serviceId/:section', orgAdmin, async (request, reply) => {
    const section = sectionParam(request);
    const service = await ownService(db, request);
    const form = sectionFormOf(section, service);
    return reply.page(`${pages}/serviceSection.njk`, {
      ...presentSection(section, form),
      service,
      edit: editToken(service.version, valuesOf(form)),
    });
  });

  app.post('/admin/listings/:serviceId/:section', orgAdmin, async (request, reply) => {
    const section = sectionParam(request);
    const service = await ownService(db, request);
    const token = readEditToken(request.body);
    if (!token) throw new NotFoundError();
    const form = parseSection(section, request.body);
    const checked = checkSection(section, form, todayInUk(new Date()));
    const edit = editToken(token.version, token.base);
    if (!checked.ok)
      return reply.code(400).page(`${pages}/serviceSection.njk`, {
        ...presentSection(section, form, checked.errors),
        service,
        edit,
      });
    try {
      await new ListingRepository(db, request.access).change(service.id, section, token, checked.value);
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      const conflict = readableConflict(
        section,
        conflictView(error, sectionFields[section], token.base, valuesOf(form), {
          discardHref: `/admin/listings/${service.id}/${section}`,
        }),
      );
      return reply.code(409).page(`${pages}/serviceSection.njk`, {
        ...presentSection(section, formOfValues(section, conflict.formValues)),
        service,
        edit: conflict.edit,
        conflict,
      });
    }
    return reply.redirect(`/admin/listings/${service.id}?saved=${section}`, 303);
  });

  listingPartRoutes(app, db);
  partnershipListingRoutes(app, db);
}
