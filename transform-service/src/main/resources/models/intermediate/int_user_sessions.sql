-- Each user's sessions that no later build can change: those starting before counted_before. dim_users counts a
-- user's sessions as these plus the user's sessions from the newest counted_before on, so a new day's build reads
-- a few days of fct_sessions rather than every session's user_id.
--
-- A session starting before the first day a build reads again (the sessions still open less than the timeout
-- before its first new day, or that day) ended more than the timeout before the new events: no later event can
-- extend it, split it or hand it to another user, and later builds start reading again no earlier (a day before the
-- last one folded in rebuilds this table, as it does dim_users). So each build adds to these counts the sessions
-- that became final since the previous one: those from the previous counted_before to its own first day.
{% if is_incremental() %}
with
-- The day the counts reach: the newest counted_before (1970-01-01 when nothing is counted yet). Also read as a
-- constant through incremental.also_reads, which makes read_window_start() no later than it, so that the reads of
-- fct_sessions below skip older days (BigQuery prunes partitions on the constant, DuckDB row groups).
counted as (
    select coalesce(max(counted_before), date '1970-01-01') as day from {{ this }}
),
-- This build's first day read again: the first day of the sessions still open less than the timeout before the
-- first new day, or that day itself (the same day as fct_sessions' read window).
final_before as (
    select least(
        cast({{ window_start_ts() }} as date),
        coalesce(min(session_start_date), cast({{ window_start_ts() }} as date))
    ) as day
    from {{ ref('fct_sessions') }}
    where session_start_date >= {{ read_window_start() }}
        and session_end_time >= {{ window_start_ts({{ var('session_timeout_seconds') }}) }}
),
newly_final as (
    select sessions.user_id, count(*) as session_count
    from {{ ref('fct_sessions') }} as sessions
    cross join counted
    cross join final_before
    where sessions.session_start_date >= {{ read_window_start() }}
        and sessions.session_start_date >= counted.day
        and sessions.session_start_date < final_before.day
    group by sessions.user_id
)

select
    newly_final.user_id,
    {{ to_int(coalesce(previous.final_sessions, 0) + newly_final.session_count) }} as final_sessions,
    final_before.day as counted_before
from newly_final
cross join final_before
left join {{ this }} as previous on newly_final.user_id = previous.user_id
{% else %}
with
-- A full build counts the sessions before the first day of those still open less than the timeout before the
-- newest day begins: no later day's build reads earlier than that.
newest as (
    select max(cast(session_end_time as date)) as day from {{ ref('fct_sessions') }}
),
final_before as (
    select min(sessions.session_start_date) as day
    from {{ ref('fct_sessions') }} as sessions
    cross join newest
    where {{ seconds_between(sessions.session_end_time, cast(newest.day as timestamp)) }}
        <= {{ var('session_timeout_seconds') }}
)

select sessions.user_id, count(*) as final_sessions, final_before.day as counted_before
from {{ ref('fct_sessions') }} as sessions
cross join final_before
where sessions.session_start_date < final_before.day
group by sessions.user_id, final_before.day
{% endif %}
