// Open Referral UK pagination: the page of results and the figures about it.

export const defaultPerPage = 50;
export const maxPerPage = 100;

export interface Paging {
  page: number;
  perPage: number;
}

export interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** The page around some contents, given how many items there are in all. */
export function pageOf<T>(contents: T[], totalItems: number, paging: Paging): Page<T> {
  const totalPages = Math.ceil(totalItems / paging.perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: paging.page,
    size: contents.length,
    first_page: paging.page === 1,
    last_page: paging.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Where a page starts, counting from zero. */
export function offsetOf(paging: Paging): number {
  return (paging.page - 1) * paging.perPage;
}
