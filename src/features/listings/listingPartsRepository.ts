import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { AreaInput, LocationInput, ScheduleInput } from './partForms.ts';
import { outcodeOf } from './partForms.ts';

export interface LocationRow {
  id: string;
  name: string;
  address1: string;
  address2: string | null;
  city: string;
  postcode: string;
  latitude: number;
  longitude: number;
  accessibility: string | null;
  version: number;
  /** Whether the service asked about is at this place. */
  here: boolean;
}

export interface AreaRow {
  id: string;
  scope: string;
  localityName: string | null;
  councilArea: string | null;
}

export interface PhoneRow {
  id: string;
  number: string;
  description: string | null;
}

export interface ScheduleRow {
  id: string;
  weekday: number;
  opensAt: string;
  closesAt: string;
  locationName: string | null;
  description: string | null;
}

/**
 * The parts of a listing: places, the areas it covers, phones and opening
 * times. The routes have already found the service among the
 * organisation's own; these statements still name the organisation, so a
 * part of another organisation's listing can never be touched.
 */
export class ListingPartsRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private get organisationId(): string {
    if (!this.access.organisationId) throw new Error('no organisation in the access context');
    return this.access.organisationId;
  }

  private audit(db: Db, action: string, recordType: string, recordId: string, serviceId: string) {
    return recordAudit(db, this.access, { action, recordType, recordId, detail: { serviceId } });
  }

  /** The organisation's places, and whether the service is at each. */
  async locations(serviceId: string, db: Db = this.db): Promise<LocationRow[]> {
    return queryRows<LocationRow>(
      db,
      sql`select l.id, l.name, l.address_1 as "address1", l.address_2 as "address2", l.city, l.postcode,
          l.latitude, l.longitude, l.accessibility, l.version,
          exists (select 1 from directory_service_at_location a where a.location_id = l.id and a.service_id = ${serviceId}) as here
        from directory_location l where l.organisation_id = ${this.organisationId} order by l.name, l.id`,
    );
  }

  /** Where a postcode is: the full postcode, else its outcode; undefined when neither is known. */
  async lookUpPostcode(postcode: string, db: Db = this.db) {
    const rows = await queryRows<{ postcode: string; latitude: number; longitude: number }>(
      db,
      sql`select postcode, latitude, longitude from postcode_place where postcode in (${postcode}, ${outcodeOf(postcode)})
        order by (kind = 'postcode') desc limit 1`,
    );
    return rows[0];
  }

  /** A new place of the organisation's, and the service is at it. */
  async addLocation(
    serviceId: string,
    input: LocationInput,
    at: { latitude: number; longitude: number },
  ): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into directory_location (organisation_id, name, address_1, address_2, city, postcode, latitude, longitude, accessibility)
          values (${this.organisationId}, ${input.name}, ${input.address1}, ${input.address2}, ${input.city},
            ${input.postcode}, ${at.latitude}, ${at.longitude}, ${input.accessibility}) returning id`,
      );
      if (!row) throw new Error('location not added');
      await tx.execute(
        sql`insert into directory_service_at_location (service_id, location_id)
          select ${serviceId}, ${row.id} where exists (select 1 from directory_service s where s.id = ${serviceId} and s.organisation_id = ${this.organisationId})`,
      );
      await this.audit(tx, 'listing.location_add', 'directory_location', row.id, serviceId);
      return row.id;
    });
  }

  /** Changes a place against the version the form showed; false when someone changed it first. */
  async changeLocation(
    serviceId: string,
    locationId: string,
    version: number,
    input: LocationInput,
    at: { latitude: number; longitude: number },
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await queryRows<{ id: string }>(
        tx,
        sql`update directory_location set name = ${input.name}, address_1 = ${input.address1}, address_2 = ${input.address2},
            city = ${input.city}, postcode = ${input.postcode}, latitude = ${at.latitude}, longitude = ${at.longitude},
            accessibility = ${input.accessibility}, updated_at = now(), version = version + 1
          where id = ${locationId} and organisation_id = ${this.organisationId} and version = ${version} returning id`,
      );
      if (!rows.length) return false;
      await this.audit(tx, 'listing.location_change', 'directory_location', locationId, serviceId);
      return true;
    });
  }

  /** Sets which of the organisation's places the service is at; ids not theirs are ignored. */
  async setServiceLocations(serviceId: string, locationIds: readonly string[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      const ids = sql`array[${sql.join(
        locationIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`;
      const chosen = locationIds.length ? ids : sql`array[]::uuid[]`;
      // Opening times at a place the service has left go with it.
      await tx.execute(
        sql`delete from directory_schedule where service_id = ${serviceId} and location_id is not null
          and not (location_id = any(${chosen})) and exists (select 1 from directory_service s where s.id = ${serviceId} and s.organisation_id = ${this.organisationId})`,
      );
      await tx.execute(
        sql`delete from directory_service_at_location where service_id = ${serviceId} and not (location_id = any(${chosen}))
          and exists (select 1 from directory_service s where s.id = ${serviceId} and s.organisation_id = ${this.organisationId})`,
      );
      await tx.execute(
        sql`insert into directory_service_at_location (service_id, location_id)
          select ${serviceId}, l.id from directory_location l
          where l.organisation_id = ${this.organisationId} and l.id = any(${chosen}) and exists (select 1 from directory_service s where s.id = ${serviceId} and s.organisation_id = ${this.organisationId})
          on conflict (service_id, location_id) do nothing`,
      );
      await recordAudit(tx, this.access, {
        action: 'listing.locations_set',
        recordType: 'directory_service',
        recordId: serviceId,
        detail: { locations: locationIds.length },
      });
    });
  }

  /** The localities of the organisation's partnership area, to choose an area from. */
  async localities(db: Db = this.db): Promise<{ id: string; name: string }[]> {
    return queryRows(
      db,
      sql`select l.id, l.name from locality l join organisation o on o.partnership_area_id = l.partnership_area_id
        where o.id = ${this.organisationId} order by l.name`,
    );
  }

  async areas(serviceId: string, db: Db = this.db): Promise<AreaRow[]> {
    return queryRows<AreaRow>(
      db,
      sql`select a.id, a.scope, l.name as "localityName", a.council_area as "councilArea"
        from directory_service_area a left join locality l on l.id = a.locality_id
        where a.service_id = ${serviceId} order by a.scope, l.name, a.council_area, a.id`,
    );
  }

  /** Adds an area; the whole partnership area is the organisation's own. */
  async addArea(serviceId: string, input: AreaInput): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into directory_service_area (service_id, scope, partnership_area_id, locality_id, council_area)
          select ${serviceId}, ${input.scope},
            case when ${input.scope} = 'partnership_area' then o.partnership_area_id end, ${input.localityId}::uuid, ${input.councilArea}
          from organisation o where o.id = ${this.organisationId} and exists (select 1 from directory_service s where s.id = ${serviceId} and s.organisation_id = ${this.organisationId}) returning id`,
      );
      if (!row) throw new Error('area not added');
      await this.audit(tx, 'listing.area_add', 'directory_service_area', row.id, serviceId);
    });
  }

  async removeArea(serviceId: string, areaId: string): Promise<boolean> {
    return this.remove(serviceId, areaId, 'directory_service_area', 'listing.area_remove');
  }

  async phones(serviceId: string, db: Db = this.db): Promise<PhoneRow[]> {
    return queryRows<PhoneRow>(
      db,
      sql`select id, number, description from directory_phone where service_id = ${serviceId} order by position, id`,
    );
  }

  async addPhone(serviceId: string, input: { number: string; description: string | null }): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into directory_phone (service_id, number, description, position)
          select ${serviceId}, ${input.number}, ${input.description},
            coalesce((select max(position) + 1 from directory_phone where service_id = ${serviceId}), 0)
          where exists (select 1 from directory_service s where s.id = ${serviceId} and s.organisation_id = ${this.organisationId})
          returning id`,
      );
      if (!row) throw new Error('phone not added');
      await this.audit(tx, 'listing.phone_add', 'directory_phone', row.id, serviceId);
    });
  }

  async removePhone(serviceId: string, phoneId: string): Promise<boolean> {
    return this.remove(serviceId, phoneId, 'directory_phone', 'listing.phone_remove');
  }

  async schedules(serviceId: string, db: Db = this.db): Promise<ScheduleRow[]> {
    return queryRows<ScheduleRow>(
      db,
      sql`select s.id, s.weekday, to_char(s.opens_at, 'HH24:MI') as "opensAt", to_char(s.closes_at, 'HH24:MI') as "closesAt",
          l.name as "locationName", s.description
        from directory_schedule s left join directory_location l on l.id = s.location_id
        where s.service_id = ${serviceId} order by s.weekday, s.opens_at, s.id`,
    );
  }

  async addSchedule(serviceId: string, input: ScheduleInput): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into directory_schedule (service_id, location_id, weekday, opens_at, closes_at, description)
          select ${serviceId}, ${input.locationId}::uuid, ${input.weekday}, ${input.opensAt}::time, ${input.closesAt}::time,
            ${input.description}
          where exists (select 1 from directory_service s where s.id = ${serviceId} and s.organisation_id = ${this.organisationId}) returning id`,
      );
      if (!row) throw new Error('opening time not added');
      await this.audit(tx, 'listing.schedule_add', 'directory_schedule', row.id, serviceId);
    });
  }

  async removeSchedule(serviceId: string, scheduleId: string): Promise<boolean> {
    return this.remove(serviceId, scheduleId, 'directory_schedule', 'listing.schedule_remove');
  }

  /** Deletes a part of one of the organisation's services. */
  private async remove(
    serviceId: string,
    id: string,
    table: 'directory_service_area' | 'directory_phone' | 'directory_schedule',
    action: string,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await queryRows<{ id: string }>(
        tx,
        sql`delete from ${sql.identifier(table)} t where t.id = ${id} and t.service_id = ${serviceId}
          and exists (select 1 from directory_service s where s.id = t.service_id and s.organisation_id = ${this.organisationId})
          returning t.id`,
      );
      if (!rows.length) return false;
      await this.audit(tx, action, table, id, serviceId);
      return true;
    });
  }
}
