import { describe, expect, it } from 'vitest';
import {
  checkAreaForm,
  checkLocationForm,
  checkPhoneForm,
  checkScheduleForm,
  normalisePostcode,
  outcodeOf,
  parseAreaForm,
  parseLocationForm,
  parsePhoneForm,
  parseScheduleForm,
  timeOfDay,
} from './partForms.ts';

const place = { name: 'Family Centre', address1: '1 High Street', city: 'Kilbrannan', postcode: 'gm42lt' };
const locality = '6d1c8a5e-2b1f-4c77-9a0e-3f7f1b2c4d5e';

describe('a place', () => {
  it('normalises the postcode and leaves coordinates to the lookup when not given', () => {
    expect(checkLocationForm(parseLocationForm(place))).toEqual({
      ok: true,
      value: {
        ...place,
        postcode: 'GM4 2LT',
        address2: null,
        accessibility: null,
        coordinates: null,
      },
    });
    expect(normalisePostcode(' eh1  1yz ')).toBe('EH1 1YZ');
    expect(outcodeOf('GM4 2LT')).toBe('GM4');
  });

  it('takes latitude and longitude together', () => {
    expect(
      checkLocationForm(parseLocationForm({ ...place, latitude: '55.86', longitude: '-4.25' })),
    ).toMatchObject({
      ok: true,
      value: { coordinates: { latitude: 55.86, longitude: -4.25 } },
    });
  });

  it('names every field that is wrong', () => {
    const errors = (body: Record<string, string>) => {
      const checked = checkLocationForm(parseLocationForm(body));
      return checked.ok ? {} : checked.errors;
    };
    expect(errors({})).toEqual({
      name: 'Enter the name of the place',
      address1: 'Enter the first line of the address',
      city: 'Enter the town or city',
      postcode: 'Enter the postcode',
    });
    expect(
      errors({
        name: 'n'.repeat(201),
        address1: 'a'.repeat(201),
        address2: 'b'.repeat(201),
        city: 'c'.repeat(101),
        postcode: 'NOT A CODE',
        latitude: '95',
        longitude: 'west',
        accessibility: 'x'.repeat(1001),
      }),
    ).toEqual({
      name: 'The name must be 200 characters or fewer',
      address1: 'Address line 1 must be 200 characters or fewer',
      address2: 'Address line 2 must be 200 characters or fewer',
      city: 'The town or city must be 100 characters or fewer',
      postcode: 'Enter a real postcode, like GM4 2LT',
      latitude: 'Latitude must be a number between -90 and 90, like 55.86',
      longitude: 'Longitude must be a number between -180 and 180, like -4.25',
      accessibility: 'Accessibility must be 1000 characters or fewer',
    });
    expect(errors({ ...place, latitude: '55.8' })).toEqual({
      longitude: 'Enter the longitude as well as the latitude',
    });
    expect(errors({ ...place, longitude: '-4.2' })).toEqual({
      latitude: 'Enter the latitude as well as the longitude',
    });
  });
});

describe('an area', () => {
  it('keeps only what the scope needs', () => {
    expect(
      checkAreaForm(parseAreaForm({ scope: 'locality', localityId: locality, councilArea: 'x' }), [locality]),
    ).toEqual({
      ok: true,
      value: { scope: 'locality', localityId: locality, councilArea: null },
    });
    expect(checkAreaForm(parseAreaForm({ scope: 'uk', localityId: locality }), [locality])).toEqual({
      ok: true,
      value: { scope: 'uk', localityId: null, councilArea: null },
    });
  });

  it('refuses an unknown scope, a locality outside the area and a missing or long council area', () => {
    expect(checkAreaForm(parseAreaForm({ scope: 'moon' }), [])).toEqual({
      ok: false,
      errors: { scope: 'Select the area the service covers' },
    });
    expect(checkAreaForm(parseAreaForm({ scope: 'locality', localityId: locality }), [])).toEqual({
      ok: false,
      errors: { localityId: 'Select the locality' },
    });
    expect(checkAreaForm(parseAreaForm({ scope: 'council_area' }), [])).toEqual({
      ok: false,
      errors: { councilArea: 'Enter the council area' },
    });
    expect(checkAreaForm(parseAreaForm({ scope: 'council_area', councilArea: 'c'.repeat(201) }), [])).toEqual(
      {
        ok: false,
        errors: { councilArea: 'The council area must be 200 characters or fewer' },
      },
    );
  });
});

describe('a phone number', () => {
  it('accepts UK and international numbers', () => {
    expect(checkPhoneForm(parsePhoneForm({ number: '01632 960 001' }))).toEqual({
      ok: true,
      value: { number: '01632 960 001', description: null },
    });
    expect(checkPhoneForm(parsePhoneForm({ number: '+44 (0)1632 960001', description: 'Helpline' })).ok).toBe(
      true,
    );
  });

  it('refuses a missing or wrong number and a long description', () => {
    expect(checkPhoneForm(parsePhoneForm({}))).toEqual({
      ok: false,
      errors: { number: 'Enter the phone number' },
    });
    expect(checkPhoneForm(parsePhoneForm({ number: 'ring us', description: 'd'.repeat(201) }))).toEqual({
      ok: false,
      errors: {
        number: 'Enter a phone number, like 01632 960 001',
        description: 'The description must be 200 characters or fewer',
      },
    });
    expect(checkPhoneForm(parsePhoneForm({ number: '--' })).ok).toBe(false);
  });
});

describe('an opening time', () => {
  it('reads times of day in the 24-hour clock', () => {
    expect(timeOfDay('9:30')).toBe('09:30');
    expect(timeOfDay('17.00')).toBe('17:00');
    expect(timeOfDay('24:00')).toBeUndefined();
    expect(timeOfDay('9am')).toBeUndefined();
    expect(
      checkScheduleForm(
        parseScheduleForm({ weekday: '2', opensAt: '9:30', closesAt: '12:00', locationId: locality }),
        [locality],
      ),
    ).toEqual({
      ok: true,
      value: { weekday: 2, opensAt: '09:30', closesAt: '12:00', locationId: locality, description: null },
    });
  });

  it('names every field that is wrong', () => {
    expect(checkScheduleForm(parseScheduleForm({}), [])).toEqual({
      ok: false,
      errors: {
        weekday: 'Select the day of the week',
        opensAt: 'Enter the time it opens',
        closesAt: 'Enter the time it closes',
      },
    });
    expect(
      checkScheduleForm(
        parseScheduleForm({
          weekday: '8',
          opensAt: 'nine',
          closesAt: 'five',
          locationId: locality,
          description: 'd'.repeat(201),
        }),
        [],
      ),
    ).toEqual({
      ok: false,
      errors: {
        weekday: 'Select the day of the week',
        opensAt: 'Enter the time it opens in the 24-hour clock, like 09:30',
        closesAt: 'Enter the time it closes in the 24-hour clock, like 17:00',
        locationId: 'Select one of the places the service is at, or none',
        description: 'The note must be 200 characters or fewer',
      },
    });
    expect(
      checkScheduleForm(parseScheduleForm({ weekday: '1', opensAt: '17:00', closesAt: '09:00' }), []),
    ).toEqual({
      ok: false,
      errors: { closesAt: 'The closing time must be after the opening time' },
    });
  });
});
