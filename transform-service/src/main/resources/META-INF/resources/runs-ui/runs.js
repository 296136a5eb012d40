// The runs page, in the manner of Dagster's run view: the run history (GET /runs) and, for the chosen run
// (GET /runs/{id}), each model's status, time, rows and reads, its data tests with the failures first, and the
// run's error. Read-only: it calls GET endpoints only, which need no token. Polls quickly while a build is queued
// or running, slowly otherwise, so a finished build and a new one show up without a reload.
'use strict';

const FAST_POLL_MS = 2000;
const SLOW_POLL_MS = 15000;
const ACTIVE = new Set(['QUEUED', 'RUNNING']);

// ---- formatting ---------------------------------------------------------------------------------------------------

const integer = value => Number(value).toLocaleString('en-US');
const seconds = millis => (millis / 1000).toFixed(millis < 10000 ? 2 : 1);

function duration(millis) {
  if (millis < 1000) return `${millis} ms`;
  if (millis < 60000) return `${(millis / 1000).toFixed(1)} s`;
  const minutes = Math.floor(millis / 60000);
  return `${minutes} min ${String(Math.round((millis % 60000) / 1000)).padStart(2, '0')} s`;
}

function bytes(value) {
  if (value === null || value === undefined) return 'unknown';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let size = Number(value);
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${unit === 0 ? size : size.toFixed(1)} ${units[unit]}`;
}

const utc = iso => iso ? iso.slice(0, 19).replace('T', ' ') : '—';

// A running build has no finish yet: its duration so far.
function runMillis(run) {
  if (!run.startedAt) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  return end - Date.parse(run.startedAt);
}

// "raw-events-loaded ×2, http": the kinds of trigger, since a build gathers many file loads.
function triggerSummary(triggers) {
  const counts = new Map();
  triggers.forEach(trigger => {
    const kind = trigger.split(':')[0];
    counts.set(kind, (counts.get(kind) || 0) + 1);
  });
  return [...counts].map(([kind, count]) => count > 1 ? `${kind} ×${count}` : kind).join(', ') || '—';
}

const selection = run => (run.select.length ? run.select.join(' ') : 'all models')
  + (run.fullRefresh ? ' · full refresh' : '');

const allTests = run => run.models.flatMap(model => model.tests);
const failedTests = run => allTests(run).filter(test => !test.passed);

// ---- DOM helpers --------------------------------------------------------------------------------------------------

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

// Status as a word in a coloured pill: the colour helps, the word carries the meaning.
function pill(status) {
  const span = document.createElement('span');
  span.className = 'pill ' + status.toLowerCase();
  span.textContent = status;
  return span;
}

// ---- the history --------------------------------------------------------------------------------------------------

function selectedRunId(runs) {
  return new URLSearchParams(location.search).get('run') || (runs[0] && runs[0].runId) || null;
}

function renderHistory(runs, selected) {
  const body = document.querySelector('#runs tbody');
  body.replaceChildren();
  document.getElementById('no-runs').hidden = runs.length > 0;
  runs.forEach(run => {
    const row = document.createElement('tr');
    row.dataset.runId = run.runId;
    row.dataset.status = run.status;
    const link = document.createElement('a');
    link.href = '?run=' + encodeURIComponent(run.runId);
    link.textContent = run.runId;
    if (run.runId === selected) {
      row.className = 'selected';
      link.setAttribute('aria-current', 'true');
    }
    link.addEventListener('click', event => {
      event.preventDefault();
      history.pushState(null, '', link.href);
      refresh({focusDetail: true});
    });
    const first = document.createElement('th');
    first.scope = 'row';
    first.appendChild(link);
    row.appendChild(first);
    cell(row, '').appendChild(pill(run.status));
    cell(row, triggerSummary(run.triggers));
    cell(row, utc(run.startedAt));
    const millis = runMillis(run);
    cell(row, millis === null ? '—' : duration(millis) + (run.finishedAt ? '' : ' so far'));
    cell(row, selection(run));
    cell(row, modelCounts(run));
    const failed = failedTests(run).length;
    cell(row, `${allTests(run).length - failed} passed` + (failed ? `, ${failed} failed` : ''),
      failed ? 'failing' : '');
    body.appendChild(row);
  });
}

function modelCounts(run) {
  const counts = {BUILT: 0, FAILED: 0, SKIPPED: 0};
  run.models.forEach(model => { counts[model.status] = (counts[model.status] || 0) + 1; });
  const parts = [`${counts.BUILT} built`];
  if (counts.FAILED) parts.push(`${counts.FAILED} failed`);
  if (counts.SKIPPED) parts.push(`${counts.SKIPPED} skipped`);
  return parts.join(', ') + (run.status === 'RUNNING' ? ' so far' : '');
}

// ---- one run ------------------------------------------------------------------------------------------------------

function renderSummary(run) {
  document.getElementById('detail-title').textContent = `Run ${run.runId}`;
  const millis = runMillis(run);
  const items = [
    ['Status', pill(run.status)],
    ['Triggers', run.triggers.join(', ') || '—'],
    ['Selection', selection(run)],
    ['Started (UTC)', utc(run.startedAt)],
    ['Finished (UTC)', utc(run.finishedAt)],
    ['Duration', millis === null ? '—' : duration(millis) + (run.finishedAt ? '' : ' so far')]
  ];
  const list = document.getElementById('run-summary');
  list.replaceChildren();
  items.forEach(([term, value]) => {
    const group = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.append(value);
    group.append(dt, dd);
    list.appendChild(group);
  });
  const error = document.getElementById('run-error');
  error.hidden = !run.error;
  error.querySelector('pre').textContent = run.error || '';
}

function renderModels(run) {
  const body = document.querySelector('#models tbody');
  body.replaceChildren();
  const slowest = Math.max(1, ...run.models.map(model => model.millis));
  run.models.forEach(model => {
    const row = document.createElement('tr');
    row.dataset.model = model.model;
    row.className = model.status === 'BUILT' ? '' : model.status.toLowerCase();
    const name = document.createElement('th');
    name.scope = 'row';
    name.innerHTML = '<span class="name"></span><span class="relation"></span>';
    name.querySelector('.name').textContent = model.model;
    name.querySelector('.relation').textContent = `${model.relation} · ${model.materialization}`;
    row.appendChild(name);
    const status = cell(row, '');
    status.appendChild(pill(model.status));
    if (model.error) {
      const why = document.createElement('div');
      why.className = 'model-error';
      why.textContent = model.error;
      status.appendChild(why);
    }
    cell(row, model.mode || '—');
    // a bar of the model's build time against the slowest model, like Dagster's step timeline (the number is
    // the cell's text; the bar is decoration)
    const time = cell(row, seconds(model.millis), 'number');
    time.dataset.millis = model.millis;
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.setAttribute('aria-hidden', 'true');
    bar.style.width = `${Math.max(2, Math.round(100 * model.millis / slowest))}%`;
    time.appendChild(bar);
    cell(row, seconds(model.testMillis), 'number');
    cell(row, model.rows < 0 ? 'view' : integer(model.rows), 'number').dataset.rows = model.rows;
    const reads = model.reads || {};
    cell(row, reads.rows === null || reads.rows === undefined ? 'unknown' : integer(reads.rows), 'number');
    cell(row, bytes(reads.bytes), 'number');
    const failed = model.tests.filter(test => !test.passed).length;
    cell(row, model.tests.length ? `${model.tests.length - failed} of ${model.tests.length}` : 'none',
      failed ? 'failing' : '');
    body.appendChild(row);
  });
  const running = run.status === 'RUNNING' ? ' (a running build lists each model as it finishes)' : '';
  document.getElementById('models-caption').textContent =
    `${run.models.length} model${run.models.length === 1 ? '' : 's'} of run ${run.runId}${running}`;
}

// A test that failed with severity warn is reported, not blocking: it is marked WARN, not FAILED.
const testResult = test => test.passed ? 'PASSED' : test.severity === 'warn' ? 'WARN' : 'FAILED';

function renderTests(run) {
  const onlyFailures = document.getElementById('only-failures').checked;
  const tests = allTests(run);
  const failed = tests.filter(test => !test.passed);
  const shown = [...failed, ...(onlyFailures ? [] : tests.filter(test => test.passed))];
  const body = document.querySelector('#tests tbody');
  body.replaceChildren();
  shown.forEach(test => {
    const row = document.createElement('tr');
    const result = testResult(test);
    row.dataset.result = result;
    if (!test.passed) row.className = result === 'WARN' ? 'warned' : 'failed';
    cell(row, '').appendChild(pill(result));
    cell(row, test.test, 'test-name');
    cell(row, test.model);
    cell(row, test.severity || 'error');
    cell(row, integer(test.failingRows), 'number');
    cell(row, test.sampleRows && test.sampleRows.length ? JSON.stringify(test.sampleRows).slice(0, 300) : '—',
      'sample');
    body.appendChild(row);
  });
  document.getElementById('tests-caption').textContent = `${tests.length} data tests, ${failed.length} failed`
    + (onlyFailures ? ' (showing failures only)' : ', failures first');
}

// Reports a model leaves beside its tests (e.g. the rows left out of staging and why), one table each.
function renderReports(run) {
  const box = document.getElementById('reports');
  box.replaceChildren();
  run.models.forEach(model => Object.entries(model.reports || {}).forEach(([report, rows]) => {
    if (!rows.length) return;
    const heading = document.createElement('h3');
    heading.textContent = `${model.model}: ${report.replace(/_/g, ' ')}`;
    const table = document.createElement('table');
    table.className = 'report';
    const caption = table.createCaption();
    caption.textContent = `Report ${report} of ${model.model}`;
    const columns = Object.keys(rows[0]);
    const head = table.createTHead().insertRow();
    columns.forEach(column => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = column.replace(/_/g, ' ');
      head.appendChild(th);
    });
    const body = table.createTBody();
    rows.forEach(values => {
      const row = body.insertRow();
      columns.forEach(column => cell(row, values[column] === null ? '—' : String(values[column]),
        typeof values[column] === 'number' ? 'number' : ''));
    });
    const scroll = document.createElement('div');
    scroll.className = 'scroll';
    scroll.appendChild(table);
    box.append(heading, scroll);
  }));
}

function renderRun(run) {
  document.getElementById('run-detail').hidden = false;
  renderSummary(run);
  renderModels(run);
  renderTests(run);
  renderReports(run);
  document.body.dataset.shown = `${run.runId}:${run.status}`;
}

// ---- fetching and polling ------------------------------------------------------------------------------------------

async function getJson(path) {
  const response = await fetch(path, {headers: {'Accept': 'application/json'}});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || `${response.status} ${response.statusText}`);
  }
  return body;
}

// Only a change is announced: the live region would otherwise repeat itself on every poll.
function announce(text, isError = false) {
  const status = document.getElementById('status');
  if (status.textContent !== text) status.textContent = text;
  status.classList.toggle('error', isError);
}

function describe(runs, run) {
  if (!runs.length) return 'No runs yet';
  if (!run) return `${runs.length} runs`;
  const failed = failedTests(run).length;
  const progress = run.status === 'RUNNING' ? `, ${run.models.length} models finished so far` : '';
  return `Run ${run.runId}: ${run.status}${progress}` + (failed ? `, ${failed} failed tests` : '');
}

let lastRun = null;
let timer = null;

async function refresh({focusDetail = false} = {}) {
  clearTimeout(timer);
  let delay = SLOW_POLL_MS;
  try {
    const runs = await getJson('/runs');
    const selected = selectedRunId(runs);
    renderHistory(runs, selected);
    lastRun = selected ? await getJson('/runs/' + encodeURIComponent(selected)) : null;
    if (lastRun) {
      renderRun(lastRun);
    } else {
      document.getElementById('run-detail').hidden = true;
      document.body.dataset.shown = 'none';
    }
    announce(describe(runs, lastRun));
    if (runs.some(run => ACTIVE.has(run.status))) delay = FAST_POLL_MS;
    if (focusDetail && lastRun) document.getElementById('run-detail').focus();
  } catch (error) {
    announce('error: ' + error.message, true);
    // no stale run under an error
    document.getElementById('run-detail').hidden = true;
    document.body.dataset.shown = 'error';
  }
  document.getElementById('updated').textContent = `updated ${new Date().toISOString().slice(11, 19)} UTC`;
  timer = setTimeout(refresh, delay);
}

document.getElementById('only-failures').addEventListener('change', () => { if (lastRun) renderTests(lastRun); });
window.addEventListener('popstate', () => refresh());
refresh();
