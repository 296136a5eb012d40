-- One row per staged event with purchase/cart/view flags and revenue.
with numbered as (
    select
        *,
        -- Tells apart rows equal on the five key fields, so event_id is unique even if staging ever lets
        -- such rows through (its deduplication makes this 1 today).
        row_number() over (
            partition by event_time, event_type, user_id, product_id, user_session
            order by price, category_id
        ) as occurrence
    from {{ ref('stg_events') }}
    -- only the days this build rewrites (every day in a full build)
    where {{ in_window(event_date) }}
)

select
    {{ surrogate_key(event_time, event_type, user_id, product_id, user_session, occurrence) }} as event_id,
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
from numbered
