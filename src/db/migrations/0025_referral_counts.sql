-- Referral figures kept as they change, so the busy pages read a few
-- hundred rows rather than every referral: the inbox's counts by status,
-- and waiting-time histograms per service and quarter for the
-- waiting-times pages. Statement-level triggers with transition tables keep
-- both: one aggregate per statement, however many rows it touched.
-- referral_counts_rebuild() works them out again from the referrals (after
-- a bulk load, and in a test proving the triggers agree with it).

-- The UK date a referral was sent: the day its wait is counted from.
create function referral_sent_on(sent_at timestamptz) returns date language sql stable as $$
  select (sent_at at time zone 'Europe/London')::date
$$;

-- Sent referrals (no drafts) by receiving organisation, service, urgency and status: the inbox's tabs.
create table referral_status_count (
  organisation_id uuid not null,
  service_id uuid not null,
  urgency text not null,
  status text not null,
  n integer not null,
  primary key (organisation_id, service_id, urgency, status)
);

-- Sent referrals by the quarter (UK dates) they were sent in, in three kinds:
--   started: support started; `days` is the wait, from the day sent to the first support contact;
--   waiting: still waiting (new, waiting or accepted, no support yet); `days` is the day sent, counted
--            from the quarter's first day, so a wait so far is worked out against any today;
--   other:   declined, redirected, withdrawn or closed with no support; `days` is 0.
create table referral_wait_count (
  organisation_id uuid not null,
  quarter date not null,
  service_id uuid not null,
  kind text not null check (kind in ('started', 'waiting', 'other')),
  days integer not null,
  n integer not null,
  primary key (organisation_id, quarter, service_id, kind, days)
);

-- The rows a set of referrals adds to the waiting-time histogram (signed: -1 for rows taken away).
create function referral_wait_key(sent_at timestamptz, first_support_on date, status text,
  out quarter date, out kind text, out days integer)
language sql stable as $$
  select q.quarter,
    case when first_support_on is not null then 'started'
      when status in ('new', 'waiting', 'accepted') then 'waiting' else 'other' end,
    case when first_support_on is not null then greatest(0, first_support_on - q.sent_on)
      when status in ('new', 'waiting', 'accepted') then q.sent_on - q.quarter else 0 end
  from (select referral_sent_on(sent_at) as sent_on,
      date_trunc('quarter', referral_sent_on(sent_at))::date as quarter) q
$$;

