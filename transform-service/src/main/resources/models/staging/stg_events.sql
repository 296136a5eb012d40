-- Deduplicated, cleaned events: one row per (event_time, event_type, product_id, user_id, user_session),
-- ids as text, lower-cased category_code and brand, multi-brand products and incomplete rows removed.
select
    event_time,
    event_type,
    product_id,
    category_id,
    category_code,
    brand,
    price,
    user_id,
    user_session,
    event_date
from {{ ref('stg_events_classified') }}
where exclusion_reason is null
