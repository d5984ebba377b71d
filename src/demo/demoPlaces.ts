// The demo area's postcodes and the places its services work from. "GM" is
// not a real postcode area, so no demo postcode points at anyone's home;
// phone numbers are from Ofcom's ranges kept for drama.

/** Outcodes of each locality, in the order of demoArea.localities. */
export const demoOutcodes: { outcode: string; locality: number; latitude: number; longitude: number }[] = [
  { outcode: 'GM1', locality: 0, latitude: 55.9521, longitude: -4.2093 },
  { outcode: 'GM2', locality: 0, latitude: 55.9667, longitude: -4.2358 },
  { outcode: 'GM3', locality: 0, latitude: 55.9389, longitude: -4.1801 },
  { outcode: 'GM4', locality: 1, latitude: 56.0512, longitude: -3.9527 },
  { outcode: 'GM5', locality: 1, latitude: 56.0704, longitude: -3.9102 },
  { outcode: 'GM6', locality: 1, latitude: 56.0298, longitude: -3.9955 },
  { outcode: 'GM7', locality: 2, latitude: 55.8531, longitude: -4.7012 },
  { outcode: 'GM8', locality: 2, latitude: 55.8802, longitude: -4.7604 },
  { outcode: 'GM9', locality: 2, latitude: 55.8263, longitude: -4.6541 },
];

/** The units of the demo members' postcodes (demoMembers.ts): "GM4 7RT". The demo SIMD lookup knows each. */
export const demoPostcodeUnits = ['AB', 'DF', 'HL', 'NP', 'RT', 'WX'] as const;

/** Full postcodes the demo knows, with their places (a little off each outcode's centre). */
export const demoPostcodes: { postcode: string; latitude: number; longitude: number }[] = [
  { postcode: 'GM1 1AB', latitude: 55.9534, longitude: -4.2071 },
  { postcode: 'GM1 2DF', latitude: 55.9502, longitude: -4.2138 },
  { postcode: 'GM1 4HT', latitude: 55.9558, longitude: -4.2012 },
  { postcode: 'GM2 3JW', latitude: 55.9681, longitude: -4.2402 },
  { postcode: 'GM2 7QA', latitude: 55.9645, longitude: -4.2297 },
  { postcode: 'GM3 5LP', latitude: 55.9372, longitude: -4.1765 },
  { postcode: 'GM4 1BD', latitude: 56.0531, longitude: -3.9498 },
  { postcode: 'GM4 2LT', latitude: 56.0489, longitude: -3.9573 },
  { postcode: 'GM4 6RS', latitude: 56.0544, longitude: -3.9441 },
  { postcode: 'GM5 2EN', latitude: 56.0721, longitude: -3.9067 },
  { postcode: 'GM5 8XY', latitude: 56.0688, longitude: -3.9151 },
  { postcode: 'GM6 3GH', latitude: 56.0277, longitude: -3.9988 },
  { postcode: 'GM7 1PQ', latitude: 55.8547, longitude: -4.6985 },
  { postcode: 'GM7 4WB', latitude: 55.8512, longitude: -4.7049 },
  { postcode: 'GM8 2SU', latitude: 55.8815, longitude: -4.7633 },
  { postcode: 'GM9 6NE', latitude: 55.8281, longitude: -4.6502 },
  { postcode: 'GM9 9ZZ', latitude: 55.8249, longitude: -4.6577 },
];

export interface DemoLocation {
  key: string;
  organisation: string;
  name: string;
  address1: string;
  city: string;
  postcode: string;
  /** Index in demoArea.localities. */
  locality: number;
  accessibility?: string;
}

export const demoLocations: DemoLocation[] = [
  {
    key: 'carse-hub',
    organisation: 'familysupport',
    name: 'Carse Family Support Centre',
    address1: '14 Mill Wynd',
    city: 'Dunmore',
    postcode: 'GM4 1BD',
    locality: 1,
    accessibility: 'Step-free entrance and an accessible toilet. Hearing loop at reception.',
  },
  {
    key: 'kilbrannan-rooms',
    organisation: 'familysupport',
    name: 'Kilbrannan Community Rooms',
    address1: '3 Church Lane',
    city: 'Kilbrannan',
    postcode: 'GM1 2DF',
    locality: 0,
    accessibility: 'Ground floor, step-free. Parking at the back.',
  },
  {
    key: 'recovery-dunmore',
    organisation: 'recovery',
    name: 'Dunmore Health Centre',
    address1: '40 Station Road',
    city: 'Dunmore',
    postcode: 'GM4 6RS',
    locality: 1,
    accessibility: 'Lift to all floors. Accessible toilet.',
  },
  {
    key: 'recovery-ardmore',
    organisation: 'recovery',
    name: 'Ardmore Clinic',
    address1: '2 Harbour Street',
    city: 'Ardmore',
    postcode: 'GM7 1PQ',
    locality: 2,
  },
  {
    key: 'youngcarers-base',
    organisation: 'youngcarers',
    name: 'Glenmuir Young Carers Base',
    address1: 'Unit 5, Riverside Court',
    city: 'Kilbrannan',
    postcode: 'GM2 7QA',
    locality: 0,
    accessibility: 'Step-free. Quiet room available.',
  },
  {
    key: 'youth-hall',
    organisation: 'youth',
    name: 'Ardmore Youth Hall',
    address1: '18 Shore Road',
    city: 'Ardmore',
    postcode: 'GM7 4WB',
    locality: 2,
    accessibility: 'Ramp at the side door.',
  },
  {
    key: 'peer-hall',
    organisation: 'peer',
    name: 'St Brendan’s Church Hall',
    address1: '1 Kirk Brae',
    city: 'Kilbrannan',
    postcode: 'GM1 4HT',
    locality: 0,
    accessibility: 'Step-free through the garden door. Tea and coffee at every meeting.',
  },
  {
    key: 'bereaved-library',
    organisation: 'bereaved',
    name: 'Dunmore Library, Meeting Room 2',
    address1: '9 High Street',
    city: 'Dunmore',
    postcode: 'GM5 2EN',
    locality: 1,
    accessibility: 'Lift to the first floor.',
  },
  {
    key: 'cafe',
    organisation: 'recoverycafe',
    name: 'Ardmore Recovery Café',
    address1: '27 Esplanade',
    city: 'Ardmore',
    postcode: 'GM8 2SU',
    locality: 2,
    accessibility: 'Step-free. Large-print menu.',
  },
  {
    key: 'womensaid-office',
    organisation: 'womensaid',
    name: 'Safe Harbour drop-in (address given when you call)',
    address1: 'Town centre',
    city: 'Kilbrannan',
    postcode: 'GM1 1AB',
    locality: 0,
  },
  {
    key: 'housing-office',
    organisation: 'housing',
    name: 'Dunmore Housing Support office',
    address1: '61 Carse Road',
    city: 'Dunmore',
    postcode: 'GM6 3GH',
    locality: 1,
  },
];
