-- Cohort churn over customers. Eligible: customers whose first purchase is at least
-- cohort_observation_window_days before dataset_end (the newest first purchase). Churned in cohort: a single
-- purchase, or a last purchase no more than the window after the first. Empty while no customer is eligible.
with customers as (
    select user_id, purchase_count, first_purchase_date, last_purchase_date
    from {{ ref('dim_users') }}
    where purchase_count > 0
),

dataset as (
    select max(first_purchase_date) as dataset_end from customers
),

eligible as (
    select
        customers.*,
        {{ month_start(first_purchase_date) }} as cohort_month,
        case
            when purchase_count = 1
                or {{ date_diff_days(first_purchase_date, last_purchase_date) }}
                    <= {{ var('cohort_observation_window_days') }}
            then 1 else 0
        end as churned_in_cohort
    from customers
    cross join dataset
    where {{ date_diff_days(first_purchase_date, dataset.dataset_end) }} >= {{ var('cohort_observation_window_days') }}
)

select
    'cohort_overall' as metric_level,
    'all_eligible_cohorts' as time_period,
    count(*) as total_customers,
    sum(churned_in_cohort) as churned_customers,
    round({{ safe_divide(sum(churned_in_cohort), count(*)) }}, 4) as churn_rate,
    min(first_purchase_date) as cohort_start,
    max(first_purchase_date) as cohort_end
from eligible
having count(*) > 0

union all

select
    'by_cohort_month' as metric_level,
    {{ to_text(cohort_month) }} as time_period,
    count(*) as total_customers,
    sum(churned_in_cohort) as churned_customers,
    round({{ safe_divide(sum(churned_in_cohort), count(*)) }}, 4) as churn_rate,
    min(first_purchase_date) as cohort_start,
    max(first_purchase_date) as cohort_end
from eligible
group by 2
