-- A user's activity status from the days since their last purchase and last activity (measured to max_date)
-- and their purchase count: written once for dim_users' SELECT and for its post_hook, which moves the status of
-- every user whose row an incremental build did not rewrite.
{% macro activity_status(days_since_last_purchase, days_since_last_activity, purchase_count) %}
case
    when {{ purchase_count }} > 0 then
        case
            when {{ days_since_last_purchase }} > {{ var('churn_threshold_days') }}
                and {{ days_since_last_activity }} > {{ var('churn_threshold_days') }} then 'churned'
            when {{ days_since_last_purchase }} > {{ var('at_risk_threshold_days') }} then 'at_risk'
            when {{ days_since_last_purchase }} > {{ var('declining_threshold_days') }} then 'declining'
            else 'active'
        end
    else 'prospect'
end
{% endmacro %}
