// The family overview's body, written in TypeScript: the most viewed page of the
// practice record, where the template's macro calls and loops cost more than
// reading the family (bench/RESULTS.md). familyOverview.njk is the frame around it.
import { govukButtonLink, govukNotificationBanner, govukTag } from '../../platform/views/govukMarkup.ts';
import { type Html, html } from '../../platform/views/html.ts';
import { formatDate } from '../../platform/views/views.ts';
import { familyMapFigure, relationshipListMarkup } from '../relationships/familyMapMarkup.ts';
import type { presentFamilyOverview } from './familyOverviewPresenter.ts';

export type FamilyOverviewView = ReturnType<typeof presentFamilyOverview>;
type MemberView = FamilyOverviewView['members'][number];

function breakGlassBanner(view: FamilyOverviewView): Html | '' {
  if (!view.breakGlass) return '';
  return govukNotificationBanner(
    'Emergency access',
    `You are viewing this family under emergency access until ${view.breakGlass.until}. Everything you open is recorded and your organisation’s lead has been told.`,
    'hearth-break-glass-banner',
  );
}

function sections(view: FamilyOverviewView): Html {
  const { links } = view;
  const items: [string, string][] = [
    ['#members', 'Members'],
    [links.relationships, 'Relationships'],
    [links.map, 'Family map'],
    [links.consent, 'Consent'],
    [links.team, 'Team around the family'],
    [links.chronology, 'Chronology'],
    [links.relationshipHistory, 'History of relationships'],
    [links.assessment, 'Assessment'],
    [links.plan, 'Family plan'],
    [links.meetings, 'Team meetings'],
    [links.groups, 'Groups attended'],
    [links.programmes, 'Programmes'],
    [links.contacts, 'Contacts'],
  ];
  return html`<nav class="hearth-family-sections" aria-label="Family record">
<ul class="govuk-list hearth-family-sections__list">
${items.map(
  ([href, text]) => html`<li><a class="govuk-link" href="${href}">${text}</a></li>
`,
)}</ul>
</nav>
`;
}

function memberCard(m: MemberView): Html {
  const support = m.support.length
    ? html`<ul class="govuk-list govuk-body-s govuk-!-margin-bottom-2">
${m.support.map(
  (s) =>
    html`<li>${s.text}${s.worker ? html` (worker: ${s.worker})` : ''}${s.confidential ? html` ${govukTag('Confidential', 'govuk-tag--grey')}` : ''}</li>
`,
)}</ul>
`
    : html`<p class="govuk-body-s govuk-!-margin-bottom-2">No support you can see</p>
`;
  const programmes = m.programmes.length
    ? html`<ul class="govuk-list govuk-body-s govuk-!-margin-bottom-1">
${m.programmes.map((p) => html`<li><a class="govuk-link" href="${p.href}">${p.text}</a></li>`)}
</ul>
`
    : '';
  const flags = m.flags.length
    ? html`<ul class="govuk-list hearth-flags govuk-!-margin-bottom-0" aria-label="Take care">
${m.flags.map((f) => html`<li>${govukTag(f.text, f.classes)}</li>`)}
</ul>
`
    : '';
  return html`<li class="govuk-summary-card hearth-member-card">
<div class="govuk-summary-card__title-wrapper">
<h3 class="govuk-summary-card__title">${m.name}</h3>
<ul class="govuk-summary-card__actions">
<li class="govuk-summary-card__action"><a class="govuk-link" href="${m.href}">View<span class="govuk-visually-hidden"> ${m.name}</span></a></li>
</ul>
</div>
<div class="govuk-summary-card__content">
<p class="govuk-body govuk-!-margin-bottom-1"><strong>${m.age}</strong> · ${m.relationship}</p>
<p class="govuk-body-s govuk-!-margin-bottom-2">${m.roles}${m.household ? html` · ${m.household}` : ''}</p>
<p class="govuk-body-s govuk-!-margin-bottom-1"><strong>Support</strong></p>
${support}<p class="govuk-body-s govuk-!-margin-bottom-1"><strong>Programmes</strong></p>
${programmes}<p class="govuk-body-s govuk-!-margin-bottom-2"><a class="govuk-link" href="${m.enrolHref}">Enrol in a programme<span class="govuk-visually-hidden"> (${m.name})</span></a></p>
<p class="govuk-body-s govuk-!-margin-bottom-1"><strong>Consent to share</strong></p>
<p class="govuk-body-s govuk-!-margin-bottom-2">${govukTag(m.consent, `govuk-tag--${m.consentTag}`)}</p>
${flags}</div>
</li>
`;
}

