-- User-level lifecycle metrics. One row per user_id in fct_events; "today" is the newest event_date of all
-- fct_events (max_date), so the figures describe the data, not the wall clock. Computed from the running totals
-- of int_user_activity, in proportion to users rather than events.
--
-- Incremental (a new day): only the users whose figures the new events can change are computed again (see
-- user_events); every other user keeps their row, and the post_hook in dim_users.yml moves their days since
-- last activity and purchase, and with them their status, to the new max_date.
with dataset as (
    select max(last_event_date) as max_date from {{ ref('int_user_activity') }}
),

user_events as (
    select
        activity.*,
        {{ to_int(activity.revenue_sum * 100) }} as revenue_cents
    from {{ ref('int_user_activity') }} as activity
{% if is_incremental() %}
    -- The users with events on the days this build reads: the new days, and the days of the sessions still open
    -- before them (incremental.also_reads), whose user can lose a session that a new event merges into another's.
    -- Found by their last event, which int_user_activity has already moved to those days: a superset at worst
    -- (a user with later events is computed again, to the same row), and a constant bound that skips the row
    -- groups of users inactive since (each fold appends the users it touched). Cold, a day on 10M events: 170 ms
    -- against 300 for finding them in fct_events and joining every user's totals to them.
    where activity.last_event_date >= {{ read_window_start() }}
{% endif %}
),

{% if is_incremental() %}
-- A changed user's sessions: those no build can change any more, counted in int_user_sessions, and those from the
-- day it has counted to (no earlier than read_window_start(): incremental.also_reads), read here: a few days.
user_sessions as (
    select counts.user_id, {{ to_int(sum(counts.sessions)) }} as session_count
    from (
        select user_id, final_sessions as sessions from {{ ref('int_user_sessions') }}
        union all
        select user_id, count(*) as sessions
        from {{ ref('int_sessions') }}
        where session_start_date >= {{ read_window_start() }}
            and session_start_date >= (
                select {{ sessions_counted_to() }} from {{ ref('int_user_sessions') }}
            )
        group by user_id
    ) as counts
    inner join user_events on counts.user_id = user_events.user_id
    group by counts.user_id
),
{% else %}
user_sessions as (
    select user_id, count(*) as session_count
    from {{ ref('int_sessions') }}
    group by user_id
),
{% endif %}

measured as (
    select
        user_events.*,
        coalesce(user_sessions.session_count, 0) as session_count,
        round(user_events.revenue_sum, 2) as total_revenue,
        -- The average order value in whole cents, rounded half away from zero with integers only, so it is
        -- exact on every engine (revenue is never negative: fct_events tests it).
        case when user_events.revenue_count > 0 then
            {{ int_div(2 * user_events.revenue_cents + user_events.revenue_count, 2 * user_events.revenue_count) }}
        end as avg_order_value_cents,
        {{ date_diff_days(last_event_date, dataset.max_date) }} as days_since_last_activity,
        {{ date_diff_days(last_purchase_date, dataset.max_date) }} as days_since_last_purchase
    from user_events
    cross join dataset
    left join user_sessions on user_events.user_id = user_sessions.user_id
),

classified as (
    select
        *,
        {{ activity_status(days_since_last_purchase, days_since_last_activity, purchase_count) }} as activity_status
    from measured
)

select
    user_id,
    first_event_time,
    first_event_date,
    last_event_time,
    last_event_date,
    session_count,
    event_count,
    case when purchase_count > 0 then total_revenue end as total_revenue,
    purchase_count,
    first_purchase_date,
    last_purchase_date,
    {{ cents_to_money(avg_order_value_cents) }} as avg_order_value,
    case
        when purchase_count > 0 then greatest({{ date_diff_days(first_purchase_date, last_purchase_date) }}, 1)
    end as customer_lifespan_days,
    days_since_last_activity,
    days_since_last_purchase,
    case when purchase_count > 0 then total_revenue end as customer_ltv,
    activity_status,
    case when activity_status = 'churned' then 1 else 0 end as is_churned,
    purchase_count > 0 as has_purchase_history,
    case
        when session_count = 0 then 'missing_sessions'
        when {{ safe_divide(event_count, session_count) }} > {{ var('session_outlier_ratio') }}
            then 'anomalous_session_ratio'
    end as data_quality_flag
from classified
