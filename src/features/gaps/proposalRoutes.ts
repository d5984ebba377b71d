import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type GapKind, type GapProposalStatus, gapKinds, gapProposalStatuses } from '../../db/schemaAudit.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import {
  conflictView,
  editToken,
  readEditToken,
  StaleEditError,
} from '../../platform/concurrency/optimisticLock.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import { checkRequestFilters } from '../audit/auditOutputRequest.ts';
import type { AuditResults } from '../audit/auditResults.ts';
import { parseDateParts, todayInUk } from '../chronology/dateParts.ts';
import { partnershipRecordChanges } from '../partnership/partnershipHistory.ts';
import { dateItems, idParam, planErrorList } from '../plan/planPageHelpers.ts';
import { proposalTitleFor } from './gapList.ts';
import { findGaps } from './gapQuery.ts';
import {
  checkProposalForm,
  gapKindNames,
  gapOf,
  outsideOwner,
  type ProposalForm,
  parseProposalForm,
  proposalFieldLabels,
  proposalFieldOrder,
  proposalFieldValues,
  proposalFormOf,
  proposalStatusNames,
} from './proposalForm.ts';
import { presentProposal, presentProposalHistory, proposalValueText } from './proposalPresenter.ts';
import { ProposalRepository } from './proposalRepository.ts';

const lead = { preHandler: requireRole('partnership_lead') };
const pages = 'features/gaps/pages';

/** What the form shows: the owner and status choices, and the date's boxes. */
async function formContext(
  repository: ProposalRepository,
  form: ProposalForm,
  options: {
    errors?: FieldErrors;
    proposalId?: string;
    gapSubject?: string;
    gapFindings?: unknown;
    edit?: unknown;
    conflict?: unknown;
  },
) {
  const errors = options.errors ?? {};
  const owners = await repository.ownerChoices();
  const localities = await repository.localities();
  return {
    form,
    errors,
    errorList: planErrorList(errors, proposalFieldOrder, ['dueOn']),
    action: options.proposalId
      ? `/partnership/proposals/${options.proposalId}/edit`
      : '/partnership/proposals/new',
    proposalId: options.proposalId,
    gapSubject: options.gapSubject,
    gapFindings: options.gapFindings,
    gapKindName: gapKindNames[(form.gapKind || 'other') as GapKind] ?? gapKindNames.other,
    ownerItems: [
      { value: '', text: 'Choose who', selected: !form.owner },
      ...owners.map((o) => ({
        value: `user:${o.id}`,
        text: o.name,
        selected: form.owner === `user:${o.id}`,
      })),
      {
        value: outsideOwner,
        text: 'A body or person outside Hearth (name them below)',
        selected: form.owner === outsideOwner,
      },
    ],
    statusItems: gapProposalStatuses.map((s) => ({
      value: s,
      text: proposalStatusNames[s],
      checked: s === form.status,
    })),
    localityItems: [
      { value: '', text: 'Not one locality', selected: !form.localityId },
      ...localities.map((l) => ({ value: l.id, text: l.name, selected: l.id === form.localityId })),
    ],
    dueItems: dateItems(form.dueOn, Boolean(errors.dueOn)),
    edit: options.edit,
    conflict: options.conflict,
  };
}

/** What was typed, as the conflict comparison holds it (a real date as ISO). */
function typedValues(form: ProposalForm): Record<string, string | null> {
  const due = parseDateParts(form.dueOn, 'Due', { dayOptional: false });
  return {
    title: form.title || null,
    proposal: form.proposal || null,
    owner: form.owner || null,
    ownerName: form.owner === outsideOwner ? form.ownerName || null : null,
    dueOn: due.kind === 'date' ? due.iso : null,
    status: form.status || null,
    progressNote: form.progressNote || null,
  };
}

