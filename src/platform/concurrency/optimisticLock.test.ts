import { describe, expect, it } from 'vitest';
import { createTemplateEnvironment } from '../views/views.ts';
import {
  conflictProblem,
  conflictView,
  editToken,
  readEditToken,
  requireUpdated,
  StaleEditError,
} from './optimisticLock.ts';

const labels = [
  { name: 'strengths', label: 'Strengths' },
  { name: 'concerns', label: 'Concerns' },
];

describe('edit tokens', () => {
  it('round-trips the version and base values through the hidden fields', () => {
    const token = editToken(3, { strengths: 'Kind "and" <brave>', concerns: null });
    expect(readEditToken({ _version: String(token.version), _base: token.base })).toEqual({
      version: 3,
      base: { strengths: 'Kind "and" <brave>', concerns: null },
    });
  });

  it('reads version 0 as a form opened before the record existed', () => {
    expect(readEditToken({ _version: '0', _base: '{}' })).toEqual({ version: 0, base: {} });
  });

  it.each([
    [{}],
    [{ _version: '-1', _base: '{}' }],
    [{ _version: '2x', _base: '{}' }],
    [{ _version: '2', _base: 'not json' }],
    [{ _version: '2', _base: '[]' }],
    [{ _version: '2', _base: '{"a":1}' }],
    [{ _version: '2' }],
    [null],
  ])('refuses a missing or malformed token %j', (body) => {
    expect(readEditToken(body)).toBeUndefined();
  });
});

describe('requireUpdated', () => {
  it('does nothing when a row was updated', async () => {
    await expect(requireUpdated([{ id: 'a' }], async () => undefined)).resolves.toBeUndefined();
  });

  it('throws StaleEditError with the saved values when no row was updated', async () => {
    const current = { version: 4, values: { strengths: 'new' }, savedBy: 'Ailsa Brown' };
    const error = await requireUpdated([], async () => current).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleEditError);
    expect((error as StaleEditError).current).toBe(current);
    expect((error as StaleEditError).statusCode).toBe(409);
  });

  it('answers not found when the record is gone or hidden', async () => {
    await expect(requireUpdated([], async () => undefined)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('the conflict page', () => {
  const error = new StaleEditError({
    version: 5,
    values: { strengths: 'Their strengths', concerns: 'Their concern' },
    savedBy: 'Ailsa Brown',
    savedAt: new Date('2026-03-02T10:15:00Z'),
  });
  const view = conflictView(
    error,
    labels,
    { strengths: 'Opened', concerns: null },
    { strengths: 'My strengths', concerns: null },
    { discardHref: '/edit' },
  );

  it('keeps what was typed, takes their untouched change and re-submits against the saved version', () => {
    expect(view.formValues).toEqual({ strengths: 'My strengths', concerns: 'Their concern' });
    expect(view.edit.version).toBe(5);
    expect(JSON.parse(view.edit.base)).toEqual(error.current.values);
    expect(view.clashList).toEqual([
      { text: 'Strengths: you and they both changed this', href: '#strengths' },
    ]);
  });

  it('renders every changed field with the opened, saved and typed values', () => {
    const env = createTemplateEnvironment();
    const html = env.renderString(
      '{% from "platform/concurrency/conflict.njk" import hearthConflictPanel, hearthEditVersion %}{{ hearthConflictPanel(conflict) }}<form>{{ hearthEditVersion(conflict.edit) }}</form>',
      { conflict: view },
    );
    expect(html).toContain('Someone else saved this while you were editing');
    expect(html).toContain('Ailsa Brown saved this at 2 Mar 2026, 10:15');
    for (const text of [
      'Opened',
      'Their strengths',
      'My strengths',
      'Their concern',
      '(empty)',
      'Both changed',
    ])
      expect(html).toContain(text);
    expect(html).toContain('href="/edit"');
    expect(html).toContain('name="_version" value="5"');
    expect(html).toContain('name="_base" value="{&quot;strengths&quot;');
  });

  it('gives the API a 409 problem with the saved version', () => {
    expect(conflictProblem(error)).toMatchObject({
      status: 409,
      currentVersion: 5,
      current: error.current.values,
    });
  });
});
