import { describe, expect, it } from 'vitest';
import { boundingBox, formatMiles, milesBetween, parsePostcode } from './postcodes.ts';

describe('postcodes', () => {
  it('writes a full postcode the standard way', () => {
    expect(parsePostcode('gm42lt')).toEqual({ kind: 'postcode', value: 'GM4 2LT', outcode: 'GM4' });
    expect(parsePostcode('  GM4   2lt ')).toEqual({ kind: 'postcode', value: 'GM4 2LT', outcode: 'GM4' });
    expect(parsePostcode('EH1 1YZ')?.value).toBe('EH1 1YZ');
  });

  it('refuses what is not a postcode, and an outcode unless allowed', () => {
    for (const bad of ['', 'G', 'hello', '12345', 'GM4 2LTX', '<b>GM4</b>', 'GM4 2L'])
      expect(parsePostcode(bad)).toBeUndefined();
    expect(parsePostcode('gm4')).toBeUndefined();
    expect(parsePostcode('gm4', { allowOutcode: true })).toEqual({
      kind: 'outcode',
      value: 'GM4',
      outcode: 'GM4',
    });
  });
});

describe('distance', () => {
  const edinburgh = { latitude: 55.9533, longitude: -3.1883 };
  const glasgow = { latitude: 55.8642, longitude: -4.2518 };

  it('measures miles along the earth', () => {
    expect(milesBetween(edinburgh, edinburgh)).toBe(0);
    expect(milesBetween(edinburgh, glasgow)).toBeGreaterThan(41);
    expect(milesBetween(edinburgh, glasgow)).toBeLessThan(43);
    expect(milesBetween(glasgow, edinburgh)).toBeCloseTo(milesBetween(edinburgh, glasgow), 10);
  });

  it('makes a box that holds every point within the distance', () => {
    const box = boundingBox(edinburgh, 50);
    expect(glasgow.latitude).toBeGreaterThan(box.minLatitude);
    expect(glasgow.longitude).toBeGreaterThan(box.minLongitude);
    const tight = boundingBox(edinburgh, 30);
    expect(glasgow.longitude).toBeLessThan(tight.minLongitude);
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const angle = (bearing * Math.PI) / 180;
      const point = {
        latitude: edinburgh.latitude + (24.9 / 69.0) * Math.cos(angle),
        longitude:
          edinburgh.longitude +
          (24.9 / (69.17 * Math.cos((edinburgh.latitude * Math.PI) / 180))) * Math.sin(angle),
      };
      if (milesBetween(edinburgh, point) <= 25) {
        const b = boundingBox(edinburgh, 25);
        expect(point.latitude).toBeGreaterThanOrEqual(b.minLatitude);
        expect(point.latitude).toBeLessThanOrEqual(b.maxLatitude);
        expect(point.longitude).toBeGreaterThanOrEqual(b.minLongitude);
        expect(point.longitude).toBeLessThanOrEqual(b.maxLongitude);
      }
    }
  });

  it('says distances in plain words', () => {
    expect(formatMiles(0.44)).toBe('0.4 miles');
    expect(formatMiles(1)).toBe('1 mile');
    expect(formatMiles(12.6)).toBe('13 miles');
  });
});
