// The directory as the gap analysis reads it: the services of the area's
// organisations, where each has a place, and which localities it covers.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { GapGroup } from './gapDefinitions.ts';

export interface DirectoryService {
  id: string;
  name: string;
  organisationName: string;
  active: boolean;
  audiences: string[];
  supportKinds: string[];
  programmes: string[];
  deliveredBy: string[];
  /** Localities where it has a place. */
  basedIn: string[];
  /** Localities its service areas name. */
  coversLocalities: string[];
  /** Its service areas take in the whole partnership area (the area, its council area, Scotland or the UK). */
  coversArea: boolean;
  /** Family support: for someone other than, or besides, the person using substances. */
  familySupport: boolean;
  /** Active, family support, and based in or covering the locality. */
  availableIn(localityId: string): boolean;
  forGroup(group: GapGroup): boolean;
}

type Row = Omit<DirectoryService, 'availableIn' | 'forGroup' | 'familySupport'>;

export async function directoryServices(db: Db, areaId: string): Promise<DirectoryService[]> {
  const rows = await queryRows<Row>(
    db,
    sql`select s.id, s.name, o.name as "organisationName", s.status = 'active' as active, s.audiences,
        s.support_kinds as "supportKinds", s.programmes, s.delivered_by as "deliveredBy",
        array(select distinct l.locality_id::text from directory_service_at_location sal
          join directory_location l on l.id = sal.location_id
          where sal.service_id = s.id and l.locality_id is not null) as "basedIn",
        array(select a.locality_id::text from directory_service_area a
          where a.service_id = s.id and a.scope = 'locality') as "coversLocalities",
        exists (select 1 from directory_service_area a where a.service_id = s.id
          and (a.scope in ('scotland', 'uk') or (a.scope = 'partnership_area' and a.partnership_area_id = pa.id)
            or (a.scope = 'council_area' and a.council_area = pa.council_area))) as "coversArea"
      from directory_service s
      join organisation o on o.id = s.organisation_id
      join partnership_area pa on pa.id = o.partnership_area_id
      where o.partnership_area_id = ${areaId}
      order by s.name, s.id`,
  );
  return rows.map((row) => {
    const familySupport = row.audiences.length === 0 || row.audiences.some((a) => a !== 'person_using');
    return {
      ...row,
      familySupport,
      availableIn: (localityId: string) =>
        row.active &&
        familySupport &&
        (row.coversArea || row.basedIn.includes(localityId) || row.coversLocalities.includes(localityId)),
      forGroup: (group: GapGroup) =>
        row.active &&
        (group.audiences.some((a) => row.audiences.includes(a)) ||
          (group.supportKinds ?? []).some((k) => row.supportKinds.includes(k))),
    };
  });
}
