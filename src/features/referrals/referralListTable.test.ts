import { describe, expect, it } from 'vitest';
import { createTemplateEnvironment } from '../../platform/views/views.ts';
import { presentListRow } from './referralPresenter.ts';
import type { ReferralListRow } from './referralRows.ts';
import { referralTable } from './referralTable.ts';

const env = createTemplateEnvironment();
const today = '2026-12-02';

function row(overrides: Partial<ReferralListRow>): ReferralListRow {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    reference: 'R-000001',
    status: 'new',
    origin: 'practitioner',
    urgency: 'routine',
    serviceName: 'Young carers <group>',
    organisationName: 'Glenmuir & Carse Recovery',
    receivedOn: '2026-10-01',
    firstSupportOn: null,
    updatedAt: new Date('2026-10-01T09:00:00Z'),
    ...overrides,
  };
}

/** The GOV.UK tag macro's own markup for a tag, with the white space HTML does not show taken out. */
function macroTag(text: string, classes: string): string {
  const html = env.renderString(
    '{% from "govuk/components/tag/macro.njk" import govukTag %}{{ govukTag({ text: text, classes: classes }) }}',
    { text, classes },
  );
  return html.replace(/>\s+/g, '>').replace(/\s+</g, '<').trim();
}

describe('the table of referrals', () => {
  const rows = [
    row({ urgency: 'urgent', origin: 'self_referral', organisationName: null }),
    row({ id: '00000000-0000-4000-8000-000000000002', reference: 'R-000002', status: 'waiting' }),
    row({
      id: '00000000-0000-4000-8000-000000000003',
      reference: 'R-000003',
      status: 'started',
      origin: 'redirect',
      firstSupportOn: '2026-10-20',
      redirectedFromReference: 'R-000000',
      passedOn: 2,
    }),
  ].map((r) => presentListRow(r, today));
  const html = referralTable(rows, 'From').text;

  it('writes each tag as the GOV.UK tag macro does', () => {
    const tags = html.match(/<strong class="govuk-tag[^"]*">[^<]*<\/strong>/g) ?? [];
    expect(tags).toEqual([
      macroTag('Urgent', 'govuk-tag--red'),
      macroTag('Self-referral', 'govuk-tag--pink'),
      macroTag('Over 6 weeks', 'govuk-tag--red'),
      macroTag('New', 'govuk-tag--light-blue'),
      macroTag('Over 6 weeks', 'govuk-tag--red'),
      macroTag('Waiting', 'govuk-tag--yellow'),
      macroTag('Support started', 'govuk-tag--green'),
    ]);
  });

  it('escapes what it shows and links each reference', () => {
    expect(html).toContain('Young carers &lt;group&gt;');
    expect(html).toContain('Glenmuir &amp; Carse Recovery');
    expect(html).toContain(
      '<a class="govuk-link" href="/practice/referrals/00000000-0000-4000-8000-000000000003">R-000003</a>',
    );
    expect(html).toContain('Passed on from R-000000');
    expect(html).toContain('2 members passed on');
    expect(html).toContain('19 days');
    expect(html.match(/<td class="govuk-table__cell">1 Oct 2026<\/td>/g)).toHaveLength(3);
  });
});
