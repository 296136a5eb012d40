-- How often each product appears with each (brand, category_id) pair in fct_events, folded day by day: the
-- changed days' counts are added to the counts before this build. dim_products picks each product's
-- most frequent pair from here.
with changed_days as (
    select product_id, brand, category_id, count(*) as events
    from {{ ref('fct_events') }}
    where {{ in_window(event_date) }}
    group by product_id, brand, category_id
)

select product_id, brand, category_id, sum(events) as events
from (
    select product_id, brand, category_id, events from changed_days
{% if is_incremental() %}
    union all
    select product_id, brand, category_id, events from {{ this }}
    where product_id in (select product_id from changed_days)
{% endif %}
) as pair_state
group by product_id, brand, category_id
