// The dashboard: the seed's three workbooks as tabs plus an overview, fed by the semantic layer's query API
// (POST /semantic/query) and drawn with Chart.js (served from its webjar). The filters live in the URL, so a view
// can be bookmarked and shared; every chart offers its rows as CSV.
'use strict';

const SEGMENT = 'dim_users.rfm_segment_inclusive';
const CATEGORY = 'dim_products.category_lvl_1';
const SUB_CATEGORY = 'dim_products.category_lvl_2';
const EVENT_DATE = 'fct_events.event_date';
const SESSION_DATE = 'fct_sessions.session_start_date';
const COLORS = ['#3b7dd8', '#e39b2d', '#2e9e6a', '#b3261e', '#7a5cc2'];
const charts = {};

// ---- the API ----------------------------------------------------------------------------------------------------

async function query(body) {
  const response = await fetch('/semantic/query', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
    body: JSON.stringify(body)
  });
  if (!response.ok) {
    const error = new Error((await response.json().catch(() => ({}))).error || response.statusText);
    error.status = response.status;
    throw error;
  }
  return (await response.json()).rows;
}

// The filters as each topic can apply them: the date on its own date column, category only where products join.
function filtersFor(topic, state, {dates = true} = {}) {
  const filters = [];
  const dateField = topic === 'Events' ? EVENT_DATE : topic === 'Sessions' ? SESSION_DATE : null;
  if (dates && dateField && state.from && state.to) {
    filters.push({field: dateField, op: 'between', values: [state.from, state.to]});
  }
  if (topic === 'Events' && state.category) filters.push({field: CATEGORY, op: 'eq', value: state.category});
  if (state.segment) filters.push({field: SEGMENT, op: 'eq', value: state.segment});
  return filters;
}

// ---- state in the URL ---------------------------------------------------------------------------------------------

const FILTER_INPUTS = {from: 'filter-from', to: 'filter-to', category: 'category-filter', segment: 'segment-filter',
  grain: 'grain-filter'};

function readState() {
  const params = new URLSearchParams(location.search);
  return {from: params.get('from') || '', to: params.get('to') || '', category: params.get('category') || '',
    segment: params.get('segment') || '', grain: params.get('grain') || 'day', tab: params.get('tab') || 'overview'};
}

function writeState(state) {
  const params = new URLSearchParams();
  Object.entries(state).forEach(([key, value]) => { if (value) params.set(key, value); });
  history.replaceState(null, '', location.pathname + '?' + params.toString());
}

// ---- formatting ---------------------------------------------------------------------------------------------------

const integer = value => Number(value).toLocaleString('en-US', {maximumFractionDigits: 0});
const money = value => Number(value).toLocaleString('en-US', {style: 'currency', currency: 'USD',
  maximumFractionDigits: 0});
const percent = value => (100 * Number(value)).toFixed(2) + '%';
const FORMATS = {integer, money, percent};

function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

function addDays(iso, days) {
  const date = new Date(iso + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() + days);
  return isoDate(date);
}

function daysBetween(from, to) {
  return Math.round((new Date(to + 'T00:00:00Z') - new Date(from + 'T00:00:00Z')) / 86400000) + 1;
}

// The Monday of the date's week (ISO weeks).
function weekOf(iso) {
  const date = new Date(iso + 'T00:00:00Z');
  return addDays(iso, -((date.getUTCDay() + 6) % 7));
}

// ---- charts -------------------------------------------------------------------------------------------------------

// CSV of the rows behind a chart, offered as a link in the card's title.
function offerCsv(container, name, rows, columns) {
  const escape = value => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  };
  const csv = [columns.join(','), ...rows.map(row => columns.map(column => escape(row[column])).join(','))].join('\n');
  const title = container.closest('.card').querySelector('h2');
  let link = title.querySelector('a.csv');
  if (!link) {
    link = document.createElement('a');
    link.className = 'csv';
    link.textContent = 'CSV';
    // "CSV of Conversion" rather than the same "CSV" for every chart in a screen reader's list of links
    link.setAttribute('aria-label', 'CSV of ' + title.firstChild.textContent.trim());
    title.appendChild(link);
  }
  link.href = 'data:text/csv;charset=utf-8,' + encodeURIComponent(csv);
  link.download = name + '.csv';
}

