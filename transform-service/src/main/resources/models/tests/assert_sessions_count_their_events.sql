-- A singular test (dbt's tests/ folder): the rows it returns break the rule. A session's purchases, carts and views
-- are some of its events, so none of them can outnumber its events.
-- tested_rows() rather than ref(): a session's rule reads that session alone, so an incremental build checks the
-- sessions it changed (every session on a full build and in ./estore test), as SQLMesh audits an interval.
select session_id, event_count, purchase_count, cart_additions, view_count
from {{ tested_rows('int_sessions') }}
where purchase_count > event_count
   or cart_additions > event_count
   or view_count > event_count
