// A move through the API: the move form's checks and applyMove, the same as
// the referral's page, with each way it can fail as an RFC 9457 problem.
import type { Db } from '../../db/client.ts';
import { type ReferralStatus, referralStatuses } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { type Problem, problem } from '../../platform/http/problems.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { partsOfIso } from '../plan/planForms.ts';
import type { MoveBody } from './referralApiSchemas.ts';
import { checkMoveForm } from './referralForm.ts';
import { applyMove } from './referralMoves.ts';
import { ReferralRepository } from './referralRepository.ts';
import { type CurrentState, conflictMessage } from './referralService.ts';
import { canMove, type Side, statusLabels } from './referralStatus.ts';

const sideWords: Record<Side, string> = {
  receiver: 'the receiving service',
  referrer: 'the organisation that made the referral',
};

/** Whether a side ever makes this move, from any status. */
function sideMakes(to: ReferralStatus, side: Side): boolean {
  return referralStatuses.some((from) => canMove(from, to, side));
}

function conflict(detail: string, current: CurrentState): Problem {
  return {
    ...problem(409, detail),
    currentVersion: current.version,
    current: { reference: current.reference, status: current.status, changedBy: current.changedBy },
  } as Problem;
}

/** Makes the move, or says why not: 404 neither side's, 403 the other side's move, 422 a rule, 409 a conflict. */
export async function moveProblem(
  db: Db,
  mailer: Mailer,
  access: AccessContext,
  referralId: string,
  body: MoveBody,
): Promise<{ problem?: Problem }> {
  const to = body.to;
  const found = await new ReferralRepository(db, access).get(referralId, { audit: false });
  if (!found)
    return {
      problem: problem(404, 'There is no referral with this id that your organisation made or received.'),
    };
  const { row, side } = found;
  if (!sideMakes(to, side)) {
    await recordAudit(db, access, {
      action: `referral.${to}`,
      outcome: 'denied',
      recordType: 'referral',
      recordId: row.id,
      detail: { side },
    });
    const other: Side = side === 'receiver' ? 'referrer' : 'receiver';
    return {
      problem: problem(
        403,
        `Only ${sideWords[other]} can move a referral to ${statusLabels[to].toLowerCase()}.`,
      ),
    };
  }
  const today = todayInUk(new Date());
  const checked = checkMoveForm(
    {
      version: String(body.version),
      reason: body.reason?.trim() ?? '',
      suggestion: body.suggestion?.trim() ?? '',
      serviceId: body.serviceId ?? '',
      firstSupportOn: partsOfIso(body.firstSupportOn),
      note: body.note?.trim() ?? '',
    },
    to,
    {
      today,
      receivedOn: row.receivedOn ?? todayInUk(row.createdAt),
      // Any other service: applyMove then checks it is in the directory and active.
      serviceIds: body.serviceId && body.serviceId !== row.serviceId ? [body.serviceId] : [],
    },
  );
  const fieldErrors = (errors: Record<string, string>) =>
    problem(422, 'The referral was not moved: see errors.', {
      errors: Object.entries(errors).map(([name, detail]) => ({ pointer: `#/${name}`, detail })),
    });
  if (!checked.ok) return { problem: fieldErrors(checked.errors) };
  const result = await applyMove(db, access, row.id, to, side, checked.value, mailer);
  if (result.kind === 'moved') {
    mailer.nudge();
    return {};
  }
  if (result.kind === 'not_found')
    return {
      problem: problem(404, 'There is no referral with this id that your organisation made or received.'),
    };
  if (result.kind === 'invalid') return { problem: fieldErrors(result.errors) };
  if (result.kind === 'conflict')
    return { problem: conflict(conflictMessage(result.current), result.current) };
  // At the version the client read, but this move is not open from its status.
  return {
    problem: conflict(
      `This referral is ${statusLabels[result.status]}: your organisation cannot make this change to it now.`,
      { reference: row.reference, status: result.status, version: row.version, changedBy: null },
    ),
  };
}
