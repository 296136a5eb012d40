-- A generic test (dbt's tests/generic): the rows whose column lies outside [min, max]. Used in a model's YAML as
-- `- between: {min: 1, max: 5}`; {{ model }} is the model's rows under test, {{ column_name }} the column.
select {{ column_name }}
from {{ model }}
where {{ column_name }} < {{ min }} or {{ column_name }} > {{ max }}
