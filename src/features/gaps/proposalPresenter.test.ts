import { describe, expect, it } from 'vitest';
import { gapName } from './proposalPresenter.ts';

describe('the gap a proposal answers, in words', () => {
  it('names the group or kind of support, and falls back to the kind of gap', () => {
    expect(gapName('group', 'young_people')).toBe('Young people aged 12 to 17');
    expect(gapName('support', 'one_to_one')).toBe('One-to-one');
    expect(gapName('group', 'no-such-group')).toBe('A group of people');
    expect(gapName('locality', null)).toBe('A locality');
    expect(gapName('wait', 'anything')).toBe('Long waits');
  });
});
