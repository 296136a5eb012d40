-- Every raw event row with the reason stg_events leaves it out (NULL when it is kept). Keeping the reasons in
-- one place lets the build report what was left out, never silently.
select
    deduped.event_time,
    deduped.event_type,
    deduped.product_id,
    deduped.category_id,
    deduped.category_code,
    deduped.brand,
    deduped.price,
    deduped.user_id,
    deduped.user_session,
    deduped.event_date,
    case
        when deduped.copy_number > 1 then 'exact duplicate'
        when brands.min_brand <> brands.max_brand then 'product under several brands'
        else deduped.row_fault
    end as exclusion_reason
from {{ ref('stg_events_deduped') }} as deduped
left join {{ ref('stg_product_brands') }} as brands
    on deduped.product_id = brands.product_id
