-- Services outside Hearth answer referrals through single-use, time-limited
-- secure links, and users choose whether referral notices also reach them by
-- email.

-- "Email me about referrals": on unless the user turns it off on their account page.
alter table app_user add column email_referrals boolean not null default true;

-- A secure link acting for a service outside Hearth, as the actor of an audit event.
alter table audit_event add column actor_link_id uuid;
create index audit_event_link_idx on audit_event (actor_link_id, at desc) where actor_link_id is not null;

-- What a link is for: the decision (accept or decline), or, once accepted, saying when support started.
alter table referral_link
  add column purpose text not null default 'decide' check (purpose in ('decide', 'started')),
  -- The address the notice went to (the service's referral email at the time) and the email itself.
  add column sent_to text check (length(sent_to) <= 254),
  add column email_id uuid references email_outbox (id) on delete set null,
  add column first_viewed_at timestamptz,
  -- What using it did: the status the referral moved to.
  add column used_for text check (used_for in ('accepted', 'declined', 'started')),
  add column revoked_by uuid references app_user (id),
  add check (used_at is null or used_for is not null);

-- At most one link in use per referral: a new one revokes the last, in the same transaction.
create unique index referral_link_open_idx on referral_link (referral_id)
  where used_at is null and revoked_at is null;

alter table referral_event
  add constraint referral_event_actor_link_fk foreign key (actor_link_id) references referral_link (id);
