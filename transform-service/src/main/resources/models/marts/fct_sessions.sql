-- Sessions with a 1-hour (session_timeout_seconds) inactivity timeout and their conversion funnel stage: the
-- sessions int_sessions builds (incrementally) and tests, without the key it keeps for its own builds.
select
    session_id,
    session_start_time,
    session_end_time,
    session_start_date,
    user_id,
    event_count,
    unique_product_count,
    cart_additions,
    purchase_count,
    view_count,
    total_revenue,
    session_length,
    reached_view,
    reached_cart,
    reached_purchase,
    funnel_stage
from {{ ref('int_sessions') }}
