// 考核 (evaluation): GET /api/stats?area&groupBy&from&to — the figures of an area of the user's
// jurisdiction over a period, one row per child area, team member or department, with the total —
// as a sortable table; GET /api/stats/series?area&from&to&step — the area's figures per week, month
// or day — as charts of the closure and on-time closure rates and of cases opened and closed; the
// table as CSV (format=csv). Days are Shanghai days; the end date is included.
//
// Hooks for the browser test: html[data-ready="true"] once table and charts are drawn;
// window.wangge = { evaluation, series, charts: { rates, counts } }.
import { getJson } from './api.js';
import { t, addMessages, onLanguageChange, formatNumber, formatPercent, formatDate, currentLanguage } from './i18n.js';
import { startPage, showError, fillAreaPicker, sortableTable } from './desk-page.js';

addMessages({
  zh: {
    'evaluation.title': '考核',
    'evaluation.groupBy': '考核对象',
    'evaluation.groupBy.area': '下级区域',
    'evaluation.groupBy.member': '网格员',
    'evaluation.groupBy.department': '职能部门',
    'evaluation.from': '起始日期',
    'evaluation.to': '截止日期（含）',
    'evaluation.step': '图表粒度',
    'evaluation.step.week': '按周',
    'evaluation.step.month': '按月',
    'evaluation.step.day': '按日',
    'evaluation.show': '查看',
    'evaluation.csv': '导出 CSV',
    'evaluation.ratesChart': '结案率与按期结案率',
    'evaluation.countsChart': '立案与结案数',
    'evaluation.table': '考核指标',
    'evaluation.rows': '{count} 行',
    'evaluation.summary': '{area} · {from} 至 {to}：立案 {opened} 件，结案 {closed} 件，结案率 {closure}，按期结案率 {onTime}。',
    'evaluation.definitions': '结案率 = 期内到期案件中期末前已结案的比例；按期结案率 = 期内结案案件中在时限内结案的比例；返工率、延期率以期内结案案件为基数；满意度为回访评分（1–5）的平均值。',
    'evaluation.col.name': '名称',
    'evaluation.col.opened': '立案数',
    'evaluation.col.dueToClose': '应结案数',
    'evaluation.col.closedOfDue': '已结（应结中）',
    'evaluation.col.closureRate': '结案率',
    'evaluation.col.closed': '结案数',
    'evaluation.col.closedOnTime': '按期结案数',
    'evaluation.col.onTimeClosureRate': '按期结案率',
    'evaluation.col.reworkRate': '返工率',
    'evaluation.col.extensionRate': '延期率',
    'evaluation.col.averageHoursToAccept': '平均签收（小时）',
    'evaluation.col.averageHoursToClose': '平均结案（小时）',
    'evaluation.col.satisfaction': '满意度',
    'evaluation.col.patrolCoverage': '巡查覆盖率',
    'evaluation.total': '合计',
    'evaluation.dateRequired': '请选择日期（年-月-日）。',
    'evaluation.toBeforeFrom': '截止日期 {to} 早于起始日期 {from}：请选择不早于起始日期的截止日期。',
    'evaluation.tooLong': '期间为 {days} 天，最长 366 天：请缩短期间。',
    'evaluation.tooManySteps': '按日最多 62 个点：期间较长时请选择按周或按月。',
  },
  en: {
    'evaluation.title': 'Evaluation',
    'evaluation.groupBy': 'Evaluate by',
    'evaluation.groupBy.area': 'Child areas',
    'evaluation.groupBy.member': 'Grid members',
    'evaluation.groupBy.department': 'Departments',
    'evaluation.from': 'From',
    'evaluation.to': 'To (included)',
    'evaluation.step': 'Chart step',
    'evaluation.step.week': 'Weekly',
    'evaluation.step.month': 'Monthly',
    'evaluation.step.day': 'Daily',
    'evaluation.show': 'Show',
    'evaluation.csv': 'Export CSV',
    'evaluation.ratesChart': 'Closure and on-time closure rates',
    'evaluation.countsChart': 'Cases opened and closed',
    'evaluation.table': 'Figures',
    'evaluation.rows': 'Rows: {count}',
    'evaluation.summary': '{area} · {from} to {to}: {opened} opened, {closed} closed, closure rate {closure}, on-time closure rate {onTime}.',
    'evaluation.definitions': 'Closure rate = of the cases due in the period, those closed by its end; on-time closure rate = of the cases closed in the period, those closed by their deadline; rework and extension rates are of the cases closed in the period; satisfaction is the mean follow-up rating (1–5).',
    'evaluation.col.name': 'Name',
    'evaluation.col.opened': 'Opened',
    'evaluation.col.dueToClose': 'Due to close',
    'evaluation.col.closedOfDue': 'Closed of due',
    'evaluation.col.closureRate': 'Closure rate',
    'evaluation.col.closed': 'Closed',
    'evaluation.col.closedOnTime': 'Closed on time',
    'evaluation.col.onTimeClosureRate': 'On-time rate',
    'evaluation.col.reworkRate': 'Rework rate',
    'evaluation.col.extensionRate': 'Extension rate',
    'evaluation.col.averageHoursToAccept': 'Avg. hours to accept',
    'evaluation.col.averageHoursToClose': 'Avg. hours to close',
    'evaluation.col.satisfaction': 'Satisfaction',
    'evaluation.col.patrolCoverage': 'Patrol coverage',
    'evaluation.total': 'Total',
    'evaluation.dateRequired': 'Choose a date (year-month-day).',
    'evaluation.toBeforeFrom': 'The end date {to} is before the start date {from}: choose an end date on or after the start.',
    'evaluation.tooLong': 'The period has {days} days, at most 366 are allowed: shorten it.',
    'evaluation.tooManySteps': 'Daily charts have at most 62 points: choose weekly or monthly for a longer period.',
  },
});

