import type { ContactChannel, ContactKind, ContactOutcome } from '../../db/schema.ts';

/**
 * What a contact covered: Hearth's fixed list (the `contact.topics` column
 * holds these codes), in the order the form offers them. Free text goes in
 * the notes.
 */
export const contactTopics = {
  own_wellbeing: 'Their own wellbeing and stress',
  understanding_use: 'Understanding alcohol and drug use',
  coping: 'Ways of coping',
  communication: 'Talking with the person who uses substances',
  safety: 'Safety and safety planning',
  overdose_naloxone: 'Overdose awareness and naloxone',
  children: 'Children and parenting',
  relationships: 'Relationships in the family',
  money_housing: 'Money, benefits and housing',
  treatment_recovery: 'Treatment and recovery services',
  peer_support: 'Groups and peer support',
  loss: 'Loss and bereavement',
  other_services: 'Other services and referrals',
} as const;

export type ContactTopic = keyof typeof contactTopics;

export const contactTopicCodes = Object.keys(contactTopics) as ContactTopic[];

export const contactKindNames: Record<ContactKind, string> = {
  one_to_one: 'One-to-one',
  whole_family: 'Whole-family',
  joint_agency: 'Joint with another agency',
  information_guidance: 'Information and guidance',
};

export const contactChannelNames: Record<ContactChannel, string> = {
  in_person: 'In person',
  home_visit: 'Home visit',
  phone: 'Phone',
  video: 'Video call',
  text_chat: 'Text or chat',
};

export const contactOutcomeNames: Record<ContactOutcome, string> = {
  attended: 'Attended',
  did_not_attend: 'Did not attend',
  cancelled_by_family: 'Cancelled by the family',
  cancelled_by_service: 'Cancelled by the service',
};
