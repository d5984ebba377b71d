-- Referrals by the day they were sent, carrying what the provision audit's
-- route in reads (who received and who made the referral, how it came, the
-- service and the family), so counting a year's referrals reads the index
-- alone. It replaces the index on the day sent alone.
create index referral_sent_route_idx on referral (sent_at)
  include (organisation_id, origin, referring_organisation_id, service_id, receiving_family_id, family_id)
  where sent_at is not null;
drop index referral_sent_idx;
