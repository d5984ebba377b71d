import { describe, expect, it } from 'vitest';
import { parseCsv, readPostcodeFile } from './postcodeImport.ts';
import { checkProblemForm, parseProblemForm } from './problemForm.ts';
import { checkReferralForm, parseReferralForm } from './referralForm.ts';
import { checkSearchForm, parseSearchForm } from './searchForm.ts';

const area = 'partnership:3f2b8c1e-8a4b-4c7e-9f1a-0b2c3d4e5f60';

describe('search form', () => {
  it('takes a postcode, normalised, with narrowing choices, a sort and a page', () => {
    const checked = checkSearchForm(
      parseSearchForm({
        postcode: ' gm42lt ',
        audiences: ['grandparent', 'grandparent'],
        supportKinds: 'group',
        sort: 'soonest',
        page: '2',
      }),
    );
    expect(checked).toMatchObject({
      ok: true,
      errors: {},
      search: {
        where: { kind: 'postcode', postcode: { value: 'GM4 2LT' } },
        audiences: ['grandparent'],
        supportKinds: ['group'],
        delivery: [],
        sort: 'soonest',
        page: 2,
      },
    });
  });

  it('takes an area instead, sorted by name unless asked for the soonest; never by distance', () => {
    const checked = checkSearchForm(parseSearchForm({ area, postcode: 'ignored', sort: 'distance' }));
    expect(checked).toMatchObject({
      ok: true,
      search: { where: { kind: 'partnership' }, sort: 'name', page: 1 },
    });
  });

  it('stops a missing, bad or huge postcode or a made-up area with a message', () => {
    expect(checkSearchForm(parseSearchForm({}))).toEqual({
      ok: false,
      byArea: false,
      errors: { postcode: 'Enter a postcode, or choose an area instead' },
    });
    expect(checkSearchForm(parseSearchForm({ postcode: 'GM4' }))).toMatchObject({
      ok: false,
      errors: { postcode: 'Enter a full postcode, like GM4 2LT' },
    });
    expect(checkSearchForm(parseSearchForm({ postcode: 'x'.repeat(5000) }))).toMatchObject({
      ok: false,
      errors: { postcode: 'A postcode is 8 characters or fewer, like GM4 2LT' },
    });
    expect(checkSearchForm(parseSearchForm({ area: 'partnership:<b>' }))).toMatchObject({
      ok: false,
      byArea: true,
      errors: { area: 'Choose an area from the list' },
    });
  });

  it('drops unknown codes and absurd lists with a message, keeping the rest', () => {
    const checked = checkSearchForm(
      parseSearchForm({
        postcode: 'GM4 2LT',
        audiences: ['parent', '<script>'],
        delivery: Array.from({ length: 1000 }, () => 'phone'),
        sort: 'loudest',
        page: '99999999',
      }),
    );
    expect(checked).toMatchObject({
      ok: true,
      search: { audiences: ['parent'], delivery: ['phone'], sort: 'distance', page: 1 },
      errors: {
        audiences: 'Choose who you are from the list',
        delivery: 'Choose how you would like support from the list',
      },
    });
    expect(checkSearchForm(parseSearchForm({ postcode: 'GM4 2LT', page: '9999' }))).toMatchObject({
      search: { page: 250 },
    });
  });
});

describe('self-referral form', () => {
  const good = {
    name: 'Jean',
    contactMethod: 'phone',
    phone: '07700 900982',
    leaveMessage: 'no',
    helpWith: 'My son',
  };

  it('keeps only the contact details for the way chosen', () => {
    expect(
      checkReferralForm(parseReferralForm({ ...good, email: 'jean@example.com', safeTimes: 'Mornings' })),
    ).toEqual({
      ok: true,
      value: {
        name: 'Jean',
        audience: null,
        contactMethod: 'phone',
        phone: '07700 900982',
        email: null,
        safeTimes: 'Mornings',
        leaveMessage: false,
        helpWith: 'My son',
      },
    });
    expect(
      checkReferralForm(
        parseReferralForm({
          ...good,
          contactMethod: 'text',
          phone: '+44 7700 900982',
          leaveMessage: 'yes',
        }),
      ),
    ).toMatchObject({ ok: true, value: { phone: '+44 7700 900982', leaveMessage: false } });
    expect(
      checkReferralForm(parseReferralForm({ ...good, contactMethod: 'none', safeTimes: 'Mornings' })),
    ).toMatchObject({
      ok: true,
      value: { contactMethod: 'none', phone: null, email: null, safeTimes: null },
    });
  });

  it('explains every bad field', () => {
    expect(checkReferralForm(parseReferralForm({ audience: 'boss', contactMethod: 'pigeon' }))).toEqual({
      ok: false,
      errors: {
        name: 'Enter your name or first name',
        audience: 'Choose who you are from the list',
        contactMethod: 'Choose how it is safe to contact you',
        helpWith: 'Say what you would like help with',
      },
    });
    expect(
      checkReferralForm(parseReferralForm({ ...good, contactMethod: 'text', phone: '12' })),
    ).toMatchObject({
      errors: { phone: 'Enter a mobile number, like 07700 900 982' },
    });
    expect(
      checkReferralForm(parseReferralForm({ ...good, contactMethod: 'email', email: 'jean' })),
    ).toMatchObject({
      errors: { email: 'Enter an email address, like name@example.com' },
    });
    expect(
      checkReferralForm(parseReferralForm({ ...good, helpWith: 'x'.repeat(2001), name: 'y'.repeat(101) })),
    ).toMatchObject({
      errors: {
        helpWith: 'What you would like help with must be 2000 characters or fewer',
        name: 'Your name must be 100 characters or fewer',
      },
    });
  });
});

describe('listing problem form', () => {
  it('takes a kind and optional details of up to 1000 characters', () => {
    expect(checkProblemForm(parseProblemForm({ kind: 'closed' }))).toEqual({
      ok: true,
      value: { kind: 'closed', details: null },
    });
    expect(checkProblemForm(parseProblemForm({ kind: 'nope', details: 'x'.repeat(1001) }))).toEqual({
      ok: false,
      errors: { kind: 'Choose what is wrong', details: 'The details must be 1000 characters or fewer' },
    });
  });
});

describe('postcode files', () => {
  it('reads CSV with quotes, CRLF and a byte order mark', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""",2\n\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', '2'] },
    ]);
  });

  it('needs the header columns and at least one row', () => {
    expect(readPostcodeFile('').problems).toEqual([
      { line: 1, problem: 'the file is empty: it needs a header row' },
    ]);
    expect(readPostcodeFile('postcode,lat\n').problems).toEqual([
      { line: 1, problem: 'the header has no latitude, longitude column' },
    ]);
    expect(readPostcodeFile('outcode,latitude,longitude\n').problems).toEqual([
      { line: 1, problem: 'there are no rows after the header' },
    ]);
    expect(readPostcodeFile('outcode,latitude,longitude\ngm4,56,-3\n').rows).toEqual([
      { postcode: 'GM4', kind: 'outcode', latitude: 56, longitude: -3, councilArea: null },
    ]);
    expect(readPostcodeFile('postcode,latitude,longitude\nGM4 2LT,56\n').problems).toEqual([
      { line: 2, problem: 'it has 2 columns, the header has 3; longitude must be a number from -180 to 180' },
    ]);
  });
});