/** The proposals a partnership tracks: the list with filters, recording one from a gap, its page and changes. */
export function proposalRoutes(app: FastifyInstance, db: Db, threshold: number, results: AuditResults): void {
  app.get('/partnership/proposals', lead, async (request, reply) => {
    const repository = new ProposalRepository(db, request.access);
    const query = (request.query ?? {}) as Record<string, string>;
    const localities = await repository.localities();
    const status =
      query.status === 'open' || (gapProposalStatuses as readonly string[]).includes(query.status ?? '')
        ? (query.status as GapProposalStatus | 'open')
        : undefined;
    const gapKind = (gapKinds as readonly string[]).includes(query.kind ?? '')
      ? (query.kind as GapKind)
      : undefined;
    const localityId = localities.some((l) => l.id === query.locality) ? query.locality : undefined;
    const rows = await repository.list({ status, gapKind, localityId });
    return reply.page(`${pages}/proposals.njk`, {
      proposals: rows.map((r) => presentProposal(r, todayInUk(new Date()))),
      statusItems: [
        { value: '', text: 'Any status', selected: !status },
        { value: 'open', text: 'Still open (proposed, agreed or in progress)', selected: status === 'open' },
        ...gapProposalStatuses.map((s) => ({
          value: s,
          text: proposalStatusNames[s],
          selected: s === status,
        })),
      ],
      kindItems: [
        { value: '', text: 'Any kind of gap', selected: !gapKind },
        ...gapKinds.map((k) => ({ value: k, text: gapKindNames[k], selected: k === gapKind })),
      ],
      localityItems: [
        { value: '', text: 'Any locality', selected: !localityId },
        ...localities.map((l) => ({ value: l.id, text: l.name, selected: l.id === localityId })),
      ],
      filtered: Boolean(status || gapKind || localityId),
      added: query.added === '1',
    });
  });

  app.get('/partnership/proposals/new', lead, async (request, reply) => {
    const repository = new ProposalRepository(db, request.access);
    const query = (request.query ?? {}) as Record<string, string>;
    const blank = parseProposalForm({});
    if (!query.gap) return reply.page(`${pages}/proposalForm.njk`, await formContext(repository, blank, {}));
    // The gap as the gap page found it, for the same filters; filters that do not read find no gap.
    const checked = await checkRequestFilters(db, request);
    if (!checked.ok) throw new NotFoundError();
    const { gaps } = await findGaps(db, request.access, checked.filters, threshold, results);
    const gap = gaps.find((g) => g.key === query.gap);
    if (!gap) throw new NotFoundError();
    const form = {
      ...blank,
      title: proposalTitleFor(gap),
      gapKind: gap.kind,
      gapKey: gap.key,
      localityId: gap.localityId ?? '',
    };
    return reply.page(
      `${pages}/proposalForm.njk`,
      await formContext(repository, form, { gapSubject: gap.subject, gapFindings: gap.findings }),
    );
  });

  app.post('/partnership/proposals/new', lead, async (request, reply) => {
    const repository = new ProposalRepository(db, request.access);
    const form = parseProposalForm(request.body);
    const gapSubject = field(request.body, 'gapSubject').slice(0, 300) || undefined;
    const owners = await repository.ownerChoices();
    const checked = checkProposalForm(
      form,
      owners.map((o) => o.id),
    );
    if (!checked.ok)
      return reply
        .code(400)
        .page(
          `${pages}/proposalForm.njk`,
          await formContext(repository, form, { errors: checked.errors, gapSubject }),
        );
    const localities = await repository.localities();
    const created = await repository.add({
      ...checked.value,
      ...gapOf(
        form,
        localities.map((l) => l.id),
      ),
    });
    return reply.redirect(`/partnership/proposals/${created.id}?added=1`, 303);
  });

  app.get('/partnership/proposals/:proposalId', lead, async (request, reply) => {
    const id = idParam(request.params, 'proposalId');
    const repository = new ProposalRepository(db, request.access);
    const proposal = await repository.get(id);
    if (!proposal) throw new NotFoundError();
    const owners = await repository.ownerChoices();
    const query = (request.query ?? {}) as Record<string, string>;
    return reply.page(`${pages}/proposal.njk`, {
      proposal: presentProposal(proposal, todayInUk(new Date())),
      added: query.added === '1',
      changed: query.changed === '1',
      changes: presentProposalHistory(
        await partnershipRecordChanges(db, request.access, 'gap_proposal', id),
        owners,
      ),
      changesTitle: 'History of this proposal',
    });
  });

  app.get('/partnership/proposals/:proposalId/edit', lead, async (request, reply) => {
    const id = idParam(request.params, 'proposalId');
    const repository = new ProposalRepository(db, request.access);
    const proposal = await repository.get(id);
    if (!proposal) throw new NotFoundError();
    const values = proposalFieldValues(proposal);
    const form = proposalFormOf(values, {
      gapKind: proposal.gapKind,
      gapKey: proposal.gapKey ?? '',
      localityId: proposal.localityId ?? '',
    });
    return reply.page(
      `${pages}/proposalForm.njk`,
      await formContext(repository, form, { proposalId: id, edit: editToken(proposal.version, values) }),
    );
  });

  app.post('/partnership/proposals/:proposalId/edit', lead, async (request, reply) => {
    const id = idParam(request.params, 'proposalId');
    const repository = new ProposalRepository(db, request.access);
    const proposal = await repository.get(id);
    if (!proposal) throw new NotFoundError();
    const token = readEditToken(request.body);
    if (!token) throw new NotFoundError();
    const gap = {
      gapKind: proposal.gapKind,
      gapKey: proposal.gapKey ?? '',
      localityId: proposal.localityId ?? '',
    };
    const form = { ...parseProposalForm(request.body), ...gap };
    const owners = await repository.ownerChoices();
    const checked = checkProposalForm(
      form,
      owners.map((o) => o.id),
    );
    const edit = { version: token.version, base: JSON.stringify(token.base) };
    if (!checked.ok)
      return reply
        .code(400)
        .page(
          `${pages}/proposalForm.njk`,
          await formContext(repository, form, { errors: checked.errors, proposalId: id, edit }),
        );
    try {
      if (!(await repository.update(id, checked.value, token))) throw new NotFoundError();
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      const conflict = conflictView(error, proposalFieldLabels, token.base, typedValues(form), {
        discardHref: `/partnership/proposals/${id}/edit`,
      });
      conflict.rows = conflict.rows.map((row) => ({
        ...row,
        base: proposalValueText(row.name, row.base, owners),
        theirs: proposalValueText(row.name, row.theirs, owners),
        yours: proposalValueText(row.name, row.yours, owners),
      }));
      return reply.code(409).page(
        `${pages}/proposalForm.njk`,
        await formContext(repository, proposalFormOf(conflict.formValues, gap), {
          proposalId: id,
          edit: conflict.edit,
          conflict,
        }),
      );
    }
    return reply.redirect(`/partnership/proposals/${id}?changed=1`, 303);
  });
}