// ---- the charts' table alternatives ----------------------------------------------------------------------------------

// Column headings and formats of the rows behind the charts (the CSV's columns), for their tables.
const COLUMNS = {
  date: ['Date'], [SEGMENT]: ['RFM segment'], [CATEGORY]: ['Category'], [SUB_CATEGORY]: ['Sub-category'],
  stage: ['Stage'], revenue: ['Revenue', money], sessions: ['Sessions', integer],
  converting_sessions: ['Converting sessions', integer], conversion_rate: ['Conversion', percent],
  share_of_previous: ['Share of the previous stage', percent], 'dim_users.count': ['Customers', integer],
  count: ['Users', integer], churn_rate: ['Churn rate', percent], cart_add_rate: ['Cart-add rate', percent],
  purchase_rate: ['Purchase rate', percent], cart_abandonment_rate: ['Cart abandonment', percent],
  cart_abandoned_sessions: ['Sessions with an abandoned cart', integer]
};

function chartTitle(container) {
  return container.closest('.card').querySelector('h2').firstChild.textContent.trim();
}

// The chart's rows as a table in a <details> under it: a screen reader gets the numbers the canvas only draws.
// Each cell keeps its unformatted value in data-value (what the CSV holds).
function tableAlternative(container, rows, columns) {
  let details = container.parentElement.querySelector('details.table-alt');
  if (!details) {
    details = document.createElement('details');
    details.className = 'table-alt';
    details.innerHTML = '<summary></summary><div class="scroll"><table><caption></caption><thead></thead>'
      + '<tbody></tbody></table></div>';
    container.after(details);
  }
  const title = chartTitle(container);
  details.querySelector('summary').textContent = `Table: ${title}`;
  const table = details.querySelector('table');
  table.dataset.chart = container.id;
  table.querySelector('caption').textContent = `${title} (${rows.length} rows)`;
  const head = document.createElement('tr');
  columns.forEach(column => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.dataset.column = column;
    th.textContent = (COLUMNS[column] || [column])[0];
    head.appendChild(th);
  });
  table.querySelector('thead').replaceChildren(head);
  table.querySelector('tbody').replaceChildren(...rows.map(row => {
    const tr = document.createElement('tr');
    columns.forEach((column, i) => {
      const value = row[column];
      const format = (COLUMNS[column] || [])[1];
      const td = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) td.scope = 'row';
      if (format) td.className = 'number';
      td.dataset.value = value === null || value === undefined ? '' : String(value);
      td.textContent = value === null || value === undefined ? '—' : format ? format(value) : String(value);
      tr.appendChild(td);
    });
    return tr;
  }));
}

// No stale figures: a cleared chart takes its table and its description with it.
function clearChart(container) {
  if (charts[container.id]) charts[container.id].destroy();
  delete charts[container.id];
  container.dataset.rows = 0;
  container.dataset.empty = 'false';
  container.querySelector('canvas').removeAttribute('aria-label');
  const details = container.parentElement.querySelector('details.table-alt');
  if (details) details.remove();
}

