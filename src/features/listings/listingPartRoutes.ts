import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors, field, fields } from '../../platform/http/forms.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import { orgAdmin, ownService } from './listingAccess.ts';
import { ListingPartsRepository, type LocationRow } from './listingPartsRepository.ts';
import {
  areaFieldOrder,
  areaScopeNames,
  checkAreaForm,
  checkLocationForm,
  checkPhoneForm,
  checkScheduleForm,
  type LocationForm,
  locationFieldOrder,
  parseAreaForm,
  parseLocationForm,
  parsePhoneForm,
  parseScheduleForm,
  phoneFieldOrder,
  scheduleFieldOrder,
  weekdayNames,
} from './partForms.ts';

const pages = 'features/listings/pages';
type Service = Awaited<ReturnType<typeof ownService>>;

function locationFormOf(l: LocationRow): LocationForm {
  return {
    name: l.name,
    address1: l.address1,
    address2: l.address2 ?? '',
    city: l.city,
    postcode: l.postcode,
    latitude: String(l.latitude),
    longitude: String(l.longitude),
    accessibility: l.accessibility ?? '',
  };
}

/** The small pages of a listing: its places, the areas it covers, phone numbers and opening times. */
export function listingPartRoutes(app: FastifyInstance, db: Db): void {
  const parts = (request: FastifyRequest) => new ListingPartsRepository(db, request.access);
  const back = (reply: FastifyReply, service: Service, saved: string, to = '') =>
    reply.redirect(`/admin/listings/${service.id}${to}?saved=${saved}`, 303);

  // Which of the organisation's places the service is at.
  app.get('/admin/listings/:serviceId/places', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    const { saved } = request.query as { saved?: string };
    return reply.page(`${pages}/places.njk`, {
      service,
      saved: saved === 'place' ? 'Place saved' : undefined,
      places: await parts(request).locations(service.id),
    });
  });

  app.post('/admin/listings/:serviceId/places', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    const known = (await parts(request).locations(service.id)).map((l) => l.id);
    const chosen = fields(request.body, 'locationIds').filter((id) => known.includes(id));
    await parts(request).setServiceLocations(service.id, chosen);
    return back(reply, service, 'places');
  });

  /** Checks a place's form and works out where it is; the errors to show when it cannot. */
  async function placeFrom(request: FastifyRequest) {
    const form = parseLocationForm(request.body);
    const checked = checkLocationForm(form);
    if (!checked.ok) return { form, errors: checked.errors, ask: Boolean(form.latitude || form.longitude) };
    let at = checked.value.coordinates;
    if (!at) {
      const found = await parts(request).lookUpPostcode(checked.value.postcode);
      if (!found) {
        const message = `We do not know where ${checked.value.postcode} is. Enter the place’s latitude and longitude`;
        return { form, errors: { latitude: message, longitude: 'Enter the longitude' }, ask: true };
      }
      at = { latitude: found.latitude, longitude: found.longitude };
    }
    return { form, input: checked.value, at };
  }

  function placePage(reply: FastifyReply, service: Service, view: Record<string, unknown>, status = 200) {
    const errors = (view.errors ?? {}) as FieldErrors;
    return reply.code(status).page(`${pages}/placeForm.njk`, {
      service,
      errors,
      errorList: errorList(errors, locationFieldOrder),
      ...view,
    });
  }

  app.get('/admin/listings/:serviceId/places/new', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    return placePage(reply, service, { form: {}, ask: false });
  });

  app.post('/admin/listings/:serviceId/places/new', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    const place = await placeFrom(request);
    if (!place.input) return placePage(reply, service, { ...place }, 400);
    await parts(request).addLocation(service.id, place.input, place.at);
    return back(reply, service, 'place', '/places');
  });

  async function ownPlace(request: FastifyRequest, service: Service) {
    const locationId = idParam(request.params, 'locationId');
    const place = (await parts(request).locations(service.id)).find((l) => l.id === locationId);
    if (!place) throw new NotFoundError();
    return place;
  }

  app.get('/admin/listings/:serviceId/places/:locationId', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    const place = await ownPlace(request, service);
    return placePage(reply, service, {
      place,
      form: locationFormOf(place),
      ask: true,
      version: place.version,
    });
  });

  app.post('/admin/listings/:serviceId/places/:locationId', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    const place = await ownPlace(request, service);
    const version = Number(field(request.body, '_version')) || 0;
    const checked = await placeFrom(request);
    if (!checked.input) return placePage(reply, service, { ...checked, place, version }, 400);
    const done = await parts(request).changeLocation(
      service.id,
      place.id,
      version,
      checked.input,
      checked.at,
    );
    if (!done) {
      // Someone changed the place first: show what is saved now beside what was typed, nothing lost.
      return placePage(
        reply,
        service,
        { place, form: checked.form, saved: locationFormOf(place), ask: true, version: place.version },
        409,
      );
    }
    return back(reply, service, 'place', '/places');
  });

  // The areas it covers.
  async function areaPage(
    request: FastifyRequest,
    reply: FastifyReply,
    service: Service,
    form: Record<string, string>,
    errors: FieldErrors = {},
  ) {
    const repo = parts(request);
    return reply.code(Object.keys(errors).length ? 400 : 200).page(`${pages}/areas.njk`, {
      service,
      form,
      errors,
      errorList: errorList(errors, areaFieldOrder),
      areas: (await repo.areas(service.id)).map((a) => ({
        ...a,
        scopeName: areaScopeNames[a.scope as keyof typeof areaScopeNames],
      })),
      localityItems: [
        { value: '', text: 'Choose a locality' },
        ...(await repo.localities()).map((l) => ({
          value: l.id,
          text: l.name,
          selected: form.localityId === l.id,
        })),
      ],
      scopeItems: Object.entries(areaScopeNames).map(([value, text]) => ({
        value,
        text,
        checked: form.scope === value,
      })),
    });
  }

  app.get('/admin/listings/:serviceId/areas', orgAdmin, async (request, reply) =>
    areaPage(request, reply, await ownService(db, request), {}),
  );

  app.post('/admin/listings/:serviceId/areas', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    const form = parseAreaForm(request.body);
    const localities = (await parts(request).localities()).map((l) => l.id);
    const checked = checkAreaForm(form, localities);
    if (!checked.ok) return areaPage(request, reply, service, form, checked.errors);
    await parts(request).addArea(service.id, checked.value);
    return back(reply, service, 'area');
  });

  // Phone numbers.
  async function phonePage(
    request: FastifyRequest,
    reply: FastifyReply,
    service: Service,
    form: Record<string, string>,
    errors: FieldErrors = {},
  ) {
    return reply.code(Object.keys(errors).length ? 400 : 200).page(`${pages}/phones.njk`, {
      service,
      form,
      errors,
      errorList: errorList(errors, phoneFieldOrder),
      phones: await parts(request).phones(service.id),
    });
  }

  app.get('/admin/listings/:serviceId/phones', orgAdmin, async (request, reply) =>
    phonePage(request, reply, await ownService(db, request), {}),
  );

  app.post('/admin/listings/:serviceId/phones', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    const form = parsePhoneForm(request.body);
    const checked = checkPhoneForm(form);
    if (!checked.ok) return phonePage(request, reply, service, form, checked.errors);
    await parts(request).addPhone(service.id, checked.value);
    return back(reply, service, 'phone');
  });

  // Opening times.
  async function timePage(
    request: FastifyRequest,
    reply: FastifyReply,
    service: Service,
    form: Record<string, string>,
    errors: FieldErrors = {},
  ) {
    const places = (await parts(request).locations(service.id)).filter((l) => l.here);
    return reply.code(Object.keys(errors).length ? 400 : 200).page(`${pages}/times.njk`, {
      service,
      form,
      errors,
      errorList: errorList(errors, scheduleFieldOrder),
      times: (await parts(request).schedules(service.id)).map((t) => ({
        ...t,
        day: weekdayNames[t.weekday - 1],
      })),
      weekdayItems: [
        { value: '', text: 'Choose a day' },
        ...weekdayNames.map((text, i) => ({
          value: String(i + 1),
          text,
          selected: form.weekday === String(i + 1),
        })),
      ],
      placeItems: [
        { value: '', text: 'The service as a whole (a phone line, say)' },
        ...places.map((l) => ({ value: l.id, text: l.name, selected: form.locationId === l.id })),
      ],
    });
  }

  app.get('/admin/listings/:serviceId/times', orgAdmin, async (request, reply) =>
    timePage(request, reply, await ownService(db, request), {}),
  );

  app.post('/admin/listings/:serviceId/times', orgAdmin, async (request, reply) => {
    const service = await ownService(db, request);
    const form = parseScheduleForm(request.body);
    const places = (await parts(request).locations(service.id)).filter((l) => l.here).map((l) => l.id);
    const checked = checkScheduleForm(form, places);
    if (!checked.ok) return timePage(request, reply, service, form, checked.errors);
    await parts(request).addSchedule(service.id, checked.value);
    return back(reply, service, 'time');
  });

  // Removing an area, phone number or opening time.
  const removals = [
    { path: 'areas', param: 'areaId', saved: 'areaRemoved', run: 'removeArea' },
    { path: 'phones', param: 'phoneId', saved: 'phoneRemoved', run: 'removePhone' },
    { path: 'times', param: 'scheduleId', saved: 'timeRemoved', run: 'removeSchedule' },
  ] as const;
  for (const removal of removals) {
    app.post(
      `/admin/listings/:serviceId/${removal.path}/:${removal.param}/remove`,
      orgAdmin,
      async (request, reply) => {
        const service = await ownService(db, request);
        const id = idParam(request.params, removal.param);
        const done = await parts(request)[removal.run](service.id, id);
        if (!done) throw new NotFoundError();
        return back(reply, service, removal.saved);
      },
    );
  }
}
