// The demo partnership's directory listings: invented services, written as a
// service would describe itself to a family. Codes are from
// src/features/directory/vocabulary.ts.
import type {
  Audience,
  Deliverer,
  DeliveryMethod,
  Programme,
  ReferralRoute,
  SupportKind,
} from '../features/directory/vocabulary.ts';
import { demoListingsHealthAndCommunity } from './demoServiceListingsMore.ts';

export interface DemoListing {
  organisation: string;
  name: string;
  summary: string;
  description: string;
  audiences: Audience[];
  ages?: [number | null, number | null];
  supportKinds: SupportKind[];
  programmes?: Programme[];
  delivery: DeliveryMethod[];
  deliveredBy: Deliverer[];
  languages?: string[];
  accessibility?: string;
  costNote?: string;
  referralRoutes: ReferralRoute[];
  howToGetIn: string;
  selfReferral?: boolean;
  whatHappensNext?: string;
  capacityNote?: string;
  /** Wait in weeks, and how many days ago it was last updated. */
  wait?: [number, number];
  /** How many days ago the listing was last checked (over about 183 is out of date). */
  checkedDaysAgo: number;
  /** Location keys (demoPlaces.ts). */
  locations?: string[];
  /** 'area' (the whole partnership area), 'council', a locality index, 'scotland' or 'uk'. */
  areas?: ('area' | 'council' | 'scotland' | 'uk' | number)[];
  phones?: [string, string?][];
  /** Weekday (1 Monday), opens, closes, note; at the first location unless it is a phone line. */
  times?: [number, string, string, string?][];
  url?: string;
  email?: string;
  inactive?: boolean;
}

const callBack =
  'Someone from the team will phone or text you within 3 working days, at a time you said is safe. They will ask what would help and tell you what happens next. If you said not to leave a message, they will not.';

