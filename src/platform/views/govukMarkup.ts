// The few GOV.UK components that pages written in TypeScript need, in the markup
// the govuk-frontend macros write (less their white space, which HTML does not show).
import { Html, html } from './html.ts';

/** The tag component: `classes` such as "govuk-tag--red". */
export function govukTag(text: string, classes: string): Html {
  return html`<strong class="govuk-tag ${classes}">${text}</strong>`;
}

/** The button component as a link. */
export function govukButtonLink(text: string, href: string, classes?: string): Html {
  return html`<a href="${href}" role="button" draggable="false" class="${withClasses('govuk-button', classes)}" data-module="govuk-button">${text}</a>`;
}

/** The success notification banner, saying what was saved. */
export function govukSuccessBanner(text: string): Html {
  return html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="govuk-notification-banner-title" data-module="govuk-notification-banner">
<div class="govuk-notification-banner__header">
<h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">Success</h2>
</div>
<div class="govuk-notification-banner__content">
<p class="govuk-notification-banner__heading">${text}</p>
</div>
</div>`;
}

/** The notification banner: a heading line of text, or markup of its own (Html). */
export function govukNotificationBanner(titleText: string, content: string | Html, classes?: string): Html {
  return html`<div class="${withClasses('govuk-notification-banner', classes)}" role="region" aria-labelledby="govuk-notification-banner-title" data-module="govuk-notification-banner">
<div class="govuk-notification-banner__header">
<h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">${titleText}</h2>
</div>
<div class="govuk-notification-banner__content">
${content instanceof Html ? content : html`<p class="govuk-notification-banner__heading">${content}</p>`}
</div>
</div>`;
}

interface TextParam {
  text: string;
  classes?: string | undefined;
}

/** The error message component, as the form components write it. */
function errorMessage(id: string, error: { text: string }): Html {
  return html`<p id="${id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${error.text}</p>`;
}

const withClasses = (base: string, classes: string | undefined) => (classes ? `${base} ${classes}` : base);
const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
const optional = (name: string, value: string | undefined | null) =>
  value === undefined || value === null ? '' : html` ${new Html(name)}="${value}"`;

export interface InputParams {
  id: string;
  name: string;
  label: TextParam;
  hint?: TextParam | undefined;
  value?: string | undefined | null;
  classes?: string | undefined;
  autocomplete?: string | undefined;
  spellcheck?: boolean | undefined;
  errorMessage?: { text: string } | undefined | false;
}

/** The text input component, for the parameters above. */
export function govukInput(p: InputParams): Html {
  const error = p.errorMessage || undefined;
  const classes = withClasses(
    withClasses('govuk-input', p.classes),
    error ? 'govuk-input--error' : undefined,
  );
  const described = describedBy(p.id, p.hint, error);
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
<label class="${withClasses('govuk-label', p.label.classes)}" for="${p.id}">${p.label.text}</label>
${p.hint ? html`<div id="${p.id}-hint" class="${withClasses('govuk-hint', p.hint.classes)}">${p.hint.text}</div>` : ''}
${error ? errorMessage(p.id, error) : ''}
<input class="${classes}" id="${p.id}" name="${p.name}" type="text"${p.spellcheck === undefined ? '' : html` spellcheck="${String(p.spellcheck)}"`}${optional('value', p.value)}${optional('aria-describedby', described || undefined)}${optional('autocomplete', p.autocomplete)}>
</div>`;
}

export interface DateInputParams {
  id: string;
  namePrefix: string;
  fieldset: { legend: TextParam };
  hint?: TextParam | undefined;
  /** Each item's classes, such as its width (the macro's own default widths are not written here). */
  items: { name: string; label: string; classes: string; value?: string | undefined | null }[];
  errorMessage?: { text: string } | undefined | false;
}

/** The date input component (a fieldset of day, month and year), for the parameters above. */
export function govukDateInput(p: DateInputParams): Html {
  const error = p.errorMessage || undefined;
  const described = describedBy(p.id, p.hint, error);
  // As the macro does: with an error for the whole date and none marked on an item, every item shows it.
  const markEvery = error && !p.items.some((item) => item.classes.includes('govuk-input--error'));
  const items = p.items.map(
    (item) => html`<div class="govuk-date-input__item">
<div class="govuk-form-group">
<label class="govuk-label govuk-date-input__label" for="${p.id}-${item.name}">${item.label}</label>
<input class="${withClasses('govuk-input govuk-date-input__input', markEvery ? `govuk-input--error ${item.classes}` : item.classes)}" id="${p.id}-${item.name}" name="${p.namePrefix}-${item.name}" type="text"${optional('value', item.value)} inputmode="numeric">
</div>
</div>`,
  );
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
<fieldset class="govuk-fieldset" role="group"${optional('aria-describedby', described || undefined)}>
<legend class="${withClasses('govuk-fieldset__legend', p.fieldset.legend.classes)}">${p.fieldset.legend.text}</legend>
${p.hint ? html`<div id="${p.id}-hint" class="${withClasses('govuk-hint', p.hint.classes)}">${p.hint.text}</div>` : ''}
${error ? errorMessage(p.id, error) : ''}
<div class="govuk-date-input" id="${p.id}">
${items}
</div>
</fieldset>
</div>`;
}

export interface SelectParams {
  id: string;
  name: string;
  label: TextParam;
  items: { value: string; text: string; selected?: boolean | undefined }[];
}

/** The select component, for the parameters above. */
export function govukSelect(p: SelectParams): Html {
  return html`<div class="govuk-form-group">
<label class="${withClasses('govuk-label', p.label.classes)}" for="${p.id}">${p.label.text}</label>
<select class="govuk-select" id="${p.id}" name="${p.name}">
${p.items.map((item) => html`<option value="${item.value}"${item.selected ? html` selected` : ''}>${item.text}</option>`)}
</select>
</div>`;
}

/** The button component, to submit a form. */
export function govukButton(text: string, classes?: string): Html {
  return html`<button type="submit" class="${withClasses('govuk-button', classes)}" data-module="govuk-button">${text}</button>`;
}
