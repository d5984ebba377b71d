import { errorList } from '../../platform/http/forms.ts';
import { type AuditSearch, auditFieldOrder, type DatePart, outcomes } from './auditSearchForm.ts';
import type { AuditEventRow } from './auditSearchRepository.ts';

export const pageSize = 50;

const outcomeNames: Record<string, string> = { success: 'Success', denied: 'Denied', failure: 'Failure' };

const actionNames: Record<string, string> = {
  sign_in: 'Sign in',
  sign_out: 'Sign out',
  password_change: 'Password change',
  'family.list': 'Family list viewed',
  'family.read': 'Family record viewed',
  'user.list': 'Users list viewed',
  'user.read': 'User viewed',
  'user.invite': 'User invited',
  'user.reinvite': 'New invitation link',
  'user.deactivate': 'User deactivated',
  'user.reactivate': 'User reactivated',
  'invitation.accept': 'Invitation accepted',
  'audit.search': 'Audit trail searched',
  'training.list': 'Team’s training viewed',
  'training.read': 'Worker’s training viewed',
  'training.record': 'Training recorded',
  'training.withdraw': 'Training record withdrawn',
};

/** An action in plain words, with its code when Hearth has no words for it yet. */
export function actionName(action: string): string {
  return actionNames[action] ?? action;
}

/** Who acted: a user, an API token, a referral's secure link, or nobody known (a failed sign-in, say). */
export function actorName(event: Pick<AuditEventRow, 'userName' | 'tokenName' | 'linkId'>): string {
  if (event.userName) return event.userName;
  if (event.tokenName) return `API token ${event.tokenName}`;
  if (event.linkId) return `Secure referral link ${event.linkId.slice(0, 8)}`;
  return 'Unknown';
}

/** The query string for this search on another page; empty fields are left out. */
export function searchQuery(search: AuditSearch, page: number): string {
  const { values } = search;
  const params = new URLSearchParams();
  const add = (name: string, value: string) => {
    if (value) params.append(name, value);
  };
  add('organisation', values.organisation);
  add('user', values.user);
  add('action', values.action);
  add('outcome', values.outcome);
  for (const prefix of ['from', 'to'] as const)
    for (const part of ['day', 'month', 'year'] as const) add(`${prefix}-${part}`, values[prefix][part]);
  add('family', values.family);
  if (page > 1) params.append('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** govukPagination's items: the first, last and nearby pages, with gaps between. */
export function paginationFor(page: number, lastPage: number, href: (page: number) => string) {
  if (lastPage <= 1) return undefined;
  const shown = [...new Set([1, page - 1, page, page + 1, lastPage])]
    .filter((n) => n >= 1 && n <= lastPage)
    .sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - (shown[i - 1] as number) > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  }
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < lastPage ? { href: href(page + 1) } : undefined,
    items,
  };
}

function dateItems(values: Record<DatePart, string>, bad: DatePart[]) {
  const width: Record<DatePart, string> = { day: '2', month: '2', year: '4' };
  return (['day', 'month', 'year'] as const).map((part) => ({
    name: part,
    value: values[part],
    classes: `govuk-input--width-${width[part]}${bad.includes(part) ? ' govuk-input--error' : ''}`,
  }));
}

function options(items: { value: string; text: string }[], selected: string, anyText: string) {
  return [{ value: '', text: anyText }, ...items].map((item) => ({
    ...item,
    selected: item.value === selected,
  }));
}

export interface AuditPageData {
  search: AuditSearch;
  systemAdmin: boolean;
  organisations: { id: string; name: string }[];
  users: { id: string; displayName: string }[];
  actions: string[];
  result?: { events: AuditEventRow[]; total: number; capped: boolean };
}

export function presentAuditSearch(data: AuditPageData) {
  const { search, result } = data;
  const { values } = search;
  const lastPage = result ? Math.max(1, Math.ceil(result.total / pageSize)) : 1;
  const firstBad = (prefix: 'from' | 'to') => `#${prefix}-${search.badDateParts[prefix][0] ?? 'day'}`;
  return {
    values,
    errors: search.errors,
    // A date's error links to its first wrong box rather than to the fieldset.
    errorList: errorList(search.errors, auditFieldOrder).map((item) =>
      item.href === '#from' || item.href === '#to'
        ? { ...item, href: firstBad(item.href.slice(1) as 'from' | 'to') }
        : item,
    ),
    organisationItems: data.systemAdmin
      ? options(
          data.organisations.map((o) => ({ value: o.id, text: o.name })),
          values.organisation,
          'All organisations',
        )
      : undefined,
    userItems: options(
      data.users.map((u) => ({ value: u.id, text: u.displayName })),
      values.user,
      'Anyone',
    ),
    actionItems: options(
      data.actions.map((a) => ({ value: a, text: actionName(a) })),
      values.action,
      'Any action',
    ),
    outcomeItems: options(
      outcomes.map((o) => ({ value: o, text: outcomeNames[o] as string })),
      values.outcome,
      'Any outcome',
    ),
    fromItems: dateItems(values.from, search.badDateParts.from),
    toItems: dateItems(values.to, search.badDateParts.to),
    result: result && {
      total: result.total,
      capped: result.capped,
      firstShown: (search.page - 1) * pageSize + 1,
      lastShown: (search.page - 1) * pageSize + result.events.length,
      events: result.events.map((event) => ({
        at: event.at,
        who: actorName(event),
        action: actionName(event.action),
        outcome: outcomeNames[event.outcome] ?? event.outcome,
        record: [event.recordType, event.recordId].filter(Boolean).join(' '),
        familyId: event.familyId ?? '',
        ip: event.ip ?? '',
        reason: event.reason ?? '',
      })),
      pagination: paginationFor(search.page, lastPage, (n) => `/admin/audit${searchQuery(search, n)}`),
    },
  };
}
