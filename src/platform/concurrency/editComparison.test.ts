import { describe, expect, it } from 'vitest';
import { compareEdits } from './editComparison.ts';

const fields = [
  { name: 'strengths', label: 'Strengths' },
  { name: 'concerns', label: 'Concerns' },
  { name: 'rating', label: 'Rating' },
  { name: 'views', label: 'Their views' },
];

describe('compareEdits', () => {
  const base = { strengths: 'Loves football', concerns: null, rating: 'doing_well', views: 'I like school' };

  it('keeps your change, takes their change to a field you did not touch, and flags a clash', () => {
    const theirs = { ...base, concerns: 'Missed school twice', rating: 'some_concerns' };
    const yours = { ...base, strengths: 'Loves football and drawing', rating: 'significant_concerns' };
    const result = compareEdits(fields, base, theirs, yours);
    expect(result.fields.map((f) => [f.name, f.outcome])).toEqual([
      ['strengths', 'yours'],
      ['concerns', 'theirs'],
      ['rating', 'clash'],
      ['views', 'unchanged'],
    ]);
    expect(result.clashes).toBe(1);
    expect(result.merged).toEqual({
      strengths: 'Loves football and drawing',
      concerns: 'Missed school twice',
      rating: 'significant_concerns',
      views: 'I like school',
    });
    expect(result.changed.map((f) => f.name)).toEqual(['strengths', 'concerns', 'rating']);
  });

  it('treats the same change by both people as agreement, not a clash', () => {
    const theirs = { ...base, concerns: 'Tired in class' };
    const result = compareEdits(fields, base, theirs, { ...base, concerns: ' Tired in class ' });
    expect(result.fields[1]?.outcome).toBe('same');
    expect(result.clashes).toBe(0);
  });

  it('treats empty text, blanks and missing fields as the same empty value', () => {
    const result = compareEdits(fields, { strengths: '' }, { strengths: null }, { strengths: '   ' });
    expect(result.changed).toEqual([]);
    expect(result.merged.strengths).toBeNull();
  });

  it('keeps your emptying of a field they did not change', () => {
    const result = compareEdits(fields, base, base, { ...base, views: '' });
    expect(result.fields[3]).toMatchObject({ outcome: 'yours', merged: null, base: 'I like school' });
  });
});
