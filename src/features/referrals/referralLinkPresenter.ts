// A referral as a service outside Hearth reads it through its secure link:
// who it is for and why, who sent it and how to reach them, and what was
// shared on what basis.
import { audiences, labelOf } from '../directory/vocabulary.ts';
import { formatDay } from '../programmes/programmePresenter.ts';
import { consentMethodLabels, urgencyLabels } from './referralForm.ts';
import type { LinkedReferral } from './referralLinkRepository.ts';
import { statusTag } from './referralPresenter.ts';
import type { SelfReferralRow } from './referralRepository.ts';

const contactMethodWords = {
  phone: 'By phone call',
  text: 'By text message',
  email: 'By email',
  none: 'Do not contact them: they will get in touch themselves',
} as const;

function sharingWords(row: LinkedReferral, members: { personId: string; name: string }[]): string {
  if (row.sharingBasis === 'consent') {
    const who = members.find((m) => m.personId === row.consentPersonId)?.name ?? 'a family member';
    const how = row.consentMethod
      ? consentMethodLabels[row.consentMethod].toLowerCase()
      : 'in a way not recorded';
    return `${who} agreed to this referral being shared with ${row.serviceName}: ${how}, on ${formatDay(row.consentOn)}.`;
  }
  if (row.sharingBasis === 'protection_concern')
    return 'Shared without consent, because of a recorded protection concern. Speak to the referrer before you contact the family.';
  return `The person referred themselves to ${row.serviceName} through Hearth’s Find support, and shared what is here with you.`;
}

export function presentLinkedReferral(
  row: LinkedReferral,
  members: { personId: string; name: string; age: string | null }[],
  self: SelfReferralRow | undefined,
) {
  return {
    status: statusTag(row.status),
    urgency: urgencyLabels[row.urgency],
    received: row.receivedOn ? formatDay(row.receivedOn) : undefined,
    firstSupport: row.firstSupportOn ? formatDay(row.firstSupportOn) : undefined,
    from: row.referringOrganisationName
      ? {
          name: row.referredByName,
          organisation: row.referringOrganisationName,
          email: row.referredByEmail,
        }
      : undefined,
    members: members.map((m) => (m.age ? `${m.name}, ${m.age}` : m.name)),
    sharing: sharingWords(row, members),
    self: self && {
      ...self,
      audience: self.audience ? labelOf(audiences, self.audience) : 'Not said',
      how: contactMethodWords[self.contactMethod],
    },
  };
}