function members(view: FamilyOverviewView): Html {
  return html`<h2 class="govuk-heading-m" id="members">Members</h2>
<p class="govuk-body"><a class="govuk-link" href="${view.links.addMember}">Add a member</a></p>
<ul class="govuk-list hearth-member-cards">
${
  view.members.length
    ? view.members.map(memberCard)
    : html`<li class="govuk-body">There are no members you can see. A member appears here when they agree to share with your organisation or your organisation supports them.</li>
`
}</ul>
`;
}

function concerns(view: FamilyOverviewView): Html | '' {
  if (!view.concerns?.length) return '';
  return html`<div class="govuk-!-margin-bottom-6" id="open-concerns">
<h2 class="govuk-heading-m">Open risks and protection concerns</h2>
<ul class="govuk-list">
${view.concerns.map(
  (c) => html`<li class="govuk-!-margin-bottom-3">
${govukTag(c.kindName, 'govuk-tag--red')}
<span class="govuk-!-display-block govuk-body-s govuk-!-margin-top-1">About ${c.about}. ${c.actionTaken}, ${formatDate(c.actionOn)}.</span>
</li>
`,
)}</ul>
<p class="govuk-body-s"><a class="govuk-link" href="${view.links.concerns}">All concerns and what was done</a></p>
</div>
`;
}

function referrals(view: FamilyOverviewView): Html {
  const list = view.referrals?.length
    ? html`<ul class="govuk-list">
${view.referrals.map(
  (r) =>
    html`<li><a class="govuk-link" href="${r.href}">${r.reference}</a> to ${r.service} ${govukTag(r.status.text, r.status.classes)}</li>
`,
)}</ul>
`
    : html`<p class="govuk-body">No referrals from or to your organisation yet.</p>
`;
  return html`<h2 class="govuk-heading-m" id="referrals">Referrals</h2>
${list}${govukButtonLink('Refer', view.links.refer, 'govuk-button--secondary govuk-!-margin-bottom-6')}
`;
}

function dueNext(view: FamilyOverviewView): Html {
  const { items, more } = view.dueNext;
  const list = items.length
    ? html`<ul class="govuk-list govuk-list--bullet">
${items.map(
  (d) =>
    html`<li>${d.urgent ? html`${govukTag('Overdue', 'govuk-tag--red')} ` : ''}<a class="govuk-link" href="${d.href}">${d.text}</a></li>
`,
)}</ul>
${more ? html`<p class="govuk-body-s">And ${more} more.</p>` : ''}
`
    : html`<p class="govuk-body">Nothing is due.</p>
`;
  return html`<h2 class="govuk-heading-m" id="due-next">What is due next</h2>
${list}`;
}

