-- The id of a user_session's k-th session (k counts the timeouts before it): the user_session itself for the
-- first, '<user_session>_timeout_<k>' after. Written once for int_sessions' sessions summed up whole and split.
{% macro split_session_id(user_session, k) %}
case
    when {{ k }} = 0 then {{ user_session }}
    else {{ user_session }} || '_timeout_' || {{ to_text(k) }}
end
{% endmacro %}
