// The dashboard of the three workbooks, fed by the semantic layer's query API (POST /semantic/query).
// Plain SVG: each chart is horizontal bars, one row per group, one or two series.
'use strict';

const SEGMENT = 'dim_users.rfm_segment_inclusive';
const CATEGORY = 'dim_products.category_lvl_1';
const SUB_CATEGORY = 'dim_products.category_lvl_2';

async function query(body) {
  const response = await fetch('/semantic/query', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
    body: JSON.stringify(body)
  });
  if (!response.ok) {
    throw new Error((await response.json()).error || response.statusText);
  }
  return (await response.json()).rows;
}

function categoryFilters(category) {
  return category ? [{field: CATEGORY, op: 'eq', value: category}] : [];
}

const SVG = 'http://www.w3.org/2000/svg';
function svgElement(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, value));
  if (text !== undefined) element.textContent = text;
  return element;
}

// series: [{key, label, format}] drawn as bars scaled to each series' own maximum.
function barChart(container, rows, labelField, series) {
  container.innerHTML = '';
  const rowHeight = 14 * series.length + 8;
  const width = 520, labelWidth = 150, valueWidth = 90;
  const height = Math.max(rows.length * rowHeight + 24, 40);
  const svg = svgElement('svg', {width, height, viewBox: `0 0 ${width} ${height}`, 'data-rows': rows.length});
  const legend = document.createElement('div');
  legend.className = 'legend';
  legend.textContent = series.map((s, i) => `${i === 0 ? '■ blue' : '■ orange'}: ${s.label}`).join('   ');
  series.forEach((s, i) => {
    const max = Math.max(...rows.map(row => Number(row[s.key]) || 0), 0) || 1;
    rows.forEach((row, r) => {
      const value = Number(row[s.key]) || 0;
      const y = r * rowHeight + i * 14 + 4;
      const barWidth = Math.max(1, (width - labelWidth - valueWidth) * value / max);
      svg.appendChild(svgElement('rect', {
        class: 'bar ' + (i === 0 ? 'bar-a' : 'bar-b'), x: labelWidth, y, width: barWidth, height: 12,
        'data-group': row[labelField] ?? '(none)', 'data-series': s.key, 'data-value': value
      }));
      svg.appendChild(svgElement('text', {x: labelWidth + barWidth + 4, y: y + 10}, s.format(value)));
    });
  });
  rows.forEach((row, r) => svg.appendChild(svgElement('text', {x: 0, y: r * rowHeight + 14},
      String(row[labelField] ?? '(none)').slice(0, 24))));
  if (rows.length === 0) svg.appendChild(svgElement('text', {x: 0, y: 20}, 'no data'));
  container.appendChild(svg);
  container.appendChild(legend);
  container.dataset.total = rows.reduce((sum, row) => sum + (Number(row[series[0].key]) || 0), 0);
}

const number = value => value.toLocaleString('en-US', {maximumFractionDigits: 0});
const money = value => value.toLocaleString('en-US', {maximumFractionDigits: 0});
const percent = value => (100 * value).toFixed(2) + '%';

async function render(category) {
  const status = document.getElementById('status');
  status.textContent = 'loading…';
  status.className = '';
  try {
    const filters = categoryFilters(category);
    const [segments, funnel, categories] = await Promise.all([
      query({topic: 'Events', dimensions: [SEGMENT], measures: ['dim_users.count', 'revenue'], filters,
        sort: [{field: 'revenue', direction: 'desc'}]}),
      query({topic: 'Events', dimensions: [SEGMENT], measures: ['cart_add_rate', 'purchase_rate'], filters,
        sort: [{field: 'purchase_rate', direction: 'desc'}]}),
      query({topic: 'Events', dimensions: [category ? SUB_CATEGORY : CATEGORY], measures: ['revenue', 'purchase_rate'],
        filters, sort: [{field: 'revenue', direction: 'desc'}], limit: 15})
    ]);
    barChart(document.getElementById('chart-segments'), segments, SEGMENT,
      [{key: 'dim_users.count', label: 'customers', format: number}, {key: 'revenue', label: 'revenue', format: money}]);
    barChart(document.getElementById('chart-funnel'), funnel, SEGMENT,
      [{key: 'cart_add_rate', label: 'cart-add rate', format: percent},
       {key: 'purchase_rate', label: 'purchase rate', format: percent}]);
    barChart(document.getElementById('chart-categories'), categories, category ? SUB_CATEGORY : CATEGORY,
      [{key: 'revenue', label: 'revenue', format: money}, {key: 'purchase_rate', label: 'purchase rate', format: percent}]);
    status.textContent = category ? `category: ${category}` : 'all categories';
    document.body.dataset.rendered = category || 'all';
  } catch (error) {
    status.textContent = 'error: ' + error.message;
    status.className = 'error';
  }
}

async function start() {
  const select = document.getElementById('category-filter');
  try {
    const categories = await query({topic: 'Events', dimensions: [CATEGORY], measures: ['count'],
      filters: [{field: CATEGORY, op: 'is_not_null'}], sort: [{field: 'count', direction: 'desc'}]});
    categories.forEach(row => select.appendChild(new Option(row[CATEGORY], row[CATEGORY])));
  } catch (error) {
    document.getElementById('status').textContent = 'error: ' + error.message;
  }
  select.addEventListener('change', () => render(select.value));
  await render('');
}

start();