// series: [{key, label, format, type ('bar'|'line'), axis ('y'|'y2')}]
function draw(id, rows, labelOf, series, {horizontal = false, name = id} = {}) {
  const container = document.getElementById(id);
  const canvas = container.querySelector('canvas');
  if (charts[id]) charts[id].destroy();
  const labels = rows.map(labelOf);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${chartTitle(container)}: ${series.map(s => s.label).join(' and ')} for `
    + (rows.length ? `${rows.length} rows, ${labels[0]} to ${labels[labels.length - 1]}` : 'no rows')
    + '; the numbers are in the table below the chart.');
  const axes = new Set(series.map(s => s.axis || 'y'));
  const valueAxis = horizontal ? 'x' : 'y';
  const scales = {};
  series.forEach(s => {
    const axis = s.axis === 'y2' ? (horizontal ? 'x2' : 'y2') : valueAxis;
    if (!scales[axis]) {
      scales[axis] = {beginAtZero: true, position: axis.endsWith('2') ? (horizontal ? 'top' : 'right') : undefined,
        grid: {drawOnChartArea: !axis.endsWith('2')}, ticks: {callback: value => s.format(value)},
        title: {display: axes.size > 1, text: s.label}};
    }
  });
  charts[id] = new Chart(canvas, {
    data: {
      labels,
      datasets: series.map((s, i) => ({
        type: s.type || 'bar', label: s.label, data: rows.map(row => Number(row[s.key]) || 0),
        backgroundColor: COLORS[i % COLORS.length], borderColor: COLORS[i % COLORS.length],
        [horizontal ? 'xAxisID' : 'yAxisID']: s.axis === 'y2' ? (horizontal ? 'x2' : 'y2') : valueAxis,
        tension: 0.2, pointRadius: rows.length > 60 ? 0 : 2
      }))
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x', responsive: true, maintainAspectRatio: false, animation: false,
      interaction: {mode: 'index', intersect: false}, scales,
      plugins: {tooltip: {callbacks: {label: item => `${item.dataset.label}: ${series[item.datasetIndex].format(item.raw)}`}}}
    }
  });
  container.dataset.rows = rows.length;
  // filters that leave no rows: the chart says so (CSS) rather than showing bare axes
  container.dataset.empty = String(rows.length === 0);
  container.dataset.total = rows.reduce((sum, row) => sum + (Number(row[series[0].key]) || 0), 0);
  offerCsv(container, name, rows, Object.keys(rows[0] || {}));
  tableAlternative(container, rows, Object.keys(rows[0] || {}));
}

// ---- the tabs -----------------------------------------------------------------------------------------------------

function groupByGrain(rows, dateKey, grain, sums) {
  if (grain !== 'week') return rows;
  const weeks = new Map();
  rows.forEach(row => {
    const week = weekOf(String(row[dateKey]));
    const total = weeks.get(week) || Object.fromEntries([[dateKey, week], ...sums.map(key => [key, 0])]);
    sums.forEach(key => { total[key] += Number(row[key]) || 0; });
    weeks.set(week, total);
  });
  return [...weeks.values()];
}

async function kpis(state) {
  const current = {...state};
  const dated = Boolean(state.from && state.to);
  const length = dated ? daysBetween(state.from, state.to) : 0;
  // no dates (cleared fields): the whole history, with nothing before it to compare
  const previous = dated ? {...state, from: addDays(state.from, -length), to: addDays(state.from, -1)} : null;
  const ask = period => Promise.all([
    query({topic: 'Events', measures: ['revenue', 'dim_users.count', 'sessions'], filters: filtersFor('Events', period)}),
    query({topic: 'Sessions', measures: ['conversion_rate', 'cart_abandonment_rate'],
      filters: filtersFor('Sessions', period)})
  ]).then(([events, sessions]) => ({...events[0], ...sessions[0]}));
  const [now, before] = await Promise.all([ask(current), previous ? ask(previous) : Promise.resolve({})]);
  const tiles = [
    {key: 'revenue', label: 'Revenue', format: money},
    {key: 'dim_users.count', label: 'Customers', format: integer, note: 'users with events'},
    {key: 'sessions', label: 'Sessions', format: integer},
    {key: 'conversion_rate', label: 'Conversion', format: percent, sessions: true},
    {key: 'cart_abandonment_rate', label: 'Cart abandonment', format: percent, sessions: true, lowerIsBetter: true}
  ];
  const box = document.getElementById('kpis');
  box.innerHTML = '';
  tiles.forEach(tile => {
    const value = now[tile.key];
    const earlier = before[tile.key];
    const element = document.createElement('div');
    element.className = 'kpi';
    element.dataset.kpi = tile.key;
    element.dataset.value = value ?? '';
    let change = 'no earlier period';
    let arrow = '';
    let direction = '';
    if (earlier !== null && earlier !== undefined && Number(earlier) !== 0 && value !== null) {
      const delta = (Number(value) - Number(earlier)) / Math.abs(Number(earlier));
      arrow = delta >= 0 ? '▲ ' : '▼ ';
      // in words as well as arrows: a screen reader says "up 3.1%", not "black up-pointing triangle"
      change = `${delta >= 0 ? 'up' : 'down'} ${(100 * Math.abs(delta)).toFixed(1)}% vs previous ${length} days`;
      direction = (delta >= 0) !== Boolean(tile.lowerIsBetter) ? 'up' : 'down';
      element.dataset.previous = earlier;
    }
    const note = tile.sessions && state.category ? 'all categories (sessions have none)' : tile.note || '';
    // a description list: the tile reads as "Revenue: $12,345, up 3.1% vs previous 30 days"
    element.innerHTML = `<dt class="label"></dt><dd class="value"></dd>`
      + `<dd class="change ${direction}"><span aria-hidden="true"></span><span class="words"></span></dd>`
      + `<dd class="note"></dd>`;
    element.querySelector('.label').textContent = tile.label;
    element.querySelector('.value').textContent = value === null || value === undefined ? '—' : tile.format(value);
    element.querySelector('.change [aria-hidden]').textContent = arrow;
    element.querySelector('.change .words').textContent = change;
    element.querySelector('.note').textContent = note;
    box.appendChild(element);
  });
}

async function overview(state) {
  const [revenue, sessions, stages] = await Promise.all([
    query({topic: 'Events', dimensions: [EVENT_DATE], measures: ['revenue'], filters: filtersFor('Events', state),
      sort: [{field: EVENT_DATE, direction: 'asc'}]}),
    query({topic: 'Sessions', dimensions: [SESSION_DATE], measures: ['count', 'converting_sessions'],
      filters: filtersFor('Sessions', state), sort: [{field: SESSION_DATE, direction: 'asc'}]}),
    query({topic: 'Sessions', measures: ['sessions_reached_view', 'sessions_reached_cart',
      'sessions_reached_purchase'], filters: filtersFor('Sessions', state)}),
    kpis(state)
  ]);
  const byDate = new Map();
  groupByGrain(revenue, EVENT_DATE, state.grain, ['revenue'])
    .forEach(row => byDate.set(String(row[EVENT_DATE]), {date: String(row[EVENT_DATE]), revenue: row.revenue,
      sessions: 0, converting_sessions: 0}));
  groupByGrain(sessions, SESSION_DATE, state.grain, ['count', 'converting_sessions']).forEach(row => {
    const date = String(row[SESSION_DATE]);
    const entry = byDate.get(date) || {date, revenue: 0};
    entry.sessions = row.count;
    entry.converting_sessions = row.converting_sessions;
    byDate.set(date, entry);
  });
  const trend = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date))
    .map(row => ({...row, conversion_rate: row.sessions ? row.converting_sessions / row.sessions : 0}));
  draw('chart-trend', trend, row => row.date, [
    {key: 'revenue', label: 'revenue', format: money},
    {key: 'sessions', label: 'sessions', format: integer, type: 'line', axis: 'y2'}], {name: 'revenue-and-sessions'});
  draw('chart-conversion', trend, row => row.date, [
    {key: 'conversion_rate', label: 'conversion', format: percent, type: 'line'}], {name: 'conversion'});
  const reached = stages[0] || {};
  const stageRows = [['view', 'sessions_reached_view'], ['cart', 'sessions_reached_cart'],
    ['purchase', 'sessions_reached_purchase']].map(([stage, key], i, all) => ({
      stage, sessions: reached[key] || 0,
      share_of_previous: i === 0 ? 1 : (reached[all[i - 1][1]] ? (reached[key] || 0) / reached[all[i - 1][1]] : 0)}));
  draw('chart-stages', stageRows, row => `${row.stage} (${percent(row.share_of_previous)})`,
    [{key: 'sessions', label: 'sessions', format: integer}], {horizontal: true, name: 'funnel-stages'});
}

async function segments(state) {
  const [customers, churn] = await Promise.all([
    query({topic: 'Events', dimensions: [SEGMENT], measures: ['dim_users.count', 'revenue'],
      filters: filtersFor('Events', state), sort: [{field: 'revenue', direction: 'desc'}]}),
    query({topic: 'Customers', dimensions: [SEGMENT], measures: ['count', 'churn_rate'],
      filters: filtersFor('Customers', state), sort: [{field: 'churn_rate', direction: 'desc'}]})
  ]);
  draw('chart-segments', customers, row => row[SEGMENT] ?? '(none)', [
    {key: 'dim_users.count', label: 'customers', format: integer},
    {key: 'revenue', label: 'revenue', format: money, axis: 'y2'}], {horizontal: true, name: 'segments'});
  draw('chart-churn', churn, row => row[SEGMENT] ?? '(none)', [
    {key: 'churn_rate', label: 'churn rate', format: percent}], {horizontal: true, name: 'churn'});
}

async function funnel(state) {
  const [rates, abandonment] = await Promise.all([
    query({topic: 'Events', dimensions: [SEGMENT], measures: ['cart_add_rate', 'purchase_rate'],
      filters: filtersFor('Events', state), sort: [{field: 'purchase_rate', direction: 'desc'}]}),
    query({topic: 'Sessions', dimensions: [SEGMENT], measures: ['cart_abandonment_rate', 'cart_abandoned_sessions'],
      filters: filtersFor('Sessions', state), sort: [{field: 'cart_abandonment_rate', direction: 'desc'}]})
  ]);
  draw('chart-funnel', rates, row => row[SEGMENT] ?? '(none)', [
    {key: 'cart_add_rate', label: 'cart-add rate', format: percent},
    {key: 'purchase_rate', label: 'purchase rate', format: percent}], {horizontal: true, name: 'funnel'});
  draw('chart-abandonment', abandonment, row => row[SEGMENT] ?? '(none)', [
    {key: 'cart_abandonment_rate', label: 'cart abandonment', format: percent}], {horizontal: true,
    name: 'cart-abandonment'});
}

async function categories(state) {
  const dimension = state.category ? SUB_CATEGORY : CATEGORY;
  const rows = await query({topic: 'Events', dimensions: [dimension], measures: ['revenue', 'purchase_rate'],
    filters: filtersFor('Events', state), sort: [{field: 'revenue', direction: 'desc'}], limit: 15});
  draw('chart-categories', rows, row => row[dimension] ?? '(none)', [
    {key: 'revenue', label: 'revenue', format: money},
    {key: 'purchase_rate', label: 'purchase rate', format: percent, axis: 'y2'}], {horizontal: true,
    name: 'categories'});
}

const TABS = {overview, segments, funnel, categories};

// ---- wiring -------------------------------------------------------------------------------------------------------

async function render() {
  const state = readState();
  const status = document.getElementById('status');
  status.textContent = 'loading…';
  status.className = '';
  document.querySelectorAll('#tabs button').forEach(button => {
    button.setAttribute('aria-selected', String(button.dataset.tab === state.tab));
    // one tab stop for the tab list; the arrow keys move between the tabs
    button.tabIndex = button.dataset.tab === state.tab ? 0 : -1;
  });
  document.querySelectorAll('.tab').forEach(tab => tab.classList.toggle('active', tab.id === 'tab-' + state.tab));
  try {
    await TABS[state.tab](state);
    status.textContent = [state.category, state.segment].filter(Boolean).join(' · ') || 'all categories and segments';
    document.body.dataset.rendered = `${state.tab}:${state.category || 'all'}`;
  } catch (error) {
    status.textContent = 'error: ' + error.message;
    status.className = 'error';
    // no stale charts under an error: the active tab's charts are cleared
    document.querySelectorAll(`#tab-${state.tab} .chart`).forEach(clearChart);
  }
}

