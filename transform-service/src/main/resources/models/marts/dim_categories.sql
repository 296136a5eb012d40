-- One row per category_id with its code and the four levels of the dotted hierarchy. Folded day by day: the
-- greatest code of the changed days is combined with the code the category had before this build.
with changed_days as (
    select
        category_id as raw_category_id,
        -- The greatest non-null code, so a code wins over NULL.
        max(category_code) as category_code
    from {{ ref('fct_events') }}
    where category_id is not null and {{ in_window(event_date) }}
    group by category_id
),

codes as (
    select raw_category_id, max(category_code) as category_code
    from (
        select raw_category_id, category_code from changed_days
{% if is_incremental() %}
        union all
        select raw_category_id, category_code from {{ this }}
        where raw_category_id in (select raw_category_id from changed_days)
{% endif %}
    ) as code_state
    group by raw_category_id
)

select
    raw_category_id,
    category_code,
    {{ split_part(category_code, '.', 1) }} as category_lvl_1,
    {{ split_part(category_code, '.', 2) }} as category_lvl_2,
    {{ split_part(category_code, '.', 3) }} as category_lvl_3,
    {{ split_part(category_code, '.', 4) }} as category_lvl_4
from codes
