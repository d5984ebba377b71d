// Postcodes as people type them ('gm42lt', 'GM4  2LT', 'gm4') made into the
// form the postcode_place table holds: upper case with one space before the
// last three characters, or an outcode on its own.

export interface PostcodeQuery {
  /** The full postcode, like 'GM4 2LT', when one was given. */
  full?: string;
  /** The outcode, like 'GM4': looked up when the full postcode is not known. */
  outcode: string;
}

const fullPattern = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
const outcodePattern = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

/** The postcode and outcode to look up, or undefined when the text is not shaped like a UK postcode. */
export function normalisePostcode(input: string): PostcodeQuery | undefined {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  const full = fullPattern.exec(compact);
  if (full?.[1] && full[2]) return { full: `${full[1]} ${full[2]}`, outcode: full[1] };
  if (outcodePattern.test(compact)) return { outcode: compact };
  return undefined;
}