function update(changes) {
  writeState({...readState(), ...changes});
  render();
}

// The newest build the semantic layer was synced after (GET /semantic/syncs, kept by the service since it started).
async function lastBuild() {
  const response = await fetch('/semantic/syncs', {headers: {'Accept': 'application/json'}});
  if (!response.ok) return null;
  const builds = (await response.json()).filter(sync => sync.valid && String(sync.trigger).startsWith('models-built:'));
  return builds.length ? builds[builds.length - 1] : null;
}

function describeBuild(sync) {
  return sync ? ` · built ${String(sync.at).slice(0, 16).replace('T', ' ')} UTC (${sync.trigger.slice('models-built:'.length)})`
    : '';
}

// Every minute: when a new build was synced, the charts are drawn again from its tables.
function refreshAfterBuilds(asOf, seen) {
  setInterval(async () => {
    const sync = await lastBuild().catch(() => null);
    if (sync && sync.syncId !== seen) {
      seen = sync.syncId;
      document.getElementById('as-of').textContent = asOf + describeBuild(sync);
      render();
    }
  }, 60000);
}

// The newest sync failed validation: a 503 then means a broken semantic layer, not a warehouse still empty.
async function lastSyncFailed() {
  const response = await fetch('/semantic/syncs', {headers: {'Accept': 'application/json'}}).catch(() => null);
  const syncs = response && response.ok ? await response.json() : [];
  return syncs.length > 0 && !syncs[syncs.length - 1].valid;
}