const root = document.documentElement;
const picker = document.getElementById('area-picker');
const groupBy = document.getElementById('group-by');
const fromInput = document.getElementById('from');
const toInput = document.getElementById('to');
const stepInput = document.getElementById('step');
const state = { user: null, evaluation: null, series: null };
const charts = { rates: null, counts: null };
const wangge = { evaluation: null, series: null, charts };
window.wangge = wangge;
const FIELDS = { area: 'desk.area', groupBy: 'evaluation.groupBy', from: 'evaluation.from', to: 'evaluation.to', step: 'evaluation.step' };

const DAY = 86400000;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** The first instant of a Shanghai day, as the API's ISO instant. */
const startOf = (day) => new Date(`${day}T00:00:00+08:00`).toISOString();

const integer = (key) => ({ key, label: `evaluation.col.${key}`, numeric: true, value: (r) => r[key], cell: (r) => formatNumber(r[key]) });
const rate = (key) => ({ key, label: `evaluation.col.${key}`, numeric: true, value: (r) => r[key], cell: (r) => formatPercent(r[key]) });
const decimal = (key, digits) => ({ key, label: `evaluation.col.${key}`, numeric: true, value: (r) => r[key],
  cell: (r) => formatNumber(r[key], { minimumFractionDigits: digits, maximumFractionDigits: digits }) });
const columns = [
  { key: 'name', label: 'evaluation.col.name', value: (r) => r.name ?? '', cell: (r) => r.name ?? r.key ?? '–' },
  integer('opened'), integer('dueToClose'), integer('closedOfDue'), rate('closureRate'), integer('closed'), integer('closedOnTime'),
  rate('onTimeClosureRate'), rate('reworkRate'), rate('extensionRate'), decimal('averageHoursToAccept', 1), decimal('averageHoursToClose', 1),
  decimal('satisfaction', 2), rate('patrolCoverage'),
];
const table = sortableTable(document.getElementById('rows'), {
  columns,
  rowAttributes: (r) => ({ dataset: { key: r.key ?? '' } }),
});

function drawTotal() {
  const total = state.evaluation?.total;
  const foot = document.getElementById('total');
  if (!total) {
    foot.replaceChildren();
    return;
  }
  const tr = document.createElement('tr');
  tr.dataset.key = 'total';
  columns.forEach((c, i) => {
    const td = document.createElement('td');
    td.dataset.key = c.key;
    if (c.numeric) td.className = 'number';
    td.textContent = i === 0 ? `${t('evaluation.total')}（${total.name}）` : c.cell(total);
    tr.append(td);
  });
  foot.replaceChildren(tr);
}

function drawSummary() {
  const e = state.evaluation;
  if (!e) return;
  document.getElementById('summary').textContent = t('evaluation.summary', {
    area: e.area.name,
    from: fromInput.value,
    to: toInput.value,
    opened: formatNumber(e.total.opened),
    closed: formatNumber(e.total.closed),
    closure: formatPercent(e.total.closureRate),
    onTime: formatPercent(e.total.onTimeClosureRate),
  });
  document.getElementById('row-count').textContent = t('evaluation.rows', { count: formatNumber(e.rows.length) });
}

