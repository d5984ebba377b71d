import { describe, expect, it } from 'vitest';
import {
  govukButton,
  govukButtonLink,
  govukDateInput,
  govukInput,
  govukNotificationBanner,
  govukSelect,
  govukTag,
} from './govukMarkup.ts';
import { html } from './html.ts';
import { createTemplateEnvironment } from './views.ts';

const env = createTemplateEnvironment();
const macro = (component: string, name: string, params: unknown) =>
  env.renderString(
    `{% from "govuk/components/${component}/macro.njk" import ${name} %}{{ ${name}(params) }}`,
    { params },
  );
/** HTML with the white space between and inside tags that the browser does not show taken out. */
const tidy = (text: string) => text.replace(/>\s+/g, '>').replace(/\s+</g, '<').replace(/\s+/g, ' ').trim();
const awkward = 'Tom & "Jerry" <b>';

/** Every combination of the options given: each key takes one of its values. */
function combinations(options: Record<string, unknown[]>): Record<string, unknown>[] {
  return Object.entries(options).reduce<Record<string, unknown>[]>(
    (all, [key, values]) =>
      all.flatMap((partial) =>
        values.map((value) => (value === undefined ? partial : { ...partial, [key]: value })),
      ),
    [{}],
  );
}

describe('the GOV.UK components written in TypeScript', () => {
  it('write the text input as the macro does, for every combination of the options used', () => {
    const cases = combinations({
      label: [{ text: 'Name' }, { text: awkward, classes: 'govuk-label--s' }],
      hint: [undefined, { text: awkward }],
      value: [undefined, '', awkward],
      classes: [undefined, 'govuk-input--width-10'],
      autocomplete: [undefined, 'off'],
      spellcheck: [undefined, false, true],
      errorMessage: [undefined, { text: awkward }],
    });
    expect(cases.length).toBe(288);
    for (const options of cases) {
      const params = { id: 'name', name: 'name', ...options } as Parameters<typeof govukInput>[0];
      expect(tidy(govukInput(params).text)).toBe(tidy(macro('input', 'govukInput', params)));
    }
  });

  it('write the date input as the macro does', () => {
    for (const options of combinations({
      hint: [undefined, { text: 'For example, 27 3 2010' }],
      errorMessage: [undefined, { text: awkward }],
      value: [undefined, '', '12'],
      classes: ['govuk-input--width-2', 'govuk-input--width-2 govuk-input--error'],
    })) {
      const items = ['day', 'month', 'year'].map((name) => ({
        name,
        label: name[0]?.toUpperCase() + name.slice(1),
        classes: options.classes as string,
        value: options.value as string | undefined,
      }));
      const legend = { text: 'Date of birth', classes: 'govuk-fieldset__legend--s' };
      const ours = govukDateInput({ id: 'dob', namePrefix: 'dob', fieldset: { legend }, items, ...options });
      const theirs = macro('date-input', 'govukDateInput', {
        id: 'dob',
        namePrefix: 'dob',
        fieldset: { legend },
        items,
        hint: options.hint,
        errorMessage: options.errorMessage,
      });
      expect(tidy(ours.text)).toBe(tidy(theirs));
    }
  });

  it('write the select, button, tag, button link and banner as the macros do', () => {
    const select = {
      id: 'service',
      name: 'service',
      label: { text: 'Service' },
      items: [
        { value: '', text: 'All your services', selected: false },
        { value: 'a&b', text: awkward, selected: true },
      ],
    };
    expect(tidy(govukSelect(select).text)).toBe(tidy(macro('select', 'govukSelect', select)));
    for (const classes of [undefined, 'govuk-button--secondary']) {
      expect(tidy(govukButton(awkward, classes).text)).toBe(
        tidy(macro('button', 'govukButton', { text: awkward, classes })),
      );
    }
    expect(tidy(govukButtonLink(awkward, '/x?a=1&b=2', 'govuk-!-margin-bottom-2').text)).toBe(
      tidy(
        macro('button', 'govukButton', {
          text: awkward,
          href: '/x?a=1&b=2',
          classes: 'govuk-!-margin-bottom-2',
        }),
      ),
    );
    expect(tidy(govukTag(awkward, 'govuk-tag--red').text)).toBe(
      tidy(macro('tag', 'govukTag', { text: awkward, classes: 'govuk-tag--red' })),
    );
    const content = html`<p class="govuk-notification-banner__heading">${awkward}</p><ul class="govuk-list"><li>x</li></ul>`;
    expect(tidy(govukNotificationBanner('Important', content).text)).toBe(
      tidy(
        macro('notification-banner', 'govukNotificationBanner', {
          titleText: 'Important',
          html: content.text,
        }),
      ),
    );
    expect(tidy(govukNotificationBanner('Emergency access', awkward, 'hearth-x').text)).toBe(
      tidy(
        macro('notification-banner', 'govukNotificationBanner', {
          titleText: 'Emergency access',
          text: awkward,
          classes: 'hearth-x',
        }),
      ),
    );
  });
});
