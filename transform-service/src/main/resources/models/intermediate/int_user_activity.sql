-- Running totals of each user's events, folded day by day: the changed days' events are summed per user and
-- combined with the totals before this build (counts and sums add up, firsts take the min, lasts the max).
-- dim_users derives its lifecycle figures from here, in proportion to users rather than events.
with changed_days as (
    select
        user_id,
        min(event_time) as first_event_time,
        min(event_date) as first_event_date,
        max(event_time) as last_event_time,
        max(event_date) as last_event_date,
        count(*) as event_count,
        sum(is_purchase) as purchase_count,
        sum(revenue) as revenue_sum,
        count(revenue) as revenue_count,
        min(case when is_purchase = 1 then event_date end) as first_purchase_date,
        max(case when is_purchase = 1 then event_date end) as last_purchase_date
    from {{ ref('fct_events') }}
    where {{ in_window(event_date) }}
    group by user_id
)

select
    user_id,
    min(first_event_time) as first_event_time,
    min(first_event_date) as first_event_date,
    max(last_event_time) as last_event_time,
    max(last_event_date) as last_event_date,
    {{ to_int(sum(event_count)) }} as event_count,
    sum(purchase_count) as purchase_count,
    sum(revenue_sum) as revenue_sum,
    {{ to_int(sum(revenue_count)) }} as revenue_count,
    min(first_purchase_date) as first_purchase_date,
    max(last_purchase_date) as last_purchase_date
from (
    select * from changed_days
{% if is_incremental() %}
    union all
    select
        user_id, first_event_time, first_event_date, last_event_time, last_event_date, event_count,
        purchase_count, revenue_sum, revenue_count, first_purchase_date, last_purchase_date
    from {{ this }}
    where user_id in (select user_id from changed_days)
{% endif %}
) as user_state
group by user_id
