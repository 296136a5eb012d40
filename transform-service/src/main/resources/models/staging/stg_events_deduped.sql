-- Every raw event row of the changed days, cast and cleaned, with its copy number among exact repeats and the
-- reason stg_events leaves it out for a fault of its own. Whether its product is sold under several brands is a
-- judgement over all days: stg_product_brands keeps it, stg_events_classified applies it.
with typed as (
    select
        event_time,
        event_type,
        {{ to_text(product_id) }} as product_id,
        {{ to_text(category_id) }} as category_id,
        lower(nullif(category_code, '')) as category_code,
        lower(nullif(brand, '')) as brand,
        price,
        {{ to_text(user_id) }} as user_id,
        nullif(user_session, '') as user_session,
        -- Exact repeats share these five fields, so they share a day: deduplicating day by day is exact.
        -- Choice (the spec leaves it open): when repeats differ in other fields, keep the one with the lowest
        -- price, then category, code and brand, so rebuilds agree.
        row_number() over (
            partition by event_time, event_type, product_id, user_id, nullif(user_session, '')
            order by price nulls last, category_id nulls last, lower(nullif(category_code, '')) nulls last,
                     lower(nullif(brand, '')) nulls last
        ) as copy_number
    from {{ source('raw', 'events') }}
    where {{ in_window_ts(event_time) }}
)

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
    cast(event_time as date) as event_date,
    copy_number,
    case
        when product_id is null then 'missing product_id'
        when user_session is null then 'missing user_session'
        when event_type is null or event_type not in ('view', 'cart', 'purchase')
            then 'event_type not view, cart or purchase'
    end as row_fault
from typed
