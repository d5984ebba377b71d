// The seed-bench command's options, checked without touching a database.

export const maxBenchFamilies = 1_000_000;
export const maxBenchServices = 100_000;
export const defaultBenchServices = 5_000;
export const maxBenchReferrals = 2_000_000;

export interface SeedBenchOptions {
  families: number;
  seed: number;
  /** Directory listings to top the area up to. */
  services: number;
  /** Referrals between the bench services to top the area up to (0: leave them as they are). */
  referrals: number;
}

function wholeNumber(raw: string): number | undefined {
  const text = raw.trim().replaceAll('_', '').replaceAll(',', '');
  return /^\d{1,10}$/.test(text) ? Number(text) : undefined;
}

/** The options, or a message saying what is wrong with them. */
export function parseSeedBenchOptions(
  values: Record<string, unknown>,
): { ok: true; options: SeedBenchOptions } | { ok: false; message: string } {
  if (values.families === undefined || values.families === '') {
    return { ok: false, message: '--families is needed: how many families to seed, like --families 10000' };
  }
  const families = wholeNumber(String(values.families));
  if (families === undefined || families < 1 || families > maxBenchFamilies) {
    return {
      ok: false,
      message: `--families must be a whole number from 1 to ${maxBenchFamilies.toLocaleString('en-GB')}, got "${String(values.families)}"`,
    };
  }
  let seed = 1;
  if (values.seed !== undefined) {
    const parsed = wholeNumber(String(values.seed));
    if (parsed === undefined || parsed > 0xffffffff) {
      return {
        ok: false,
        message: `--seed must be a whole number from 0 to 4294967295, got "${String(values.seed)}"`,
      };
    }
    seed = parsed;
  }
  let services = defaultBenchServices;
  if (values.services !== undefined) {
    const parsed = wholeNumber(String(values.services));
    if (parsed === undefined || parsed > maxBenchServices) {
      return {
        ok: false,
        message: `--services must be a whole number from 0 to ${maxBenchServices.toLocaleString('en-GB')}, got "${String(values.services)}"`,
      };
    }
    services = parsed;
  }
  let referrals = 0;
  if (values.referrals !== undefined) {
    const parsed = wholeNumber(String(values.referrals));
    if (parsed === undefined || parsed > maxBenchReferrals) {
      return {
        ok: false,
        message: `--referrals must be a whole number from 0 to ${maxBenchReferrals.toLocaleString('en-GB')}, got "${String(values.referrals)}"`,
      };
    }
    referrals = parsed;
  }
  return { ok: true, options: { families, seed, services, referrals } };
}
