import { describe, expect, it } from 'vitest';
import { checkSection, formOfValues, parseSection, type SectionForm, valuesOf } from './serviceForms.ts';

const today = '2026-12-02';

function errorsOf(section: 'about' | 'offer' | 'access', body: Record<string, string | string[]>) {
  const checked = checkSection(section, parseSection(section, body), today);
  return checked.ok ? {} : checked.errors;
}

const goodAbout = { name: 'Family Hub', summary: 'One line', description: 'What we do', status: 'active' };
const goodOffer = {
  audiences: ['parent', 'grandparent'],
  supportKinds: 'one_to_one',
  delivery: ['in_person', 'phone'],
  languages: 'en',
  free: 'yes',
};
const goodAccess = { referralRoutes: 'self', selfReferral: 'no' };

describe('the "about the service" page', () => {
  it('accepts a good form and trims, with empty optional fields as null', () => {
    const checked = checkSection(
      'about',
      parseSection('about', { ...goodAbout, name: '  Family Hub ', url: '' }),
      today,
    );
    expect(checked).toEqual({
      ok: true,
      value: { ...goodAbout, url: null, email: null },
    });
  });

  it('names every field that is wrong', () => {
    expect(errorsOf('about', {})).toEqual({
      name: 'Enter the name of the service',
      summary: 'Enter a one-line summary of the service',
      description: 'Enter what you offer, in plain words',
      status: 'Select whether the service is open to new people',
    });
    expect(
      errorsOf('about', {
        name: 'n'.repeat(201),
        summary: 's'.repeat(301),
        description: 'd'.repeat(4001),
        url: 'www.example.org',
        email: 'not an email',
        status: 'closed',
      }),
    ).toEqual({
      name: 'The name must be 200 characters or fewer',
      summary: 'The summary must be 300 characters or fewer',
      description: 'What you offer must be 4000 characters or fewer',
      url: 'Enter the website address in full, like https://www.example.org',
      email: 'Enter an email address in the correct format, like help@example.org',
      status: 'Select whether the service is open to new people',
    });
    expect(errorsOf('about', { ...goodAbout, url: `https://example.org/${'x'.repeat(500)}` }).url).toBe(
      'The website must be 500 characters or fewer',
    );
  });
});

describe('the "who it is for and what it offers" page', () => {
  it('accepts codes from the vocabulary, ages and a cost', () => {
    const checked = checkSection(
      'offer',
      parseSection('offer', {
        ...goodOffer,
        minimumAge: '12',
        maximumAge: '25',
        free: 'no',
        costNote: '£5 a session',
      }),
      today,
    );
    expect(checked).toMatchObject({
      ok: true,
      value: {
        audiences: ['parent', 'grandparent'],
        delivery: ['in_person', 'phone'],
        minimumAge: 12,
        maximumAge: 25,
        free: false,
        costNote: '£5 a session',
        programmes: [],
      },
    });
  });

  it('refuses codes not in the vocabulary, and empty lists that are needed', () => {
    expect(
      errorsOf('offer', {
        audiences: 'aliens',
        supportKinds: 'magic',
        programmes: 'made_up',
        delivery: 'pigeon',
        deliveredBy: 'robots',
        languages: 'xx',
        free: 'yes',
      }),
    ).toEqual({
      audiences: 'Select who it is for from the list',
      supportKinds: 'Select the kind of support from the list',
      programmes: 'Select the programmes from the list',
      delivery: 'Select how it is delivered from the list',
      deliveredBy: 'Select who delivers it from the list',
      languages: 'Select the languages from the list',
    });
    expect(errorsOf('offer', {})).toEqual({
      audiences: 'Select who the service is for',
      supportKinds: 'Select the kind of support you give',
      delivery: 'Select how the support is delivered',
      languages: 'Select at least one language support is given in',
      free: 'Select whether the service is free',
    });
  });

  it('checks ages, accessibility and the cost', () => {
    expect(errorsOf('offer', { ...goodOffer, minimumAge: 'ten', maximumAge: '130' })).toEqual({
      minimumAge: 'The youngest age must be a whole number, like 16',
      maximumAge: 'The oldest age must be between 0 and 120',
    });
    expect(errorsOf('offer', { ...goodOffer, minimumAge: '18', maximumAge: '12' })).toEqual({
      maximumAge: 'The oldest age must be the same as or more than the youngest age',
    });
    expect(errorsOf('offer', { ...goodOffer, accessibility: 'a'.repeat(1001), free: 'maybe' })).toEqual({
      accessibility: 'Accessibility must be 1000 characters or fewer',
      free: 'Select whether the service is free',
    });
    expect(errorsOf('offer', { ...goodOffer, free: 'no' })).toEqual({
      costNote: 'Say what it costs, or who pays',
    });
    expect(errorsOf('offer', { ...goodOffer, costNote: 'c'.repeat(501) })).toEqual({
      costNote: 'About the cost must be 500 characters or fewer',
    });
  });
});

describe('the "getting in and waits" page', () => {
  it('records a wait as of today, and no wait date without a wait', () => {
    expect(
      checkSection('access', parseSection('access', { ...goodAccess, waitWeeks: '4' }), today),
    ).toMatchObject({
      ok: true,
      value: { waitWeeks: 4, waitUpdatedOn: today, selfReferral: false, referralRoutes: ['self'] },
    });
    expect(checkSection('access', parseSection('access', goodAccess), today)).toMatchObject({
      ok: true,
      value: { waitWeeks: null, waitUpdatedOn: null },
    });
  });

  it('names every field that is wrong', () => {
    expect(errorsOf('access', {})).toEqual({
      referralRoutes: 'Select how people can get in',
      selfReferral: 'Select whether people can refer themselves from the finder',
    });
    expect(
      errorsOf('access', {
        referralRoutes: 'carrier_pigeon',
        howToGetIn: 'h'.repeat(1001),
        selfReferral: 'yes',
        capacityNote: 'c'.repeat(501),
        waitWeeks: 'three',
      }),
    ).toEqual({
      referralRoutes: 'Select how to get in from the list',
      howToGetIn: 'How to get in must be 1000 characters or fewer',
      whatHappensNext: 'Say what happens after someone refers themselves',
      capacityNote: 'Capacity must be 500 characters or fewer',
      waitWeeks: 'The wait must be a whole number of weeks, like 3',
    });
    expect(errorsOf('access', { ...goodAccess, waitWeeks: '105' })).toEqual({
      waitWeeks: 'The wait must be between 0 and 104 weeks',
    });
    expect(errorsOf('access', { ...goodAccess, waitWeeks: '-1' }).waitWeeks).toBe(
      'The wait must be a whole number of weeks, like 3',
    );
    expect(errorsOf('access', { ...goodAccess, whatHappensNext: 'w'.repeat(1001) })).toEqual({
      whatHappensNext: 'What happens next must be 1000 characters or fewer',
    });
  });
});

describe('form values for the optimistic lock', () => {
  it('round-trips a form through its values, lists joined by commas and empty fields as null', () => {
    const form: SectionForm = parseSection('offer', { ...goodOffer, accessibility: '' });
    expect(valuesOf(form).audiences).toBe('parent,grandparent');
    expect(valuesOf(form).accessibility).toBeNull();
    expect(formOfValues('offer', valuesOf(form))).toEqual(form);
  });
});