create function referral_counts_after_change() returns trigger language plpgsql as $$
begin
  -- Each count's change over the whole statement, in key order (so two writers take row locks in the same order).
  if tg_op = 'INSERT' then
    insert into referral_status_count as c (organisation_id, service_id, urgency, status, n)
      select organisation_id, service_id, urgency, status, count(*)::int from new_rows
      where status <> 'draft' group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (organisation_id, service_id, urgency, status) do update set n = c.n + excluded.n;
    insert into referral_wait_count as c (organisation_id, quarter, service_id, kind, days, n)
      select r.organisation_id, k.quarter, r.service_id, k.kind, k.days, count(*)::int
      from new_rows r cross join lateral referral_wait_key(r.sent_at, r.first_support_on, r.status) k
      where r.sent_at is not null and r.status <> 'draft' group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
    on conflict (organisation_id, quarter, service_id, kind, days) do update set n = c.n + excluded.n;
  elsif tg_op = 'DELETE' then
    insert into referral_status_count as c (organisation_id, service_id, urgency, status, n)
      select organisation_id, service_id, urgency, status, -count(*)::int from old_rows
      where status <> 'draft' group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (organisation_id, service_id, urgency, status) do update set n = c.n + excluded.n;
    insert into referral_wait_count as c (organisation_id, quarter, service_id, kind, days, n)
      select r.organisation_id, k.quarter, r.service_id, k.kind, k.days, -count(*)::int
      from old_rows r cross join lateral referral_wait_key(r.sent_at, r.first_support_on, r.status) k
      where r.sent_at is not null and r.status <> 'draft' group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
    on conflict (organisation_id, quarter, service_id, kind, days) do update set n = c.n + excluded.n;
  else
    insert into referral_status_count as c (organisation_id, service_id, urgency, status, n)
      select organisation_id, service_id, urgency, status, sum(d)::int from (
        select organisation_id, service_id, urgency, status, 1 as d from new_rows where status <> 'draft'
        union all
        select organisation_id, service_id, urgency, status, -1 from old_rows where status <> 'draft') x
      group by 1, 2, 3, 4 having sum(d) <> 0 order by 1, 2, 3, 4
    on conflict (organisation_id, service_id, urgency, status) do update set n = c.n + excluded.n;
    insert into referral_wait_count as c (organisation_id, quarter, service_id, kind, days, n)
      select x.organisation_id, k.quarter, x.service_id, k.kind, k.days, sum(x.d)::int from (
        select organisation_id, service_id, sent_at, first_support_on, status, 1 as d from new_rows
          where sent_at is not null and status <> 'draft'
        union all
        select organisation_id, service_id, sent_at, first_support_on, status, -1 from old_rows
          where sent_at is not null and status <> 'draft') x
        cross join lateral referral_wait_key(x.sent_at, x.first_support_on, x.status) k
      group by 1, 2, 3, 4, 5 having sum(x.d) <> 0 order by 1, 2, 3, 4, 5
    on conflict (organisation_id, quarter, service_id, kind, days) do update set n = c.n + excluded.n;
  end if;
  if tg_op <> 'INSERT' then
    -- Counts that reached nought are taken away, so the tables hold only what there is.
    delete from referral_status_count c using old_rows r
      where c.n = 0 and c.organisation_id = r.organisation_id and c.service_id = r.service_id
        and c.urgency = r.urgency and c.status = r.status;
    delete from referral_wait_count c using old_rows r
        cross join lateral referral_wait_key(r.sent_at, r.first_support_on, r.status) k
      where c.n = 0 and r.sent_at is not null and c.organisation_id = r.organisation_id and c.quarter = k.quarter
        and c.service_id = r.service_id and c.kind = k.kind and c.days = k.days;
  end if;
  return null;
end
$$;

create trigger referral_counts_insert after insert on referral
  referencing new table as new_rows for each statement execute function referral_counts_after_change();
create trigger referral_counts_update after update on referral
  referencing old table as old_rows new table as new_rows for each statement execute function referral_counts_after_change();
create trigger referral_counts_delete after delete on referral
  referencing old table as old_rows for each statement execute function referral_counts_after_change();

-- Both tables worked out again from the referrals themselves. Takes a lock that lets
-- referrals be read but not changed meanwhile, so no trigger's change is lost.
create function referral_counts_rebuild() returns void language plpgsql as $$
begin
  lock table referral in share mode;
  delete from referral_status_count;
  delete from referral_wait_count;
  insert into referral_status_count (organisation_id, service_id, urgency, status, n)
    select organisation_id, service_id, urgency, status, count(*)::int from referral
    where status <> 'draft' group by 1, 2, 3, 4;
  insert into referral_wait_count (organisation_id, quarter, service_id, kind, days, n)
    select r.organisation_id, k.quarter, r.service_id, k.kind, k.days, count(*)::int
    from referral r cross join lateral referral_wait_key(r.sent_at, r.first_support_on, r.status) k
    where r.sent_at is not null and r.status <> 'draft' group by 1, 2, 3, 4, 5;
end
$$;

select referral_counts_rebuild();

-- The inbox page: one organisation's referrals in one status, oldest sent first, read in index order.
drop index referral_inbox_idx;
create index referral_inbox_idx on referral (organisation_id, status, sent_at, id);

-- Referrals waiting now, for the flags on the waiting-times pages: from the waiting rows alone.
create index referral_wait_count_waiting_idx on referral_wait_count (organisation_id)
  include (service_id, quarter, days, n) where kind = 'waiting';

-- Unread notifications on every signed-in page: a user's own, and their organisation's shared ones.
create index notification_user_unread_idx on notification (user_id, organisation_id) where read_at is null;
create index notification_organisation_unread_idx on notification (organisation_id)
  where user_id is null and read_at is null;
