-- Sessions with a 1-hour (session_timeout_seconds) inactivity timeout. Within one user_session, ordered by
-- event_time, a gap of MORE than the timeout starts a new sub-session (a gap of exactly the timeout does not).
-- The k-th split is '<user_session>_timeout_<k>'; the part before the first timeout keeps the original id.
-- Grouped by user_session alone, not by user. fct_sessions is this table without user_session_key, the MD5 of
-- the user_session every session carries here so that resuming a reused id reads 16 bytes per older session.
--
-- A user_session whose first and last events are at most the timeout apart cannot split: it is one session,
-- summed up without ordering its events. Only the others (4% of events in the generated data) are ordered to find
-- their gaps, the costly part.
--
-- Incremental: the user_sessions with an event on a changed day, or with a session overlapping one (its events
-- there may be gone), are sessionized again from the first day this build reads: the changed days and the days
-- of the sessions still open less than the timeout before them (incremental.also_reads). Their sessions that
-- started before that day ended more than the timeout before the first changed day, so no change reaches them:
-- they stay as they are (incremental_predicates keeps the delete off their days), and the sessionizing resumes
-- after the last of them with the next number (an id reused months later continues its count). A late event
-- that merges or renumbers splits is handled because every session after the first changed day is recomputed.
with
{% if is_incremental() %}
-- The user_sessions this build sessionizes again, each once (used twice: kept as a distinct set, a quarter of the
-- rows the changed days' events would be), with their key.
changed_sessions as (
    select user_session, {{ hash_key(user_session) }} as user_session_key
    from (
        select distinct user_session
        from (
            select user_session from {{ ref('fct_events') }} where {{ in_window(event_date) }}
            union all
            select {{ split_part(session_id, '_timeout_', 1) }} from {{ this }}
            where {{ overlaps_window(session_start_date, cast(session_end_time as date)) }}
        ) as changed
    ) as distinct_sessions
),

-- The one read of older sessions: how many each changed user_session already has (those starting before the first
-- day read, which this build keeps), and when the last of them ended. Joined on user_session_key, a plain 16-byte
-- column (an MD5: no two user_sessions share one in practice) rather than the id cut at '_timeout_': DuckDB then
-- filters the scan itself with the changed keys (a Bloom filter) and reads the two other columns of the matches
-- alone. A day on 100M events of history: 0.8 s for this model against 3.0-3.6 s on the cut ids.
-- The day condition is applied in the sums, and given to the scan only to skip partitions (prune_partitions: on
-- BigQuery): DuckDB, estimating that a range condition keeps a fifth of the rows, otherwise put the 25M older
-- sessions rather than a month's 3M changed ids into the join's hash table (100M events: 10 s of CPU, not 1).
resume_after as (
    select
        changed.user_session,
        max(case when older.is_kept then older.session_end_time end) as kept_until,
        count(case when older.is_kept then 1 end) as kept_count
    from (
        select
            user_session_key,
            session_start_date < {{ read_window_start() }} as is_kept,
            session_end_time
        from {{ this }}
        where {{ prune_partitions(session_start_date < {{ read_window_start() }}) }}
    ) as older
    inner join changed_sessions as changed on older.user_session_key = changed.user_session_key
    group by changed.user_session
    having count(case when older.is_kept then 1 end) > 0
),
{% endif %}

-- The events to sessionize, with the number their user_session's sessions continue from (0 unless older sessions
-- of a reused id are kept). Read once for each of its two uses rather than stored: cheaper for this many rows.
session_events as {{ not_materialized() }} (
    select
        events.user_session,
        events.event_time,
        events.product_id,
        events.user_id,
        events.is_view,
        events.is_cart_add,
        events.is_purchase,
        events.revenue,
{% if is_incremental() %}
        coalesce(resume_after.kept_count, 0) as first_number
    from (
        -- Every event of the changed days (their user_sessions are the changed ones) and, from the earlier days
        -- read, the events of changed user_sessions: only those few are matched against the changed ids.
        select * from {{ ref('fct_events') }} where {{ in_window(event_date) }}
        union all
        select * from {{ ref('fct_events') }}
        where {{ in_read_window(event_date) }} and not {{ in_window(event_date) }}
            and user_session in (select user_session from changed_sessions)
    ) as events
    left join resume_after on events.user_session = resume_after.user_session
    where resume_after.kept_until is null or events.event_time > resume_after.kept_until
{% else %}
        0 as first_number
    from {{ ref('fct_events') }} as events
{% endif %}
),

