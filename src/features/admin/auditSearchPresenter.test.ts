import { describe, expect, it } from 'vitest';
import { parseAuditSearch } from './auditSearchForm.ts';
import {
  actionName,
  actorName,
  paginationFor,
  presentAuditSearch,
  searchQuery,
} from './auditSearchPresenter.ts';

describe('the audit trail page', () => {
  it('names who acted', () => {
    expect(actorName({ userName: 'Morven Blair', tokenName: null })).toBe('Morven Blair');
    expect(actorName({ userName: null, tokenName: 'Case feed' })).toBe('API token Case feed');
    expect(actorName({ userName: null, tokenName: null })).toBe('Unknown');
  });

  it('puts known actions in plain words and shows others as recorded', () => {
    expect(actionName('user.deactivate')).toBe('User deactivated');
    expect(actionName('referral.send')).toBe('referral.send');
  });

  it('keeps the filters in page links, leaving out empty ones', () => {
    const search = parseAuditSearch({
      action: 'family.read',
      outcome: '',
      'from-day': '1',
      'from-month': '2',
      'from-year': '2026',
    });
    expect(searchQuery(search, 1)).toBe('?action=family.read&from-day=1&from-month=2&from-year=2026');
    expect(searchQuery(search, 3)).toContain('&page=3');
    expect(searchQuery(parseAuditSearch({}), 1)).toBe('');
  });

  it('offers the first, last and nearby pages with gaps between', () => {
    const href = (n: number) => `/p${n}`;
    expect(paginationFor(1, 1, href)).toBeUndefined();
    const middle = paginationFor(10, 20, href);
    expect(middle?.items.map((i) => ('ellipsis' in i ? '…' : i.number))).toEqual([
      1,
      '…',
      9,
      10,
      11,
      '…',
      20,
    ]);
    expect(middle?.previous).toEqual({ href: '/p9' });
    expect(middle?.next).toEqual({ href: '/p11' });
    const first = paginationFor(1, 3, href);
    expect(first?.previous).toBeUndefined();
    expect(first?.items.map((i) => ('ellipsis' in i ? '…' : i.number))).toEqual([1, 2, 3]);
  });

  it('links a date error to the first wrong box', () => {
    const search = parseAuditSearch({ 'from-day': '1', 'from-year': '2026' });
    const page = presentAuditSearch({
      search,
      systemAdmin: false,
      organisations: [],
      users: [],
      actions: [],
    });
    expect(page.errorList).toEqual([{ text: 'Date from must include a month', href: '#from-month' }]);
    expect(page.fromItems.map((i) => i.classes)).toEqual([
      'govuk-input--width-2',
      'govuk-input--width-2 govuk-input--error',
      'govuk-input--width-4',
    ]);
    expect(page.organisationItems).toBeUndefined();
  });
});