function pointLabel(point) {
  const options = stepInput.value === 'month' ? { year: 'numeric', month: 'short' } : { month: 'numeric', day: 'numeric' };
  return new Intl.DateTimeFormat(currentLanguage() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', ...options }).format(new Date(point.from));
}

function drawCharts() {
  const series = state.series;
  if (!series || !window.Chart) return;
  const labels = series.points.map(pointLabel);
  const percent = (v) => (v == null ? null : Math.round(v * 1000) / 10);
  const ratesData = {
    labels,
    datasets: [
      { label: t('evaluation.col.closureRate'), data: series.points.map((p) => percent(p.figures.closureRate)), borderColor: '#16324f', backgroundColor: '#16324f', tension: 0.2, spanGaps: true },
      { label: t('evaluation.col.onTimeClosureRate'), data: series.points.map((p) => percent(p.figures.onTimeClosureRate)), borderColor: '#2e9d55', backgroundColor: '#2e9d55', tension: 0.2, spanGaps: true },
    ],
  };
  const countsData = {
    labels,
    datasets: [
      { label: t('evaluation.col.opened'), data: series.points.map((p) => p.figures.opened), backgroundColor: '#1f6fd1' },
      { label: t('evaluation.col.closed'), data: series.points.map((p) => p.figures.closed), backgroundColor: '#8a939c' },
    ],
  };
  const options = (extra) => ({ animation: false, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } }, ...extra });
  if (charts.rates) {
    charts.rates.data = ratesData;
    charts.rates.update('none');
    charts.counts.data = countsData;
    charts.counts.update('none');
  } else {
    charts.rates = new window.Chart(document.getElementById('rates-chart'), {
      type: 'line',
      data: ratesData,
      options: options({ scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } } }),
    });
    charts.counts = new window.Chart(document.getElementById('counts-chart'), {
      type: 'bar', data: countsData, options: options({ scales: { y: { beginAtZero: true } } }),
    });
  }
}

/** The request's parameters, or null after naming what is wrong with the period. */
function checkedParams() {
  const from = fromInput.value;
  const to = toInput.value;
  if (!from || !to) {
    showError({ field: from ? 'to' : 'from', message: t('evaluation.dateRequired') }, FIELDS);
    return null;
  }
  if (to < from) {
    showError({ field: 'to', message: t('evaluation.toBeforeFrom', { from, to }) }, FIELDS);
    return null;
  }
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;
  if (days > 366) {
    showError({ field: 'to', message: t('evaluation.tooLong', { days }) }, FIELDS);
    return null;
  }
  if (stepInput.value === 'day' && days > 62) {
    showError({ field: 'step', message: t('evaluation.tooManySteps') }, FIELDS);
    return null;
  }
  const params = new URLSearchParams();
  if (picker.value) params.set('area', picker.value);
  params.set('from', startOf(from));
  params.set('to', startOf(addDays(to, 1)));
  return params;
}

async function load() {
  const params = checkedParams();
  const csv = document.getElementById('download-csv');
  if (!params) {
    csv.removeAttribute('href');
    csv.setAttribute('aria-disabled', 'true');
    return;
  }
  root.dataset.ready = 'false';
  try {
    const stats = new URLSearchParams(params);
    stats.set('groupBy', groupBy.value);
    const series = new URLSearchParams(params);
    series.set('step', stepInput.value);
    const [evaluation, points] = await Promise.all([getJson(`/api/stats?${stats}`), getJson(`/api/stats/series?${series}`)]);
    state.evaluation = evaluation;
    state.series = points;
    wangge.evaluation = evaluation;
    wangge.series = points;
    table.setRows(evaluation.rows);
    drawTotal();
    drawSummary();
    drawCharts();
    stats.set('format', 'csv');
    csv.href = `/api/stats?${stats}`;
    csv.removeAttribute('aria-disabled');
    showError(null);
    const url = new URL(window.location.href);
    for (const [key, value] of [['area', picker.value], ['groupBy', groupBy.value], ['from', fromInput.value], ['to', toInput.value], ['step', stepInput.value]]) {
      if (value) url.searchParams.set(key, value);
    }
    window.history.replaceState(null, '', url);
  } catch (error) {
    csv.removeAttribute('href');
    csv.setAttribute('aria-disabled', 'true');
    showError(error, FIELDS);
  } finally {
    root.dataset.ready = 'true';
  }
}

document.getElementById('evaluation-form').addEventListener('submit', (event) => { event.preventDefault(); load(); });
for (const input of [picker, groupBy, fromInput, toInput, stepInput]) input.addEventListener('change', load);
onLanguageChange(() => { drawSummary(); drawTotal(); drawCharts(); });

async function start() {
  state.user = await startPage();
  const params = new URLSearchParams(window.location.search);
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const now = today();
  const monday = addDays(now, -((new Date(`${now}T00:00:00Z`).getUTCDay() + 6) % 7));
  fromInput.value = day.test(params.get('from') ?? '') ? params.get('from') : addDays(monday, -7 * 11);
  toInput.value = day.test(params.get('to') ?? '') ? params.get('to') : now;
  if (['area', 'member', 'department'].includes(params.get('groupBy'))) groupBy.value = params.get('groupBy');
  if (['week', 'month', 'day'].includes(params.get('step'))) stepInput.value = params.get('step');
  const requested = params.get('area');
  await fillAreaPicker(picker, state.user, requested && /^\d{1,15}$/.test(requested) ? requested : state.user.jurisdiction?.code);
  await load();
}

start().catch((error) => {
  showError(t('desk.error.load', { message: error?.message ?? String(error) }));
  root.dataset.ready = 'true';
});
