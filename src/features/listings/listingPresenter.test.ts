import { describe, expect, it } from 'vitest';
import { conflictView, StaleEditError } from '../../platform/concurrency/optimisticLock.ts';
import { presentBanner, presentSection, presentSummary, readableConflict } from './listingPresenter.ts';
import { type ServiceRow, sectionFields } from './serviceForms.ts';

const row = {
  id: '6d1c8a5e-2b1f-4c77-9a0e-3f7f1b2c4d5e',
  name: 'Family Hub',
  summary: 'One line',
  description: 'What we do',
  url: null,
  email: null,
  status: 'active',
  audiences: ['parent', 'kinship_carer'],
  minimumAge: null,
  maximumAge: null,
  supportKinds: ['group'],
  programmes: [],
  delivery: ['in_person'],
  deliveredBy: [],
  languages: ['en'],
  accessibility: null,
  free: true,
  costNote: null,
  referralRoutes: ['self'],
  howToGetIn: null,
  selfReferral: true,
  whatHappensNext: 'We call you back',
  capacityNote: null,
  waitWeeks: 2,
  waitUpdatedOn: '2026-12-01',
} as unknown as ServiceRow;

describe('the listing presenter', () => {
  it('says how many listings need checking, and speaks of reminders when none is out of date', () => {
    expect(presentBanner({ outOfDate: 0, reminders: [] })).toBeUndefined();
    expect(presentBanner({ outOfDate: 1, reminders: [] })?.heading).toBe('1 listing needs checking');
    expect(presentBanner({ outOfDate: 3, reminders: [] })?.heading).toBe('3 listings need checking');
    const reminders = [{ id: 'r', serviceId: row.id, serviceName: 'Family Hub', sentAt: new Date() }];
    expect(presentBanner({ outOfDate: 0, reminders })?.heading).toBe(
      'Your partnership lead asked you to check a listing',
    );
  });

  it('ticks the checkboxes of the codes in the form', () => {
    const view = presentSection('offer', { audiences: 'parent,friend' });
    const ticked = view.items.audiences?.filter((i) => i.checked).map((i) => i.value);
    expect(ticked).toEqual(['parent', 'friend']);
    expect(presentSection('offer', {}, { free: 'Select whether the service is free' }).errorList).toEqual([
      { text: 'Select whether the service is free', href: '#free' },
    ]);
  });

  it('shows labels, not codes, and leaves self-referral out of the partnership lead’s read', () => {
    const offer = presentSummary(row).find((p) => p.section === 'offer');
    expect(offer?.rows.find((r) => r.key.text === 'Who it is for')?.value.text).toBe('Parent, Kinship carer');
    expect(offer?.rows.find((r) => r.key.text === 'Named programmes')?.value.text).toBe('None given');
    const lead = presentSummary(row, { forPartnership: true });
    const keys = lead.flatMap((p) => p.rows.map((r) => r.key.text));
    expect(keys).not.toContain('Referrals from the finder');
    expect(keys).not.toContain('What happens next');
    expect(lead.every((p) => p.href === undefined)).toBe(true);
    expect(presentSummary(row)[0]?.href).toBe(`/admin/listings/${row.id}/about`);
  });

  it('puts the conflict panel in plain words', () => {
    const error = new StaleEditError({ version: 3, values: { audiences: 'parent,friend', free: 'no' } });
    const conflict = readableConflict(
      'offer',
      conflictView(
        error,
        sectionFields.offer,
        { audiences: 'parent', free: 'yes' },
        { audiences: 'friend', free: 'yes' },
      ),
    );
    expect(conflict.rows.find((r) => r.name === 'audiences')).toMatchObject({
      base: 'Parent',
      theirs: 'Parent, Friend',
      yours: 'Friend',
    });
    expect(conflict.rows.find((r) => r.name === 'free')).toMatchObject({ base: 'Yes', theirs: 'No' });
  });
});
