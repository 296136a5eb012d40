-- Each user's sessions that no later build can change: those starting before counted_before. dim_users counts a
-- user's sessions as these plus the user's sessions from the newest counted_before on, so a new day's build reads
-- a few days of int_sessions (fct_sessions' rows) rather than every session's user_id.
--
-- counted_before is the first day of the sessions still open less than the timeout before the newest day began.
-- A session starting earlier ended more than the timeout before any event of a later day: no later file's events
-- can extend it, split it or hand it to another user, and a later day's build reads again from no earlier than that
-- day (a day before the last one folded in rebuilds this table, as it does dim_users). Each build adds the sessions
-- that became final since the previous one: from the previous counted_before to its own.
with
-- An incremental build reads the sessions from the day the counts reach so far (sessions_counted_to);
-- incremental.also_reads reads that day too, which makes read_window_start() no later than it: a constant the read
-- skips older days by (BigQuery's partitions, DuckDB's row groups).
recent_sessions as (
    select user_id, session_start_date, session_end_time
    from {{ ref('int_sessions') }}
{% if is_incremental() %}
    where session_start_date >= {{ read_window_start() }}
        and session_start_date >= (select {{ sessions_counted_to() }} from {{ this }})
{% endif %}
),

newest as (
    select max(cast(session_end_time as date)) as day from recent_sessions
),

final_before as (
    select min(recent_sessions.session_start_date) as day
    from recent_sessions
    cross join newest
    where {{ seconds_between(recent_sessions.session_end_time, cast(newest.day as timestamp)) }}
        <= {{ var('session_timeout_seconds') }}
),

newly_final as (
    select recent_sessions.user_id, count(*) as session_count, final_before.day as counted_before
    from recent_sessions
    cross join final_before
    where recent_sessions.session_start_date < final_before.day
    group by recent_sessions.user_id, final_before.day
)

select
    newly_final.user_id,
{% if is_incremental() %}
    {{ to_int(coalesce(previous.final_sessions, 0) + newly_final.session_count) }} as final_sessions,
{% else %}
    newly_final.session_count as final_sessions,
{% endif %}
    newly_final.counted_before
from newly_final
{% if is_incremental() %}
left join {{ this }} as previous on newly_final.user_id = previous.user_id
{% endif %}
