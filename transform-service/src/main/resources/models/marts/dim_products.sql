-- One row per product: the (brand, category_id) pair it appears with most often in fct_events, counted in
-- int_product_pairs. Rebuilt whole from those counts, in proportion to products rather than events.
with pairs as (
    select product_id, brand, category_id, events
    from {{ ref('int_product_pairs') }}
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