-- Per user_session and product, then per user_session: counting the product rows of the first step is faster
-- than count(distinct product_id).
user_session_products as (
    select
        user_session,
        first_number,
        product_id,
        min(event_time) as first_event_time,
        max(event_time) as last_event_time,
        max(user_id) as user_id,
        count(*) as event_count,
        sum(is_cart_add) as cart_additions,
        sum(is_purchase) as purchase_count,
        sum(is_view) as view_count,
        sum(revenue) as total_revenue
    from session_events
    group by user_session, first_number, product_id
),

user_sessions as (
    select
        user_session,
        first_number,
        min(first_event_time) as session_start_time,
        max(last_event_time) as session_end_time,
        max(user_id) as user_id,
        {{ to_int(sum(event_count)) }} as event_count,
        count(product_id) as unique_product_count,
        sum(cart_additions) as cart_additions,
        sum(purchase_count) as purchase_count,
        sum(view_count) as view_count,
        sum(total_revenue) as total_revenue,
        {{ seconds_between(min(first_event_time), max(last_event_time)) }} > {{ var('session_timeout_seconds') }}
            as can_split
    from user_session_products
    group by user_session, first_number
),

-- The user_sessions that can split, event by event in time order.
ordered as (
    select
        session_events.*,
        lag(event_time) over (partition by user_session order by event_time) as previous_event_time
    from session_events
    where user_session in (select user_session from user_sessions where can_split)
),
flagged as (
    select
        *,
        case
            when previous_event_time is not null
                and {{ seconds_between(previous_event_time, event_time) }} > {{ var('session_timeout_seconds') }}
            then 1 else 0
        end as starts_after_timeout
    from ordered
),

numbered as (
    select
        *,
        -- The default RANGE frame sums over all events up to and including those at the same event_time, so
        -- events with equal times always share a timeout count, whichever order the engine puts them in.
        first_number
            + sum(starts_after_timeout) over (partition by user_session order by event_time) as timeouts_so_far
    from flagged
),

sessions as (
    select
        {{ split_session_id(user_session, first_number) }} as session_id,
        user_session,
        session_start_time,
        session_end_time,
        user_id,
        event_count,
        unique_product_count,
        cart_additions,
        purchase_count,
        view_count,
        total_revenue
    from user_sessions
    where not can_split
    union all
    select
        {{ split_session_id(user_session, timeouts_so_far) }} as session_id,
        user_session,
        min(event_time) as session_start_time,
        max(event_time) as session_end_time,
        max(user_id) as user_id,
        count(*) as event_count,
        count(distinct product_id) as unique_product_count,
        sum(is_cart_add) as cart_additions,
        sum(is_purchase) as purchase_count,
        sum(is_view) as view_count,
        sum(revenue) as total_revenue
    from numbered
    group by 1, 2
)

select
    session_id,
    session_start_time,
    session_end_time,
    cast(session_start_time as date) as session_start_date,
    user_id,
    event_count,
    unique_product_count,
    cart_additions,
    purchase_count,
    view_count,
    total_revenue,
    {{ seconds_between(session_start_time, session_end_time) }} as session_length,
    case when view_count > 0 then 1 else 0 end as reached_view,
    case when cart_additions > 0 then 1 else 0 end as reached_cart,
    case when purchase_count > 0 then 1 else 0 end as reached_purchase,
    case
        when purchase_count > 0 then 'purchase'
        when cart_additions > 0 then 'cart'
        when view_count > 0 then 'view'
        else 'no_activity'
    end as funnel_stage,
    {{ hash_key(user_session) }} as user_session_key
from sessions
