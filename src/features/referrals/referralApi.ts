// Referrals for API clients, so a service's own system can refer in and
// follow each referral: the same rules, access, history, audit and
// notifications as the pages, through the same functions.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import { referralStatuses } from '../../db/schema.ts';
import { type AccessContext, canSeePersonalData } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import {
  authProblems,
  badRequestProblem,
  conflictProblemResponse,
  notFoundProblem,
} from '../api/apiSchemas.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { bodyErrors, formOfBody, referralOfKey } from './referralApiCreate.ts';
import { moveProblem } from './referralApiMoves.ts';
import { presentReferral, presentReferralSummary, referralEtag } from './referralApiPresenter.ts';
import {
  CreatedReferralSchema,
  defaultReferralPageSize,
  forbiddenProblem,
  IdempotencyHeaders,
  MoveSchema,
  NewReferralSchema,
  ReferralListQuery,
  ReferralListSchema,
  ReferralParams,
  ReferralSchema,
  referralRulesProblem,
} from './referralApiSchemas.ts';
import { createReferral, familyForReferral, openConcerns } from './referralCreate.ts';
import { criteriaWarnings, serviceById, serviceRefusal } from './referralDirectory.ts';
import { checkReferralForm } from './referralForm.ts';
import { ReferralRepository } from './referralRepository.ts';

const notFound = 'There is no referral with this id that your organisation made or received.';
const etagHeader = { type: 'string', description: 'The referral’s version, as W/"3".' };

function unprocessable(reply: FastifyReply, detail: string, errors: { pointer: string; detail: string }[]) {
  return sendProblem(reply, problem(422, detail, { errors }));
}

/** One referral as the token's side sees it, or undefined (audited as denied) when it is neither side's. */
export async function referralBody(db: Db, access: AccessContext, id: string, audit: boolean) {
  const referrals = new ReferralRepository(db, access);
  const found = await referrals.get(id, { audit });
  if (!found) return undefined;
  const { row, side } = found;
  const parts = {
    row,
    side,
    members: await referrals.members(row, side),
    events: await referrals.events(row.id),
    self: await referrals.selfReferral(row, side),
  };
  return presentReferral(parts, todayInUk(new Date()));
}

