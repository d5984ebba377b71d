// Answering a referral through its secure link: accept, decline with a
// reason, or say when support started. One transaction uses the link up and
// makes the move through the kernel (status rules, version check, history,
// audit with the link as actor, notifications and emails); accepting also
// sends a fresh link for saying when support started. When two answers race,
// the first to use the link up wins; the other is refused and audited.
// Accepting through a link does not put the organisation on the family's
// team: it has nobody in Hearth to work the record.
import type { Db } from '../../db/client.ts';
import type { ReferralStatus } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { consumeLink, type FoundLink, issueLink, linkAnswers, type ReferralMail } from './referralLinks.ts';
import { type CurrentState, type MoveFields, type MoveResult, moveReferral } from './referralService.ts';

export interface LinkAnswerInput {
  version: number;
  reason: string | null;
  suggestion: string | null;
  firstSupportOn: string | null;
  note: string | null;
}

export type LinkAnswerResult =
  | { kind: 'answered'; reference: string; followUpTo: string | null }
  /** The link was used, revoked or expired before this answer. */
  | { kind: 'gone' }
  | { kind: 'conflict'; current: CurrentState }
  | { kind: 'refused' };

class Undo extends Error {
  constructor(readonly result: MoveResult) {
    super(result.kind);
  }
}

function fieldsFor(to: ReferralStatus, input: LinkAnswerInput): MoveFields {
  if (to === 'declined')
    return { declineReason: input.reason ?? '', suggestion: input.suggestion, note: input.reason };
  if (to === 'started') return { firstSupportOn: input.firstSupportOn ?? undefined, note: input.note };
  return { note: input.note };
}

/** Answers the referral through the link, all or nothing; a refusal is audited after the rollback. */
export async function answerByLink(
  db: Db,
  mail: ReferralMail,
  link: FoundLink,
  access: AccessContext,
  to: ReferralStatus,
  input: LinkAnswerInput,
  now: Date = new Date(),
): Promise<LinkAnswerResult> {
  let result: LinkAnswerResult;
  try {
    result = await db.transaction(async (tx): Promise<LinkAnswerResult> => {
      if (!linkAnswers[link.purpose].includes(to)) return { kind: 'refused' };
      if (!(await consumeLink(tx, link.id, to, now))) return { kind: 'gone' };
      const moved = await moveReferral(
        tx,
        access,
        {
          referralId: link.referralId,
          version: input.version,
          to,
          side: 'receiver',
          fields: fieldsFor(to, input),
        },
        mail,
      );
      if (moved.kind !== 'moved') throw new Undo(moved);
      const followUp =
        to === 'accepted' ? await issueLink(tx, access, mail, link.referralId, 'started', now) : undefined;
      return { kind: 'answered', reference: moved.reference, followUpTo: followUp?.sentTo ?? null };
    });
  } catch (error) {
    if (!(error instanceof Undo)) throw error;
    const moved = error.result;
    result = moved.kind === 'conflict' ? { kind: 'conflict', current: moved.current } : { kind: 'refused' };
  }
  if (result.kind !== 'answered')
    await recordAudit(db, access, {
      action: `referral.${to}`,
      outcome: 'denied',
      recordType: 'referral',
      recordId: link.referralId,
      detail: { linkId: link.id, why: result.kind },
    });
  return result;
}
