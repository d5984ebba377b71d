/** Field name → message, for a form that did not pass its checks. */
export type FieldErrors = Record<string, string>;

/** The GOV.UK error summary's list, in the order the fields appear. */
export function errorList(errors: FieldErrors, order: readonly string[]): { text: string; href: string }[] {
  return order
    .filter((field) => errors[field])
    .map((field) => ({ text: errors[field] as string, href: `#${field}` }));
}

/** A form field's value from a parsed urlencoded body, as one trimmed string. */
export function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  if (Array.isArray(value)) return String(value[0] ?? '').trim();
  return typeof value === 'string' ? value.trim() : '';
}

/** Every value of a repeated field (checkboxes). */
export function fields(body: unknown, name: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const value = (body as Record<string, unknown>)[name];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A path on this site to go back to after sign-in; anything else becomes "/". */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
