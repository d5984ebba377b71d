import { describe, expect, it } from 'vitest';
import { proseSentences, readability, syllables } from './readingAge.ts';

describe('reading age', () => {
  it('counts syllables as the vowel-group rule does', () => {
    expect(syllables('cat')).toBe(1);
    expect(syllables('phone')).toBe(1);
    expect(syllables('family')).toBe(3);
    expect(syllables('support')).toBe(2);
    expect(syllables('grandparent')).toBe(3);
    expect(syllables('wanted')).toBe(2);
    expect(syllables('42')).toBe(0);
  });

  it('tells plain words from hard ones', () => {
    const plain = readability(['We will phone you at a time you said is safe.', 'It is free to look.']);
    expect(plain.readingAge).toBeLessThanOrEqual(9);
    const hard = readability([
      'Notwithstanding the aforementioned considerations, practitioners should systematically evaluate intergenerational vulnerabilities.',
    ]);
    expect(hard.readingAge).toBeGreaterThan(15);
    expect(plain.words).toBe(16);
    expect(plain.sentences).toBe(2);
  });

  it("takes a page's prose from its main part, not its labels or its header", () => {
    const page = `<header><p>Hearth is a whole-family support platform for services.</p></header>
      <main><h1 class="govuk-heading-l">Find support</h1>
      <p class="govuk-body">It is free to look. You do not need to give your <b>name</b> &amp; more.</p>
      <div class="govuk-hint">For example, GM4 2LT.</div>
      <label class="govuk-label">Grandparent and kinship carer</label>
      <p id="e" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Enter a full postcode, like GM4 2LT</p></main>`;
    expect(proseSentences(page)).toEqual([
      'It is free to look.',
      'You do not need to give your name & more.',
      'For example, GM4 2LT.',
      'Error: Enter a full postcode, like GM4 2LT',
    ]);
    expect(proseSentences(page, 2)).toContain('Find support');
  });
});