export const referralApi: FastifyPluginAsyncTypebox<{ db: Db; mailer: Mailer }> = async (
  app,
  { db, mailer },
) => {
  const tags = ['Referrals'];
  const errors = { ...badRequestProblem, ...authProblems, ...forbiddenProblem, ...notFoundProblem };

  // A token acts as practitioners or a team lead; one with neither role has no business with referrals.
  app.addHook('onRequest', async (request, reply) => {
    if (canSeePersonalData(request.access)) return;
    await recordAudit(db, request.access, {
      action: 'referral.api',
      outcome: 'denied',
      recordType: 'api_token',
      recordId: request.access.tokenId,
    });
    return sendProblem(
      reply,
      problem(
        403,
        'This API token may not work with referrals: it needs the practitioner or team lead role.',
      ),
    );
  });

  app.get(
    '/referrals',
    {
      schema: {
        tags,
        summary: 'The referrals your organisation made, or received, a page at a time',
        description:
          'Poll with `changedSince` to follow what changed. No personal data: open a referral for that.',
        querystring: ReferralListQuery,
        response: { 200: ReferralListSchema, ...errors },
      },
    },
    async (request) => {
      const { side, limit = defaultReferralPageSize, offset = 0 } = request.query;
      const statuses = (request.query.status?.split(',') ?? []).filter(
        (s): s is (typeof referralStatuses)[number] => (referralStatuses as readonly string[]).includes(s),
      );
      const changedSince = request.query.changedSince ? new Date(request.query.changedSince) : undefined;
      const page = await new ReferralRepository(db, request.access).page({
        side,
        statuses: [...new Set(statuses)],
        ...(request.query.serviceId ? { serviceId: request.query.serviceId } : {}),
        ...(changedSince ? { changedSince } : {}),
        limit,
        offset,
      });
      await recordAudit(db, request.access, {
        action: side === 'received' ? 'referral.inbox' : 'referral.made',
        recordType: 'organisation',
        recordId: request.access.organisationId,
        detail: { statuses, shown: page.rows.length },
      });
      const today = todayInUk(new Date());
      return {
        total: page.total,
        limit,
        offset,
        referrals: page.rows.map((row) => presentReferralSummary(row, today)),
      };
    },
  );

  app.get(
    '/referrals/:referralId',
    {
      schema: {
        tags,
        summary: 'One referral: its status, wait, history and the moves open to your side',
        description:
          'The ETag is the referral’s version (W/"3"): send it as If-None-Match to get 304 when nothing changed, and send the version with a move. Days waiting count on each day without a new version.',
        params: ReferralParams,
        response: {
          200: { ...ReferralSchema, headers: { etag: etagHeader } },
          304: { type: 'null', description: 'Not changed since the ETag you sent.' },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const body = await referralBody(db, request.access, request.params.referralId, true);
      if (!body) return sendProblem(reply, problem(404, notFound));
      const etag = referralEtag(body.version);
      reply.header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return body;
    },
  );

  app.post(
    '/referrals',
    {
      schema: {
        tags,
        summary: 'Refer members of a family to a service in the directory',
        description: [
          'The same rules as the referral form: members of a family this token may see, a reason, and consent (who agreed, how, when) or, without consent, an open protection concern recorded for the family. The service must be in the directory and active.',
          '',
          'Send an `Idempotency-Key` and send it again when you retry: the first call answers 201 with the referral; a repeat with the same body answers 200 with the same referral (and `Idempotent-Replayed: true`), never a second referral. The same key with a different body is refused with 422.',
          '',
          '`warnings` says when a member seems outside the service’s ages or the people it is for: the referral is still made.',
        ].join('\n'),
        headers: IdempotencyHeaders,
        body: NewReferralSchema,
        response: {
          200: {
            ...CreatedReferralSchema,
            description: 'A repeat: the referral the key made before.',
            headers: {
              etag: etagHeader,
              'idempotent-replayed': {
                type: 'string',
                enum: ['true'],
                description: 'This answers a repeat.',
              },
            },
          },
          201: {
            ...CreatedReferralSchema,
            description: 'The referral, made and sent.',
            headers: {
              etag: etagHeader,
              location: { type: 'string', description: 'The referral’s address: /api/v1/referrals/{id}' },
            },
          },
          ...errors,
          ...referralRulesProblem,
        },
      },
    },
    async (request, reply) => {
      const { access } = request;
      const body = request.body;
      const key = request.headers['idempotency-key'];
      const family = await familyForReferral(db, access, body.familyId);
      if (!family) {
        await recordAudit(db, access, {
          action: 'referral.create',
          outcome: 'denied',
          recordType: 'family',
          recordId: body.familyId,
        });
        return sendProblem(reply, problem(404, 'There is no family with this id that you may see.'));
      }
      const answer = async (id: string, repeated: boolean) => {
        const referral = await referralBody(db, access, id, false);
        if (!referral) return sendProblem(reply, problem(404, notFound));
        const service = await serviceById(db, referral.service.id);
        const chosen = family.members.filter((m) => body.memberIds.includes(m.personId));
        const warnings = service ? criteriaWarnings(service, chosen, todayInUk(new Date())) : [];
        reply.header('etag', referralEtag(referral.version));
        if (repeated)
          return reply
            .code(200)
            .header('idempotent-replayed', 'true')
            .send({ ...referral, warnings });
        return reply
          .code(201)
          .header('location', `/api/v1/referrals/${referral.id}`)
          .send({ ...referral, warnings });
      };
      const keyReused = (reference: string) =>
        unprocessable(reply, 'This Idempotency-Key was used for a different referral.', [
          {
            pointer: '#/headers/idempotency-key',
            detail: `Already used for referral ${reference}, with a different body: use a new key for a new referral`,
          },
        ]);
      const earlier = await referralOfKey(db, access.organisationId as string, key, body);
      if (earlier) return earlier.same ? answer(earlier.id, true) : keyReused(earlier.reference);

      const refusal = serviceRefusal(await serviceById(db, body.serviceId));
      if (refusal) return unprocessable(reply, refusal, [{ pointer: '#/serviceId', detail: refusal }]);
      if (body.consent && body.protectionConcernId)
        return unprocessable(reply, 'The referral was not made: see errors.', [
          {
            pointer: '#/protectionConcernId',
            detail: 'Give consent or a protection concern, not both',
          },
        ]);
      const form = formOfBody(body, key);
      const concerns = await openConcerns(db, access, family.id);
      const checked = checkReferralForm(form, {
        memberIds: family.members.map((m) => m.personId),
        concernIds: concerns.map((c) => c.id),
        today: todayInUk(new Date()),
      });
      if (!checked.ok)
        return unprocessable(
          reply,
          'The referral was not made: see errors.',
          bodyErrors(checked.errors, form),
        );
      const outcome = await createReferral(db, access, family.id, body.serviceId, checked.value, mailer);
      mailer.nudge();
      if (outcome.kind === 'not_found')
        return sendProblem(reply, problem(404, 'There is no family with this id that you may see.'));
      if (outcome.kind === 'invalid')
        return unprocessable(
          reply,
          'The referral was not made: see errors.',
          bodyErrors(outcome.errors, form),
        );
      if (!outcome.repeated) return answer(outcome.id, false);
      // Another call with the same key won the race: the same rule as a later repeat.
      const raced = await referralOfKey(db, access.organisationId as string, key, body);
      return raced?.same ? answer(outcome.id, true) : keyReused(outcome.reference);
    },
  );

  app.post(
    '/referrals/:referralId/moves',
    {
      schema: {
        tags,
        summary: 'Move a referral on: accept, decline, pass on, support started, close, withdraw',
        description: [
          'The receiving side puts it on the waiting list (`waiting`), accepts it (`accepted`: your organisation joins the family’s team), declines it (`declined`, with a `reason`, and a `suggestion` where to go instead), passes it on (`redirected`, with a `reason` and the `serviceId` to pass it to), records that support started (`started`, with `firstSupportOn`) and closes it (`closed`). The referring side withdraws it (`withdrawn`).',
          '',
          'Send the `version` you read. If someone else changed the referral since, nothing is changed: 409 says what it is now (`current.status`, `current.changedBy`) and its `currentVersion`.',
        ].join('\n'),
        params: ReferralParams,
        body: MoveSchema,
        response: {
          200: { ...ReferralSchema, headers: { etag: etagHeader } },
          ...errors,
          ...conflictProblemResponse,
          ...referralRulesProblem,
        },
      },
    },
    async (request, reply) => {
      const outcome = await moveProblem(db, mailer, request.access, request.params.referralId, request.body);
      if (outcome.problem) return sendProblem(reply, outcome.problem);
      const body = await referralBody(db, request.access, request.params.referralId, false);
      if (!body) return sendProblem(reply, problem(404, notFound));
      return reply.header('etag', referralEtag(body.version)).send(body);
    },
  );
};
