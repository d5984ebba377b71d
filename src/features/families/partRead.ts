/**
 * How a repository read is used when it is one part of a larger page read,
 * such as the family overview: the caller has already checked in SQL that
 * the family is visible (so the part need not check again; its own rows are
 * still filtered by the access rule) and writes one audit event for the
 * whole page (so the part does not write its own).
 */
export interface PartRead {
  /** The caller has just checked that this user may see the family. */
  familyChecked?: boolean;
  /** Write the part's own audit event (the default); false when the caller audits the whole read. */
  audit?: boolean;
}

/** A part of a page read that the caller has checked and will audit. */
export const partOfCheckedRead: PartRead = { familyChecked: true, audit: false };
