// The family map's markup, written in TypeScript: the overview draws it on every
// view, where the template's loops over boxes and lines cost more than the rest of
// the page. The picture is one image to assistive technology; the lists give the
// same information in words.
import { type Html, html } from '../../platform/views/html.ts';
import type { presentFamilyMap } from './familyMapPresenter.ts';

export type FamilyMapView = ReturnType<typeof presentFamilyMap>;

/**
 * The SVG and its legend; `id` keeps the ids unique on a page. The legend's heading is an h3
 * under the overview's "Family map" heading, and an h2 on the map's own pages, which have
 * no heading between it and the page's h1.
 */
export function familyMapFigure(map: FamilyMapView, id: string, legendHeading: 'h2' | 'h3' = 'h3'): Html {
  const lines = map.lines.map(
    (line) =>
      html`<path d="${line.path}" fill="none" stroke="${line.stroke}" stroke-width="${line.width}"${line.dash ? html` stroke-dasharray="${line.dash}"` : ''} stroke-opacity="${line.opacity}" stroke-linecap="round"/>
`,
  );
  const boxes = map.boxes.map(
    (box) =>
      html`<rect x="${box.x}" y="${box.y}" width="${map.boxWidth}" height="${map.boxHeight}" rx="6" fill="#ffffff" stroke="#0b0c0c" stroke-width="2"/>
${box.lines.map(
  (line) =>
    html`<text x="${box.textX}" y="${line.y}" fill="#0b0c0c"${line.bold ? html` font-size="16" font-weight="700"` : html` font-size="14"`}>${line.text}</text>
`,
)}`,
  );
  const labels = map.lines.map(
    (line) =>
      html`<text x="${line.labelX}" y="${line.labelY}" text-anchor="middle" font-size="12" fill="#0b0c0c" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${line.label}</text>
`,
  );
  const legend = map.legend.map(
    (item) => html`<li class="hearth-family-map__legend-item">
<svg xmlns="http://www.w3.org/2000/svg" width="56" height="14" viewBox="0 0 56 14" aria-hidden="true" focusable="false"><line x1="4" y1="7" x2="52" y2="7" stroke="${item.stroke}" stroke-width="${item.width}"${item.dash ? html` stroke-dasharray="${item.dash}"` : ''} stroke-opacity="${item.opacity}" stroke-linecap="round"/></svg>
${item.text}
</li>
`,
  );
  return html`<figure class="hearth-family-map">
<div class="hearth-family-map__picture">
<svg xmlns="http://www.w3.org/2000/svg" class="hearth-family-map__svg" viewBox="0 0 ${map.width} ${map.height}" width="${map.width}" height="${map.height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">
<title id="${id}-title">${map.title}</title>
<desc id="${id}-desc">${map.description}</desc>
${lines}${boxes}${labels}</svg>
</div>
<figcaption class="hearth-family-map__legend">
${legendHeading === 'h2' ? html`<h2 class="govuk-heading-s">How the lines are drawn</h2>` : html`<h3 class="govuk-heading-s">How the lines are drawn</h3>`}
<ul class="govuk-list hearth-family-map__legend-list">
${legend}</ul>
</figcaption>
</figure>
`;
}

/** The relationships on the map in words, from both sides. */
export function relationshipListMarkup(map: FamilyMapView): Html {
  if (!map.relationshipList.length)
    return html`<p class="govuk-body">No relationships recorded yet.</p>
`;
  return html`<ul class="govuk-list govuk-list--bullet hearth-relationship-list">
${map.relationshipList.map(
  (r) => html`<li>${r.sentence} (${r.inverse}). ${r.quality}${r.current ? '' : ', in the past'}.</li>
`,
)}</ul>
`;
}

/** The map's information as a table of members and a list of relationships. */
export function familyMapListsMarkup(map: FamilyMapView, headingClass = 'govuk-heading-m'): Html {
  return html`<h2 class="${headingClass}">Members</h2>
<table class="govuk-table">
<caption class="govuk-table__caption govuk-visually-hidden">Members on the family map</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Name</th>
<th scope="col" class="govuk-table__header">Age</th>
<th scope="col" class="govuk-table__header">Role in the family story</th>
</tr></thead>
<tbody class="govuk-table__body">
${map.memberList.map(
  (m) => html`<tr class="govuk-table__row">
<th scope="row" class="govuk-table__header">${m.name}</th>
<td class="govuk-table__cell">${m.age}</td>
<td class="govuk-table__cell">${m.roles}</td>
</tr>
`,
)}</tbody>
</table>
<h2 class="${headingClass}">Relationships</h2>
${relationshipListMarkup(map)}`;
}
