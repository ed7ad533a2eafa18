-- Bench-only: what PostGraphile needs to answer as the API does. The API isolates in its SQL
-- (audits of the viewer's workspaces); PostGraphile isolates with row-level security. Each request
-- runs as the role aeo_bench_viewer with jwt.claims.sub / jwt.claims.sid set from the verified
-- access token (pgSettings); bench.viewer_id() is the token's user while its session is live and
-- the account active (the checks the API makes per request), else null: nothing is visible.
-- The API and the bare peer connect as the table owner, which RLS does not restrict.
do $$
begin
  if not exists (select from pg_roles where rolname = 'aeo_bench_viewer') then
    create role aeo_bench_viewer nologin;
  end if;
end
$$;

create schema if not exists bench;

create or replace function bench.viewer_id() returns uuid
  language sql stable security definer set search_path = public, pg_temp as $$
  select s.user_id
    from sessions s join users u on u.id = s.user_id
   where s.id = nullif(current_setting('jwt.claims.sid', true), '')::uuid
     and s.user_id = nullif(current_setting('jwt.claims.sub', true), '')::uuid
     and s.revoked_at is null and s.expires_at > now() and u.deactivated_at is null
$$;

-- The viewer's workspaces, as an array (security definer: the policies below read memberships
-- through it, which a policy on workspace_members itself could not do without recursing). The
-- policies call it as `= any (bench.viewer_workspace_ids())`, not wrapped in a sub-select: the
-- planner then evaluates it while estimating (a stable function), knows the viewer has one or
-- two workspaces, and takes the newest audits from the (workspace_id, …) index. Wrapped
-- (an InitPlan, the usual RLS advice) it assumes ~10 workspaces' worth of rows and scans every
-- workspace's newest audits backwards, filtering: 20x slower at full scale (measured: 25-50 ms
-- instead of 2 ms per dashboard statement), which would make PostGraphile a straw man.
create or replace function bench.viewer_workspace_ids() returns uuid[]
  language sql stable security definer set search_path = public, pg_temp as $$
  select coalesce(array_agg(workspace_id), '{}') from workspace_members where user_id = bench.viewer_id()
$$;

-- `viewer` in PostGraphile's schema: the signed-in user (the floor query).
create or replace function public.viewer() returns users
  language sql stable as $$
  select * from users where id = bench.viewer_id()
$$;

grant usage on schema public, bench to aeo_bench_viewer;
grant execute on function bench.viewer_id(), bench.viewer_workspace_ids(), public.viewer() to aeo_bench_viewer;
grant select on users, workspaces, workspace_members, audits, findings to aeo_bench_viewer;
-- Never exposed (the API hides it too).
comment on column users.password_hash is E'@behavior -*';

alter table workspace_members enable row level security;
create policy bench_co_members on workspace_members for select to aeo_bench_viewer
  using (workspace_id = any (bench.viewer_workspace_ids()));

alter table workspaces enable row level security;
create policy bench_member_workspaces on workspaces for select to aeo_bench_viewer
  using (id = any (bench.viewer_workspace_ids()));

alter table audits enable row level security;
create policy bench_member_audits on audits for select to aeo_bench_viewer
  using (workspace_id = any (bench.viewer_workspace_ids()));

-- A finding is visible with its audit (the subquery is itself under the audits policy): one
-- primary-key lookup per finding read, whatever the number of audits the viewer has.
alter table findings enable row level security;
create policy bench_member_findings on findings for select to aeo_bench_viewer
  using (exists (select 1 from audits a where a.id = findings.audit_id));

-- Users: yourself and the members of your workspaces (an audit's owner is one of them).
alter table users enable row level security;
create policy bench_visible_users on users for select to aeo_bench_viewer
  using (id in (select m.user_id from workspace_members m
                 where m.workspace_id = any (bench.viewer_workspace_ids())));