export const demoListings: DemoListing[] = [
  {
    organisation: 'familysupport',
    name: 'Family support one-to-one',
    summary: 'Your own worker to talk things through, if someone close to you drinks or uses drugs.',
    description:
      'We support anyone affected by a loved one’s drinking or drug use, whether or not they are getting help themselves. You get your own worker. You can meet at our centre, at home or talk on the phone. We listen, help you look after yourself, and help you plan what to do next. We can also offer the 5-Step Method and CRAFT.',
    audiences: ['parent', 'partner', 'grandparent', 'kinship_carer', 'sibling', 'friend', 'anyone_affected'],
    ages: [16, null],
    supportKinds: ['one_to_one', 'information_advice', 'structured_programme'],
    programmes: ['five_step', 'craft'],
    delivery: ['in_person', 'home_visit', 'phone', 'video'],
    deliveredBy: ['paid_staff', 'volunteers'],
    languages: ['en', 'pl'],
    referralRoutes: ['self', 'professional'],
    howToGetIn: 'Fill in the form on this page, phone us, or ask any worker to refer you.',
    selfReferral: true,
    whatHappensNext: callBack,
    capacityNote: 'We can take about 6 new families a month.',
    wait: [3, 9],
    checkedDaysAgo: 20,
    locations: ['carse-hub', 'kilbrannan-rooms'],
    areas: ['area'],
    phones: [['0131 496 0101', 'Office, Monday to Friday']],
    times: [
      [1, '09:00', '17:00'],
      [2, '09:00', '17:00'],
      [3, '09:00', '20:00', 'Late opening'],
      [4, '09:00', '17:00'],
      [5, '09:00', '16:00'],
    ],
    url: 'https://carse-family-support.example/support',
    email: 'hello@carse-family-support.example',
  },
  {
    organisation: 'familysupport',
    name: 'Family support line',
    summary: 'Phone or chat online with someone who understands, wherever you live in Scotland.',
    description:
      'A free, confidential line for anyone worried about someone else’s drinking or drug use. You do not have to give your name. We can talk, give you information, and help you find support near you.',
    audiences: [
      'anyone_affected',
      'parent',
      'partner',
      'grandparent',
      'kinship_carer',
      'sibling',
      'friend',
      'bereaved',
    ],
    ages: [16, null],
    supportKinds: ['information_advice', 'one_to_one', 'crisis'],
    delivery: ['phone', 'online_chat'],
    deliveredBy: ['paid_staff', 'volunteers'],
    referralRoutes: ['self'],
    howToGetIn: 'Phone or use online chat. No referral needed.',
    wait: [0, 2],
    checkedDaysAgo: 12,
    areas: ['scotland'],
    phones: [['0808 157 0192', 'Free to call, also from mobiles']],
    times: [
      [1, '09:00', '21:00'],
      [2, '09:00', '21:00'],
      [3, '09:00', '21:00'],
      [4, '09:00', '21:00'],
      [5, '09:00', '21:00'],
      [6, '10:00', '16:00'],
    ],
    url: 'https://carse-family-support.example/line',
  },
  {
    organisation: 'familysupport',
    name: 'Kinship carers and grandparents group',
    summary: 'A friendly group for grandparents and relatives bringing up a child because of drink or drugs.',
    description:
      'Meet other grandparents and kinship carers who know what it is like. We share tea, advice and a laugh. Sometimes a guest comes to talk about money, school or the law. Children can come in the school holidays.',
    audiences: ['grandparent', 'kinship_carer'],
    supportKinds: ['group', 'peer_support', 'information_advice'],
    delivery: ['in_person'],
    deliveredBy: ['paid_staff', 'peers'],
    referralRoutes: ['self', 'professional'],
    howToGetIn: 'Just come along, or fill in the form and we will call you first.',
    selfReferral: true,
    whatHappensNext:
      'Our group worker will phone you within a week, at a time you said is safe, to say hello and tell you about the next meeting.',
    wait: [0, 9],
    checkedDaysAgo: 20,
    locations: ['kilbrannan-rooms'],
    areas: ['area'],
    phones: [['0131 496 0101', 'Ask for the kinship group']],
    times: [[2, '13:00', '15:00', 'Every Tuesday, term time']],
  },
  {
    organisation: 'peer',
    name: 'Grandparents Together',
    summary:
      'Grandparents helping each other when a son or daughter’s drinking or drug use affects the family.',
    description:
      'A peer group run by grandparents, for grandparents. Some of us are bringing up grandchildren; some of us are worried sick. Come as you are. What is said in the group stays in the group.',
    audiences: ['grandparent', 'kinship_carer'],
    supportKinds: ['group', 'peer_support', 'mutual_aid'],
    delivery: ['in_person'],
    deliveredBy: ['peers', 'volunteers'],
    referralRoutes: ['self'],
    howToGetIn: 'Come to a meeting, or send the form and one of us will ring you.',
    selfReferral: true,
    whatHappensNext:
      'One of our volunteers will phone you within a week, at a time you said is safe. They will tell you about the group and can meet you at the door the first time.',
    wait: [0, 30],
    checkedDaysAgo: 95,
    locations: ['peer-hall'],
    areas: [0],
    phones: [['0131 496 0177', 'Leave a message and we will ring back']],
    times: [[4, '18:30', '20:00', 'First and third Thursday of the month']],
  },
  {
    organisation: 'peer',
    name: 'Kilbrannan Families Together',
    summary: 'A weekly group for anyone whose loved one drinks or uses drugs.',
    description:
      'An open, peer-led group. Parents, partners, brothers, sisters and friends all come. You can just listen. We also run a SMART Recovery Family & Friends meeting once a month.',
    audiences: ['anyone_affected', 'parent', 'partner', 'sibling', 'friend'],
    ages: [18, null],
    supportKinds: ['group', 'peer_support', 'mutual_aid', 'structured_programme'],
    programmes: ['smart_family_friends'],
    delivery: ['in_person', 'video'],
    deliveredBy: ['peers', 'volunteers'],
    referralRoutes: ['self'],
    howToGetIn: 'No need to book. Come along to any meeting.',
    wait: [0, 30],
    checkedDaysAgo: 240,
    locations: ['peer-hall'],
    areas: [0],
    times: [[1, '19:00', '20:30', 'Every Monday']],
  },
  {
    organisation: 'youngcarers',
    name: 'Young carers support',
    summary: 'Support, breaks and activities for young people who help look after someone at home.',
    description:
      'If you help look after someone in your family, you might be a young carer. We can help you with a Young Carer Statement, time for you, trips and clubs, and someone to talk to. We also talk to your school if you want us to.',
    audiences: ['child', 'young_person', 'sibling'],
    ages: [8, 18],
    supportKinds: ['young_carers', 'one_to_one', 'group'],
    delivery: ['in_person', 'home_visit'],
    deliveredBy: ['paid_staff', 'volunteers'],
    referralRoutes: ['self', 'professional'],
    howToGetIn: 'You, your family, your school or any worker can get in touch.',
    selfReferral: true,
    whatHappensNext:
      'A young carers worker will get in touch within 5 school days, in the way you said is safe. They will arrange to meet you somewhere you feel comfortable.',
    capacityNote: 'Clubs have waiting lists in the summer.',
    wait: [2, 20],
    checkedDaysAgo: 40,
    locations: ['youngcarers-base'],
    areas: ['area'],
    phones: [['0141 496 0233']],
    times: [
      [3, '15:30', '18:00', 'Drop-in after school'],
      [6, '10:00', '13:00', 'Saturday club'],
    ],
    email: 'team@glenmuir-young-carers.example',
  },
  {
    organisation: 'youth',
    name: 'Hidden Harm youth support',
    summary: 'A youth worker and a group for young people affected by a parent’s drinking or drug use.',
    description:
      'Time with a youth worker who gets it, and a group with other young people going through the same thing. We do activities, talk when you want to, and help with school, friends and feelings.',
    audiences: ['young_person', 'child', 'sibling'],
    ages: [10, 18],
    supportKinds: ['one_to_one', 'group'],
    delivery: ['in_person', 'online_chat'],
    deliveredBy: ['paid_staff'],
    referralRoutes: ['self', 'professional'],
    howToGetIn: 'Send the form, come to the hall on a Wednesday, or ask a teacher to refer you.',
    selfReferral: true,
    whatHappensNext:
      'A youth worker will message or call you within 3 days, in the way you said is safe, to find a time to meet.',
    wait: [4, 14],
    checkedDaysAgo: 60,
    locations: ['youth-hall'],
    areas: [2],
    phones: [['0141 496 0318']],
    times: [[3, '16:00', '19:00', 'Group night']],
  },
  {
    organisation: 'youth',
    name: 'Strengthening Families 10-14',
    summary: 'Seven weekly evenings for parents and young people aged 10 to 14, with a meal.',
    description:
      'Parents and young people meet apart, then together, to talk, listen and have fun. Families say home feels calmer afterwards. Places are for 8 to 13 families each time.',
    audiences: ['parent', 'young_person', 'kinship_carer'],
    ages: [10, 14],
    supportKinds: ['structured_programme', 'group'],
    programmes: ['strengthening_families'],
    delivery: ['in_person'],
    deliveredBy: ['paid_staff', 'volunteers'],
    referralRoutes: ['professional', 'self'],
    howToGetIn: 'Ask your worker to refer you, or phone us to ask about the next group.',
    capacityNote: 'Next group starts in February; 5 places left.',
    wait: [10, 14],
    checkedDaysAgo: 60,
    locations: ['youth-hall'],
    areas: ['area'],
    phones: [['0141 496 0318']],
    times: [[4, '17:30', '19:30', 'Seven Thursdays from February']],
  },
  ...demoListingsHealthAndCommunity,
];
