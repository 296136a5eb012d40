-- One row per category_id with its code and the four levels of the dotted hierarchy.
with codes as (
    select
        category_id as raw_category_id,
        -- The greatest non-null code, so a code wins over NULL.
        max(category_code) as category_code
    from {{ ref('fct_events') }}
    where category_id is not null
    group by category_id
)

select
    raw_category_id,
    category_code,
    {{ split_part(category_code, '.', 1) }} as category_lvl_1,
    {{ split_part(category_code, '.', 2) }} as category_lvl_2,
    {{ split_part(category_code, '.', 3) }} as category_lvl_3,
    {{ split_part(category_code, '.', 4) }} as category_lvl_4
from codes
