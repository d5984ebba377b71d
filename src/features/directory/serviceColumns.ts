// A directory service's own columns as the finder and the Open Referral API
// read them (snake case, straight from SQL). Each adds what it reads besides.

export interface ServiceColumns {
  id: string;
  organisation_id: string;
  organisation_name: string;
  name: string;
  summary: string;
  description: string;
  url: string | null;
  email: string | null;
  audiences: string[];
  minimum_age: number | null;
  maximum_age: number | null;
  support_kinds: string[];
  programmes: string[];
  delivery: string[];
  delivered_by: string[];
  languages: string[];
  accessibility: string | null;
  free: boolean;
  cost_note: string | null;
  referral_routes: string[];
  how_to_get_in: string | null;
  self_referral: boolean;
  what_happens_next: string | null;
  capacity_note: string | null;
  wait_weeks: number | null;
  wait_updated_on: string | null;
  last_checked_on: string;
}
