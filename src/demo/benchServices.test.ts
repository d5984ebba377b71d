import { describe, expect, it } from 'vitest';
import { allKnown, audiences, deliveryMethods, supportKinds } from '../features/directory/vocabulary.ts';
import { benchListing, benchOutcodeCount, benchPostcodePlaces } from './benchServices.ts';
import { seededRandom } from './familyGenerator.ts';

describe('synthetic directory listings for benchmarks', () => {
  const places = benchPostcodePlaces();

  it('makes distinct postcodes in the postcode format, each near its outcode', () => {
    expect(new Set(places.map((p) => p.postcode)).size).toBe(places.length);
    expect(places.filter((p) => p.kind === 'outcode')).toHaveLength(benchOutcodeCount);
    for (const place of places) {
      expect(place.postcode).toMatch(place.kind === 'outcode' ? /^BX\d{1,2}$/ : /^BX\d{1,2} \d[A-Z]{2}$/);
      const outcode = places.find((p) => p.postcode === place.postcode.split(' ')[0]);
      expect(Math.abs((outcode?.latitude ?? 0) - place.latitude)).toBeLessThan(0.05);
    }
  });

  it('uses only Hearth’s vocabulary and the same sequence for the same seed', () => {
    const one = Array.from({ length: 200 }, (_, i) => benchListing(seededRandom(3), i, places));
    for (const { service } of one) {
      expect(allKnown(audiences, service.audiences)).toBe(true);
      expect(allKnown(supportKinds, service.supportKinds)).toBe(true);
      expect(allKnown(deliveryMethods, service.delivery)).toBe(true);
    }
    expect(benchListing(seededRandom(3), 0, places)).toEqual(benchListing(seededRandom(3), 0, places));
  });
});
