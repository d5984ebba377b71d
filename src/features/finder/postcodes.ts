// Postcodes and distances for the public finder. Postcodes are checked and
// written the standard way by the `postcode` package; nothing is looked up
// on the internet.
import { isValid, OUTCODE_REGEX, toNormalised, toOutcode } from 'postcode';

export interface Postcode {
  kind: 'postcode' | 'outcode';
  /** Upper case with one space: 'GM4 2LT', or the outcode alone: 'GM4'. */
  value: string;
  outcode: string;
}

/** A full postcode ('gm42lt' → 'GM4 2LT') or, when allowed, an outcode ('gm4' → 'GM4'); undefined when neither. */
export function parsePostcode(input: string, options: { allowOutcode?: boolean } = {}): Postcode | undefined {
  const text = input.trim().replace(/\s+/g, ' ');
  if (text.length < 2 || text.length > 10) return undefined;
  if (isValid(text)) {
    const value = toNormalised(text) as string;
    return { kind: 'postcode', value, outcode: toOutcode(text) as string };
  }
  const compact = text.replace(/ /g, '');
  if (options.allowOutcode && OUTCODE_REGEX.test(compact)) {
    const value = compact.toUpperCase();
    return { kind: 'outcode', value, outcode: value };
  }
  return undefined;
}

export interface Point {
  latitude: number;
  longitude: number;
}

const earthRadiusMiles = 3958.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance in miles (haversine), the same sum the search runs in SQL. */
export function milesBetween(a: Point, b: Point): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLng = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * earthRadiusMiles * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A latitude/longitude box holding every point within `miles` of the centre, for an index range scan. */
export function boundingBox(centre: Point, miles: number) {
  const latitudeDelta = miles / 69.0;
  const cosine = Math.max(Math.cos(radians(centre.latitude)), 0.01);
  const longitudeDelta = Math.min(180, miles / (69.17 * cosine));
  return {
    minLatitude: centre.latitude - latitudeDelta,
    maxLatitude: centre.latitude + latitudeDelta,
    minLongitude: centre.longitude - longitudeDelta,
    maxLongitude: centre.longitude + longitudeDelta,
  };
}

/** Distance in plain words: "0.4 miles", "1 mile", "12 miles". */
export function formatMiles(miles: number): string {
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
  return `${rounded} ${rounded === 1 ? 'mile' : 'miles'}`;
}
