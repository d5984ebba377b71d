// The accept page's part about who the person is: for a self-referral, the
// details to look for (the name they gave, and a date of birth and
// postcode once the worker has spoken to them), the likely matches among
// the records the user may see, and the choice of record; for a family the
// organisation cannot see yet, who they may already know.
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { dateItems } from '../plan/planPageHelpers.ts';
import type { LinkChoice, MatchCandidate } from './referralAccept.ts';
import {
  acceptMatching,
  checkMatchForm,
  type MatchForm,
  matchFormFrom,
  parseLink,
  parseMatchForm,
} from './referralMatch.ts';
import { type ReferralDetail, ReferralRepository } from './referralRepository.ts';
import type { Side } from './referralStatus.ts';

export interface AcceptContext {
  access: AccessContext;
  /** Whom to look for (a self-referral's person); none for a referral from a family. */
  candidate?: MatchCandidate;
  form?: MatchForm;
  errors: FieldErrors;
  /** The worker asked to check again with more details: show the matches, accept nothing. */
  checkOnly: boolean;
  link?: LinkChoice;
}

export const chooseLink = 'Choose who they are, or start a new family record';

/**
 * Reads the accept form's matching part (or, with no body, starts it from
 * the self-referral): the details to look for and the record chosen.
 */
export async function acceptContext(
  db: Db,
  access: AccessContext,
  row: ReferralDetail,
  side: Side,
  body?: unknown,
): Promise<AcceptContext> {
  if (row.familyId || !row.selfReferralId) return { access, errors: {}, checkOnly: false };
  const self = await new ReferralRepository(db, access).selfReferral(row, side);
  const given: MatchCandidate = { name: self?.name ?? '', dateOfBirth: null, postcode: null };
  if (body === undefined)
    return { access, candidate: given, form: matchFormFrom(given), errors: {}, checkOnly: false };
  const form = parseMatchForm(body);
  const checkOnly = field(body, 'action') === 'check';
  const checked = checkMatchForm(form, todayInUk(new Date()));
  if (!checked.ok) return { access, candidate: given, form, errors: checked.errors, checkOnly };
  if (checkOnly)
    return { access, candidate: checked.candidate, form: { ...form, link: '' }, errors: {}, checkOnly };
  const link = parseLink(form.link, checked.candidate);
  return {
    access,
    candidate: checked.candidate,
    form,
    errors: link ? {} : { link: chooseLink },
    checkOnly,
    ...(link ? { link } : {}),
  };
}

/** What the accept page shows of the matching: audited each time it is shown. */
export async function acceptView(db: Db, row: ReferralDetail, accept: AcceptContext, errors: FieldErrors) {
  const candidate = row.familyId ? undefined : accept.candidate;
  const matching = await acceptMatching(db, accept.access, row, candidate);
  if (!matching) return {};
  if (matching.kind === 'known') return { known: matching.known };
  const form = accept.form ?? matchFormFrom(matching.candidate);
  return {
    matchForm: form,
    matchDobItems: dateItems(form.matchDob, Boolean(errors.matchDob)),
    linkItems: matching.options.length
      ? [
          ...matching.options.map((o) => ({
            value: o.value,
            text: o.text,
            hint: o.hint ? { text: o.hint } : undefined,
            checked: o.value === form.link,
          })),
          { divider: 'or' },
          {
            value: 'new',
            text: 'None of these: start a new family record',
            hint: { text: 'Your organisation goes on its team' },
            checked: form.link === 'new',
          },
        ]
      : [],
  };
}