// Nothing to draw yet (no marts: the semantic layer answers 503 until a build publishes them; or marts without
// events): the page says so instead of drawing empty charts, and loads again once a build has been synced.
async function showNoData(reason) {
  document.body.classList.add('no-data');
  document.getElementById('empty').hidden = false;
  document.getElementById('empty-reason').textContent = reason;
  document.getElementById('as-of').textContent = 'no data yet';
  document.getElementById('status').textContent = 'waiting for the first build';
  document.body.dataset.rendered = 'empty';
  // reload for a build synced after this one only: a build that published empty marts is already the one shown
  const shown = (await lastBuild().catch(() => null))?.syncId ?? null;
  setInterval(async () => {
    const build = await lastBuild().catch(() => null);
    if (build && build.syncId !== shown) location.reload();
  }, 60000);
}

// The tab list is one tab stop; the arrow keys, Home and End move to a tab and open it (WAI-ARIA tabs pattern).
function onTabKey(event) {
  const buttons = [...document.querySelectorAll('#tabs button')];
  const index = buttons.indexOf(document.activeElement);
  const next = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1}[event.key];
  if (index < 0 || next === undefined) return;
  event.preventDefault();
  const button = buttons[(next + buttons.length) % buttons.length];
  button.focus();
  update({tab: button.dataset.tab});
}

