import type { TeamView } from './teamRepository.ts';

function formatDate(iso: string | null): string {
  return iso
    ? new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })
    : '';
}

function dates(joined: string, left: string | null): string {
  return left ? `${formatDate(joined)} to ${formatDate(left)}` : `Since ${formatDate(joined)}`;
}

/** The team page: organisations and workers now and before, and the lead professional's hand-overs. */
export function presentTeam(familyId: string, team: TeamView, canChange: boolean) {
  const base = `/practice/families/${familyId}/team`;
  const organisationRow = (o: TeamView['organisations'][number]) => ({
    name: o.organisationName,
    role: o.role ?? 'Not recorded',
    contact: o.contact ?? 'Not recorded',
    dates: dates(o.joinedOn, o.leftOn),
    leave: canChange && !o.leftOn ? { href: `${base}/${o.id}/leave`, hidden: o.organisationName } : undefined,
  });
  const workerRow = (w: TeamView['workers'][number]) => ({
    name: w.name,
    organisationName: w.organisationName,
    role: w.role,
    forWhom: w.personId ? (w.personName ?? 'One member') : 'The whole family',
    contact: w.contact ?? 'Not recorded',
    dates: dates(w.joinedOn, w.leftOn),
    leave: canChange && !w.leftOn ? { href: `${base}/workers/${w.id}/leave`, hidden: w.name } : undefined,
  });
  return {
    current: team.organisations.filter((o) => !o.leftOn).map(organisationRow),
    past: team.organisations.filter((o) => o.leftOn).map(organisationRow),
    workers: team.workers.filter((w) => !w.leftOn).map(workerRow),
    pastWorkers: team.workers.filter((w) => w.leftOn).map(workerRow),
    lead: team.lead
      ? {
          name: team.lead.name,
          organisationName: team.lead.organisationName,
          since: formatDate(team.lead.startedOn),
        }
      : undefined,
    handovers: team.leadHistory.map((l) => ({
      name: l.name,
      organisationName: l.organisationName,
      dates: l.endedOn
        ? `${formatDate(l.startedOn)} to ${formatDate(l.endedOn)}`
        : `From ${formatDate(l.startedOn)}`,
      note: l.handoverNote,
      handedOverBy: l.handedOverByName,
    })),
    links: canChange
      ? {
          invite: `${base}/invite`,
          worker: `${base}/workers/new`,
          lead: `${base}/lead`,
        }
      : undefined,
  };
}

/** Radios or select items from a list, with the chosen one checked or selected. */
export function optionItems(
  options: { value: string; text: string; hint?: string }[],
  chosen: string | string[],
  kind: 'checked' | 'selected',
) {
  const chosenSet = new Set(Array.isArray(chosen) ? chosen : [chosen]);
  return options.map((o) => ({
    value: o.value,
    text: o.text,
    ...(o.hint ? { hint: { text: o.hint } } : {}),
    [kind]: chosenSet.has(o.value),
  }));
}
