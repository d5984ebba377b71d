/**
 * Marking a record as "recorded in error", shared by the records that allow it
 * (team meetings, contacts, group sessions). Nothing is deleted: the record is
 * stamped with when, by whom and why, and its version goes up, so a page
 * opened before someone else changed it is refused (409) rather than marking
 * a record its user has not seen.
 *
 * - `checkInErrorReason` checks the reason field a feature's form parser calls;
 * - `postInError` is the confirm page's POST: check the reason (400 with the
 *   message by the field), mark it (409 on a stale version), redirect;
 * - the write itself, `markRecordInError` (the version-checked update, its
 *   `record_change` history and its audit event), is beside the history in
 *   src/features/families/recordInError.ts.
 *
 * Each feature keeps its own loading and access rule, pages, routes and
 * chronology entry; only the steps that are the same for all of them are here.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../http/errors.ts';
import { field } from '../http/forms.ts';
import { editToken, readEditToken, StaleEditError } from './optimisticLock.ts';

/** The longest reason for marking a record recorded in error. */
export const maxInErrorReason = 500;

export type InErrorCheck = { ok: true; reason: string } | { ok: false; error: string };

/** Checks the posted `reason`; `noun` names the record in the message ("Enter why this meeting was recorded in error"). */
export function checkInErrorReason(body: unknown, noun: string): InErrorCheck {
  const reason = field(body, 'reason');
  if (!reason) return { ok: false, error: `Enter why this ${noun} was recorded in error` };
  if (reason.length > maxInErrorReason)
    return { ok: false, error: `The reason must be ${maxInErrorReason} characters or fewer` };
  return { ok: true, reason };
}

/** The confirm page's form before anything is typed, for a record at `version`. */
export function inErrorForm(version: number) {
  return { edit: editToken(version, {}), reason: '', errors: {}, errorList: [] };
}

export interface InErrorPost {
  template: string;
  /** The feature's page values (the record, its links) with the form's values spread over them. */
  context: (form: Record<string, unknown>) => Record<string, unknown>;
  /** The record's version as loaded for this request: the page shown after a conflict confirms against it. */
  version: number;
  /** Names the record in the conflict message: "Someone changed this meeting after…". */
  noun: string;
  check: (body: unknown) => InErrorCheck;
  /** Marks it; undefined when not found or not allowed (404); throws StaleEditError when changed since. */
  mark: (version: number, reason: string) => Promise<unknown>;
  /** The record's page, where the user goes back to with `?saved=in-error`. */
  href: string;
}

/** Handles the POST of a "mark as recorded in error" page. */
export async function postInError(request: FastifyRequest, reply: FastifyReply, p: InErrorPost) {
  const token = readEditToken(request.body);
  if (!token) throw new NotFoundError();
  const checked = p.check(request.body);
  if (!checked.ok)
    return reply.code(400).page(
      p.template,
      p.context({
        ...inErrorForm(token.version),
        reason: String((request.body as Record<string, unknown>).reason ?? ''),
        errors: { reason: checked.error },
        errorList: [{ text: checked.error, href: '#reason' }],
      }),
    );
  try {
    const marked = await p.mark(token.version, checked.reason);
    if (!marked) throw new NotFoundError();
  } catch (error) {
    if (!(error instanceof StaleEditError)) throw error;
    return reply.code(409).page(
      p.template,
      p.context({
        ...inErrorForm(p.version),
        reason: checked.reason,
        changedSince: true,
        errorList: [
          {
            text: `Someone changed this ${p.noun} after you opened this page: check it, then confirm again`,
            href: '#reason',
          },
        ],
      }),
    );
  }
  return reply.redirect(`${p.href}?saved=in-error`, 303);
}
