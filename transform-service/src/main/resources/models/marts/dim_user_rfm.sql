-- RFM scores and segments for customers (users with at least one purchase).
-- NTILE ties are broken by user_id (text, ascending) so a rebuild on the same data gives the same scores.
with customers as (
    select user_id, days_since_last_purchase, purchase_count, total_revenue
    from {{ ref('dim_users') }}
    where purchase_count > 0
),

ranked as (
    select
        user_id,
        ntile(5) over (order by days_since_last_purchase desc, user_id) as recency_score,
        percent_rank() over (order by purchase_count) as frequency_percent_rank,
        -- Choice: a customer whose purchases carry no revenue (NULL) ranks lowest.
        ntile(5) over (order by total_revenue nulls first, user_id) as monetary_score
    from customers
),

scored as (
    select
        user_id,
        recency_score,
        case
            when frequency_percent_rank < 0.2 then 1
            when frequency_percent_rank < 0.4 then 2
            when frequency_percent_rank < 0.6 then 3
            when frequency_percent_rank < 0.8 then 4
            else 5
        end as frequency_score,
        monetary_score
    from ranked
)

select
    user_id,
    recency_score,
    frequency_score,
    monetary_score,
    recency_score + frequency_score + monetary_score as rfm_score,
    case
        when recency_score >= 4 and frequency_score >= 4 and monetary_score >= 4 then 'Champions'
        when recency_score <= 2 and frequency_score >= 4 and monetary_score >= 4 then 'At Risk'
        when recency_score >= 4 and frequency_score >= 3 then 'Loyal Customers'
        when recency_score >= 3 and frequency_score >= 3 then 'Potential Loyalists'
        when recency_score >= 4 and frequency_score < 3 then 'Recent Customers'
        when recency_score = 3 and frequency_score < 3 then 'Promising'
        when recency_score <= 2 and frequency_score >= 3 then 'About To Sleep'
        when recency_score <= 2 and frequency_score <= 2 and monetary_score <= 2 then 'Lost'
        else 'Needs Attention'
    end as rfm_segment
from scored
