import { describe, expect, it } from 'vitest';
import type { PersonMatch } from '../search/personSearch.ts';
import { checkMatchForm, linkOptions, parseLink, parseMatchForm } from './referralMatch.ts';
import { checkSplitForm } from './referralSplitRoutes.ts';

const person = '11111111-1111-4111-8111-111111111111';
const family = '22222222-2222-4222-8222-222222222222';
const other = '33333333-3333-4333-8333-333333333333';

describe('the accept page’s matching', () => {
  it('needs a name, and takes a real date of birth and postcode when given', () => {
    const form = (body: Record<string, string>) => checkMatchForm(parseMatchForm(body), '2026-03-01');
    expect(form({ matchName: '' })).toEqual({ ok: false, errors: { matchName: 'Enter their name' } });
    expect(
      form({ matchName: 'Morag', 'matchDob-day': '31', 'matchDob-month': '2', 'matchDob-year': '1980' }),
    ).toEqual({
      ok: false,
      errors: { matchDob: 'Date of birth must be a real date, like 27 3 1985' },
    });
    expect(
      form({ matchName: 'Morag', 'matchDob-day': '1', 'matchDob-month': '1', 'matchDob-year': '2027' }),
    ).toEqual({
      ok: false,
      errors: { matchDob: 'Date of birth must be today or in the past' },
    });
    expect(form({ matchName: 'Morag', matchPostcode: 'nowhere' })).toMatchObject({ ok: false });
    expect(
      form({
        matchName: 'Morag',
        'matchDob-day': '2',
        'matchDob-month': '3',
        'matchDob-year': '1980',
        matchPostcode: 'ka71aa',
      }),
    ).toEqual({ ok: true, candidate: { name: 'Morag', dateOfBirth: '1980-03-02', postcode: 'KA7 1AA' } });
  });

  it('reads the choice of record, and nothing else', () => {
    const candidate = { name: 'Morag', dateOfBirth: null, postcode: null };
    expect(parseLink(`person:${person}:${family}`, candidate)).toEqual({
      kind: 'person',
      personId: person,
      familyId: family,
    });
    expect(parseLink(`family:${family}`, candidate)).toEqual({ kind: 'member', familyId: family, candidate });
    expect(parseLink('new', candidate)).toEqual({ kind: 'new', candidate });
    for (const value of ['', 'person:x:y', `family:${family}; drop table person`, `person:${person}`])
      expect(parseLink(value, candidate)).toBeUndefined();
  });

  it('offers each match in each family they are a current member of, each family once, never a family they left', () => {
    const match: PersonMatch = {
      personId: person,
      givenName: 'Morag',
      familyName: 'Ferguson',
      preferredName: null,
      dateOfBirth: '1978-05-12',
      postcode: null,
      score: 1,
      families: [
        { familyId: family, reference: 'GC-0001', name: 'Ferguson family', current: true },
        { familyId: other, reference: 'GC-0002', name: 'Old family', current: false },
      ],
    };
    expect(
      linkOptions([match, { ...match, personId: other, givenName: 'Mhairi' }]).map((o) => o.value),
    ).toEqual([`person:${person}:${family}`, `person:${other}:${family}`, `family:${family}`]);
  });
});

describe('the form for deciding some members', () => {
  const base = {
    version: '2',
    personIds: [person],
    outcome: 'passed_on',
    serviceId: other,
    reason: 'Better suited',
    suggestion: '',
  };
  it('needs who, what, why, and a service when passing on', () => {
    expect(checkSplitForm({ ...base, personIds: [], outcome: '', reason: '' }, [other])).toEqual({
      ok: false,
      errors: {
        personIds: 'Select who this decision is for',
        outcome: 'Select whether to pass them on or decline for them',
        reason: 'Enter why you are passing them on',
      },
    });
    expect(checkSplitForm({ ...base, serviceId: family }, [other])).toMatchObject({
      ok: false,
      errors: { serviceId: 'Select the service to pass them on to' },
    });
    expect(
      checkSplitForm({ ...base, outcome: 'declined', serviceId: '', reason: '' }, [other]),
    ).toMatchObject({
      errors: { reason: 'Enter why you are declining for them' },
    });
    expect(checkSplitForm(base, [other])).toEqual({
      ok: true,
      value: {
        version: 2,
        personIds: [person],
        outcome: 'passed_on',
        serviceId: other,
        reason: 'Better suited',
        suggestion: null,
      },
    });
  });
});
