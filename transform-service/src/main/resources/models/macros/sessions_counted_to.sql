-- The day int_user_sessions has counted each user's final sessions to, as an aggregate over its rows: its newest
-- counted_before, or 1970-01-01 while it counts none (everything is then read as not yet counted). Written once for
-- int_user_sessions and dim_users, in their SQL and in their also_reads, which hand it on as a constant to skip
-- older days by.
{% macro sessions_counted_to() %}
coalesce(max(counted_before), date '1970-01-01')
{% endmacro %}
