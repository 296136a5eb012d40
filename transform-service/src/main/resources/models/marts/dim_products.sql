-- One row per product: the (brand, category_id) pair it appears with most often in fct_events, counted in
-- int_product_pairs, in proportion to products rather than events.
--
-- Incremental (a new day): only the products whose row can change are computed again: those with events on the
-- new days (their counts moved) and those whose category's code moved (a new code seen for the category, on
-- another product's event); the others keep their rows.
with
{% if is_incremental() %}
changed_products as (
    select product_id from {{ ref('fct_events') }} where {{ in_window(event_date) }}
    union all
    select products.product_id
    from {{ this }} as products
    left join {{ ref('dim_categories') }} as categories
        on products.category_id = categories.raw_category_id
    where products.category_code is distinct from categories.category_code
),

{% endif %}
pairs as (
    select product_id, brand, category_id, events
    from {{ ref('int_product_pairs') }}
{% if is_incremental() %}
    where product_id in (select product_id from changed_products)
{% endif %}
),

ranked as (
    select
        *,
        row_number() over (
            partition by product_id
            order by
                events desc,
                case when brand is null then 1 else 0 end,   -- a non-null brand first
                brand,                                         -- then the smaller brand
                case when category_id is null then 1 else 0 end,
                length(category_id),                           -- then the smaller category_id: ids are digit
                category_id                                    -- strings, so shorter is smaller (numeric order)
        ) as preference
    from pairs
)

select
    ranked.product_id,
    ranked.brand,
    ranked.category_id,
    categories.category_code,
    categories.category_lvl_1,
    categories.category_lvl_2,
    categories.category_lvl_3,
    categories.category_lvl_4
from ranked
left join {{ ref('dim_categories') }} as categories
    on ranked.category_id = categories.raw_category_id
where ranked.preference = 1
