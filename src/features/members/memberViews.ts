import type { MemberRole, SupportStatus } from '../../db/schema.ts';

// What the members repository returns: the shapes pages, presenters and the API read.

/** Whether it is safe to contact someone each way: null when nobody has asked yet. */
export interface ContactSafety {
  phone: boolean | null;
  text: boolean | null;
  write: boolean | null;
  visit: boolean | null;
  /** The ways marked not safe, in this order: phone, text, write, visit. */
  notSafe: ('phone' | 'text' | 'write' | 'visit')[];
}

/** One organisation's support for a member, as the viewer may see it. */
export interface MemberSupportView {
  supportId: string;
  organisationId: string;
  organisationName: string;
  status: SupportStatus;
  closedReason: string | null;
  workerId: string | null;
  workerName: string | null;
  /** Only ever true on the viewer's own organisation's support: others' confidential support is not returned. */
  confidential: boolean;
  startedOn: string | null;
  closedOn: string | null;
  ownOrganisation: boolean;
}

/** Everything the member page shows, as the viewer may see it. */
export interface MemberDetail {
  personId: string;
  familyId: string;
  familyName: string;
  familyReference: string;
  person: {
    givenName: string;
    familyName: string | null;
    preferredName: string | null;
    pronouns: string | null;
    dateOfBirth: string | null;
    approximateAge: number | null;
    approximateAgeOn: string | null;
    gender: string | null;
    ethnicity: string | null;
    firstLanguage: string | null;
    interpreterNeeded: boolean;
    phone: string | null;
    email: string | null;
    /** Null when there is none or it is withheld from this viewer: see addressShown. */
    address: string | null;
    postcode: string | null;
    addressWithheld: boolean;
    /** False when the address is withheld and the viewer is not a named worker. */
    addressShown: boolean;
    safeToPhone: boolean | null;
    safeToText: boolean | null;
    safeToWrite: boolean | null;
    safeToVisit: boolean | null;
    safeTimes: string | null;
    contactSafetyNote: string | null;
    updatedAt: Date;
    version: number;
  };
  membership: {
    id: string;
    relationshipLabel: string | null;
    roles: MemberRole[];
    livesInHousehold: boolean | null;
    inContactWithServices: 'yes' | 'no' | 'unknown';
    startedOn: string;
  };
  support: MemberSupportView[];
  /** Other memberships the viewer may see: other families, and earlier spells in this one. */
  otherMemberships: {
    familyId: string;
    reference: string;
    name: string;
    startedOn: string;
    endedOn: string | null;
    endReason: string | null;
  }[];
}

/** What the family overview shows of each member it may show. */
export interface MemberCard {
  personId: string;
  name: string;
  age: { years: number; approximate: boolean } | undefined;
  roles: MemberRole[];
  relationshipLabel: string | null;
  livesInHousehold: boolean | null;
  contactSafety: ContactSafety;
  support: MemberSupportView[];
}
