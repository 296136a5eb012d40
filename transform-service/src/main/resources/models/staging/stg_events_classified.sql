-- Every raw event row with the reason stg_events leaves it out (NULL when it is kept).
-- Keeping the reasons in one place lets the build report what was left out, never silently.
with typed as (
    select
        event_time,
        event_type,
        product_id as raw_product_id,
        {{ to_text(product_id) }} as product_id,
        {{ to_text(category_id) }} as category_id,
        lower(nullif(category_code, '')) as category_code,
        lower(nullif(brand, '')) as brand,
        price,
        {{ to_text(user_id) }} as user_id,
        nullif(user_session, '') as user_session,
        -- Exact repeats share these five fields. Choice (the spec leaves it open): when repeats differ in
        -- other fields, keep the one with the lowest price, then category, code and brand, so rebuilds agree.
        row_number() over (
            partition by event_time, event_type, product_id, user_id, nullif(user_session, '')
            order by price nulls last, category_id nulls last, lower(nullif(category_code, '')) nulls last,
                     lower(nullif(brand, '')) nulls last
        ) as copy_number
    from {{ source('raw', 'events') }}
),

-- Products sold under more than one brand (after lower-casing; NULL brands do not count), judged on all
-- deduplicated rows, including the ones dropped below for other reasons.
multi_brand_products as (
    select raw_product_id
    from typed
    where copy_number = 1 and brand is not null and raw_product_id is not null
    group by raw_product_id
    having count(distinct brand) > 1
)

select
    typed.event_time,
    typed.event_type,
    typed.product_id,
    typed.category_id,
    typed.category_code,
    typed.brand,
    typed.price,
    typed.user_id,
    typed.user_session,
    case
        when typed.copy_number > 1 then 'exact duplicate'
        when multi_brand_products.raw_product_id is not null then 'product under several brands'
        when typed.raw_product_id is null then 'missing product_id'
        when typed.user_session is null then 'missing user_session'
        when typed.event_type is null or typed.event_type not in ('view', 'cart', 'purchase')
            then 'event_type not view, cart or purchase'
    end as exclusion_reason
from typed
left join multi_brand_products
    on typed.raw_product_id = multi_brand_products.raw_product_id
