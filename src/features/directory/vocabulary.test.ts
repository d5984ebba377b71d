import { describe, expect, it } from 'vitest';
import { nameBasedUuid, taxonomies, termById, termId } from './vocabulary.ts';

describe('directory vocabulary', () => {
  it('makes RFC 9562 version 5 UUIDs (the DNS example from the RFC)', () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
    expect(nameBasedUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives every term a distinct, stable id that leads back to it', () => {
    const ids = taxonomies.flatMap((taxonomy) =>
      taxonomy.terms.map((term) => termId(taxonomy.key, term.code)),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(termById(termId('audiences', 'grandparent'))?.term.label).toBe('Grandparent');
    expect(termById(termId('audiences', 'grandparent').toUpperCase())?.key).toBe('audiences');
    expect(termById('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