async function start() {
  let range;
  try {
    range = await query({topic: 'Events', dimensions: [EVENT_DATE], measures: ['count'],
      sort: [{field: EVENT_DATE, direction: 'asc'}]});
  } catch (error) {
    if (error.status === 503 && !(await lastSyncFailed())) return showNoData(error.message);
    throw error;
  }
  if (!range.length) return showNoData('The warehouse holds no events yet.');
  const [categoryRows, segmentRows] = await Promise.all([
    query({topic: 'Events', dimensions: [CATEGORY], measures: ['count'], filters: [{field: CATEGORY, op: 'is_not_null'}],
      sort: [{field: 'count', direction: 'desc'}]}),
    query({topic: 'Customers', dimensions: [SEGMENT], measures: ['count'], sort: [{field: 'count', direction: 'desc'}]})
  ]);
  const first = String(range[0][EVENT_DATE]);
  const last = String(range[range.length - 1][EVENT_DATE]);
  const asOf = `data as of ${last}`;
  const build = await lastBuild().catch(() => null);
  document.getElementById('as-of').textContent = asOf + describeBuild(build);
  refreshAfterBuilds(asOf, build ? build.syncId : null);
  categoryRows.forEach(row => document.getElementById('category-filter').appendChild(new Option(row[CATEGORY], row[CATEGORY])));
  segmentRows.forEach(row => document.getElementById('segment-filter').appendChild(new Option(row[SEGMENT], row[SEGMENT])));
  const state = readState();
  writeState({...state, from: state.from || first, to: state.to || last});
  Object.entries(FILTER_INPUTS).forEach(([key, id]) => {
    const input = document.getElementById(id);
    input.value = readState()[key];
    input.addEventListener('change', () => update({[key]: input.value}));
  });
  document.querySelectorAll('#tabs button').forEach(button =>
    button.addEventListener('click', () => update({tab: button.dataset.tab})));
  document.getElementById('tabs').addEventListener('keydown', onTabKey);
  await render();
}

start().catch(error => {
  document.getElementById('status').textContent = 'error: ' + error.message;
  document.getElementById('status').className = 'error';
});
