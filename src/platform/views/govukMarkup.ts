// The few GOV.UK components that pages written in TypeScript need, in the markup
// the govuk-frontend macros write (less their white space, which HTML does not show).
import { type Html, html } from './html.ts';

/** The tag component: `classes` such as "govuk-tag--red". */
export function govukTag(text: string, classes: string): Html {
  return html`<strong class="govuk-tag ${classes}">${text}</strong>`;
}

/** The button component as a link. */
export function govukButtonLink(text: string, href: string, classes: string): Html {
  return html`<a href="${href}" role="button" draggable="false" class="govuk-button ${classes}" data-module="govuk-button">${text}</a>`;
}

/** The notification banner with a heading line of text. */
export function govukNotificationBanner(titleText: string, text: string, classes: string): Html {
  return html`<div class="govuk-notification-banner ${classes}" role="region" aria-labelledby="govuk-notification-banner-title" data-module="govuk-notification-banner">
<div class="govuk-notification-banner__header">
<h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">${titleText}</h2>
</div>
<div class="govuk-notification-banner__content">
<p class="govuk-notification-banner__heading">${text}</p>
</div>
</div>`;
}
