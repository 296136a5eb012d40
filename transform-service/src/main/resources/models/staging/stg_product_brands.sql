-- The brands each product is sold under: the smallest and the largest (lower case, NULL brands left out) over
-- the kept copy of every row, of every day, including rows stg_events drops for other reasons. A product with
-- min_brand <> max_brand is sold under several brands. Folded day by day: the changed days' brands are combined
-- with the state before this build.
with changed_days as (
    select product_id, min(brand) as min_brand, max(brand) as max_brand
    from {{ ref('stg_events_deduped') }}
    where copy_number = 1 and brand is not null and product_id is not null and {{ in_window(event_date) }}
    group by product_id
)

select product_id, min(min_brand) as min_brand, max(max_brand) as max_brand
from (
    select product_id, min_brand, max_brand from changed_days
{% if is_incremental() %}
    union all
    select product_id, min_brand, max_brand from {{ this }}
    where product_id in (select product_id from changed_days)
{% endif %}
) as brand_state
group by product_id
