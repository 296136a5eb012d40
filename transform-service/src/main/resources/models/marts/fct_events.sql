-- One row per staged event with purchase/cart/view flags and revenue.
-- event_id hashes the five fields and the row number of the row among those equal on them (the spec). stg_events
-- keeps one row of each five (copy 1 of exact repeats), so that number is 1 on every row: written as the constant,
-- which spares a sort of every event. Should staging ever let equal rows through, the unique test on event_id fails.
select
    {{ surrogate_key(event_time, event_type, user_id, product_id, user_session, 1) }} as event_id,
    event_time,
    event_type,
    product_id,
    category_id,
    category_code,
    brand,
    price,
    user_id,
    user_session,
    event_date,
    1 as quantity,
    case when event_type = 'purchase' then 1 else 0 end as is_purchase,
    case when event_type = 'cart' then 1 else 0 end as is_cart_add,
    case when event_type = 'view' then 1 else 0 end as is_view,
    case when event_type = 'purchase' then price end as revenue
from {{ ref('stg_events') }}
-- only the days this build rewrites (every day in a full build)
where {{ in_window(event_date) }}