function team(view: FamilyOverviewView): Html {
  const { lead, organisations, workers } = view.team;
  const forWhom = (w: (typeof workers)[number]) =>
    w.forWhom === 'The whole family' ? w.forWhom.toLowerCase() : w.forWhom;
  return html`<h2 class="govuk-heading-m" id="team">Team around the family</h2>
<p class="govuk-body">
<strong>Lead professional:</strong>
${lead ? html`${lead.name}, ${lead.organisation}<br><span class="govuk-hint">since ${formatDate(lead.since)}</span>` : 'none agreed yet'}
</p>
<ul class="govuk-list hearth-team-list">
${organisations.map(
  (t) =>
    html`<li><strong>${t.name}</strong>${t.role ? html`: ${t.role}` : ''}<br><span class="govuk-hint">since ${formatDate(t.joinedOn)}${t.contact ? html` · ${t.contact}` : ''}</span></li>`,
)}
</ul>
${
  workers.length
    ? html`<h3 class="govuk-heading-s">Named workers</h3>
<ul class="govuk-list">
${workers.map(
  (w) =>
    html`<li>${w.name}, ${w.organisation}<br><span class="govuk-hint">${w.role}, for ${forWhom(w)}</span></li>`,
)}
</ul>
`
    : ''
}<p class="govuk-body"><a class="govuk-link" href="${view.links.team}">See the whole team</a></p>
`;
}

function chronology(view: FamilyOverviewView): Html {
  const { links } = view;
  const table = view.chronology.length
    ? html`<table class="govuk-table">
<caption class="govuk-table__caption govuk-visually-hidden">The latest ${view.chronology.length} chronology entries</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">When</th>
<th scope="col" class="govuk-table__header">About</th>
<th scope="col" class="govuk-table__header">What happened</th>
<th scope="col" class="govuk-table__header">Impact</th>
</tr></thead>
<tbody class="govuk-table__body">
${view.chronology.map(
  (c) => html`<tr class="govuk-table__row">
<td class="govuk-table__cell">${c.when}</td>
<td class="govuk-table__cell">${c.about}</td>
<td class="govuk-table__cell">${c.what}<br><span class="govuk-hint govuk-!-margin-bottom-0">${c.recordedBy}</span></td>
<td class="govuk-table__cell">${govukTag(c.impact, c.impactClass)}</td>
</tr>
`,
)}</tbody>
</table>
`
    : html`<p class="govuk-body">Nothing recorded yet.</p>
`;
  return html`<h2 class="govuk-heading-m" id="chronology">Latest in the chronology</h2>
${table}<p class="govuk-body"><a class="govuk-link" href="${links.chronology}">See the full chronology</a> · <a class="govuk-link" href="${links.addChronology}">Add an entry</a></p>
`;
}

/** The page's content, inside the layout's main element. */
export function familyOverviewBody(view: FamilyOverviewView): string {
  const { family, links } = view;
  const count = view.members.length;
  return html`${breakGlassBanner(view)}
<span class="govuk-caption-l">${family.reference}</span>
<h1 class="govuk-heading-l">${family.name}</h1>
<p class="govuk-body">
${count} ${count === 1 ? 'member' : 'members'} you can see
· ${family.locality || 'Locality not recorded'}
· ${family.status === 'open' ? 'Open' : 'Closed'}
</p>
${sections(view)}
<div class="govuk-grid-row">
<div class="govuk-grid-column-two-thirds">
${members(view)}</div>
<div class="govuk-grid-column-one-third">
<h2 class="govuk-heading-m" id="contacts">Contacts</h2>
<p class="govuk-body"><strong>Last contact:</strong> ${family.lastContactAt ? formatDate(family.lastContactAt) : 'none attended yet'}</p>
${govukButtonLink('Record a contact', links.addContact, 'govuk-!-margin-bottom-2')}
<p class="govuk-body"><a class="govuk-link" href="${links.contacts}">See all contacts</a></p>
${concerns(view)}${referrals(view)}${dueNext(view)}
${team(view)}</div>
</div>
<h2 class="govuk-heading-m" id="map">Family map</h2>
<p class="govuk-body"><a class="govuk-link" href="${links.addRelationship}">Add a relationship</a> · <a class="govuk-link" href="${links.map}">Open the family map on its own, to print</a></p>
<div class="govuk-grid-row">
<div class="govuk-grid-column-three-quarters">${familyMapFigure(view.map, 'overview-map')}</div>
<div class="govuk-grid-column-one-quarter">
<h3 class="govuk-heading-s">Relationships in words</h3>
${relationshipListMarkup(view.map)}</div>
</div>
${chronology(view)}`.text;
}
