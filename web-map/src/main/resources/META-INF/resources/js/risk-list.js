// 风险隐患清单 (the weekly risk and hazard list): GET /api/risk-list?area&week (JSON) for an area of
// the user's jurisdiction and an ISO week (default: this week, in Shanghai time) — the week's cases
// by major and minor class, the hot grids and addresses, the overdue and high-risk cases — each
// section a sortable table; downloads of the same list as CSV and Excel (format=csv|xlsx) and the
// risk warning letter (format=html, an A4 page with css/letter.css) opened in a new tab to print.
//
// Hooks for the browser test: html[data-ready="true"] once the list is drawn; window.wangge = { report }.
import { getJson } from './api.js';
import { t, addMessages, onLanguageChange, formatDateTime, formatNumber } from './i18n.js';
import { el } from './dom.js';
import { startPage, showError, fillAreaPicker, sortableTable } from './desk-page.js';

addMessages({
  zh: {
    'riskList.title': '风险隐患清单',
    'riskList.week': '周次',
    'riskList.show': '查看',
    'riskList.csv': '下载 CSV',
    'riskList.xlsx': '下载 Excel',
    'riskList.letter': '打印风险提示函',
    'riskList.byMajor': '按大类',
    'riskList.byCategory': '按小类',
    'riskList.hotGrids': '高发网格（前 10）',
    'riskList.hotAddresses': '高发地址（前 10）',
    'riskList.overdue': '超时未办结',
    'riskList.highRisk': '本周高风险案件',
    'riskList.summary': '{area} · {week}：本周上报 {total} 件，超时未办结 {overdue} 件，高风险 {high} 件。',
    'riskList.count': '{count} 件',
    'riskList.col.code': '编码',
    'riskList.col.major': '大类',
    'riskList.col.category': '小类',
    'riskList.col.grid': '网格',
    'riskList.col.address': '地址',
    'riskList.col.cases': '案件数',
    'riskList.col.number': '案件编号',
    'riskList.col.place': '网格/区域',
    'riskList.col.status': '状态',
    'riskList.col.risk': '风险',
    'riskList.col.reported': '上报时间',
    'riskList.col.due': '处置时限',
    'riskList.weekRequired': '请选择周次（如 2026 年第 49 周）。',
    'riskList.weekFuture': '{week} 尚未开始：请选择本周（{current}）或更早的周。',
    'risk.HIGH': '高',
    'risk.MEDIUM': '中',
    'risk.LOW': '低',
  },
  en: {
    'riskList.title': 'Risk list',
    'riskList.week': 'Week',
    'riskList.show': 'Show',
    'riskList.csv': 'Download CSV',
    'riskList.xlsx': 'Download Excel',
    'riskList.letter': 'Print warning letter',
    'riskList.byMajor': 'By major class',
    'riskList.byCategory': 'By category',
    'riskList.hotGrids': 'Hot grids (top 10)',
    'riskList.hotAddresses': 'Hot addresses (top 10)',
    'riskList.overdue': 'Overdue and still open',
    'riskList.highRisk': 'High-risk cases of the week',
    'riskList.summary': '{area} · {week}: {total} cases reported, {overdue} overdue and open, {high} high risk.',
    'riskList.count': 'Cases: {count}',
    'riskList.col.code': 'Code',
    'riskList.col.major': 'Major class',
    'riskList.col.category': 'Category',
    'riskList.col.grid': 'Grid',
    'riskList.col.address': 'Address',
    'riskList.col.cases': 'Cases',
    'riskList.col.number': 'Case',
    'riskList.col.place': 'Grid / area',
    'riskList.col.status': 'Status',
    'riskList.col.risk': 'Risk',
    'riskList.col.reported': 'Reported',
    'riskList.col.due': 'Deadline',
    'riskList.weekRequired': 'Choose a week (for example week 49 of 2026).',
    'riskList.weekFuture': '{week} has not started yet: choose this week ({current}) or an earlier one.',
    'risk.HIGH': 'High',
    'risk.MEDIUM': 'Medium',
    'risk.LOW': 'Low',
  },
});

const root = document.documentElement;
const picker = document.getElementById('area-picker');
const weekPicker = document.getElementById('week-picker');
const state = { user: null, report: null };
const wangge = { report: null };
window.wangge = wangge;

/** The ISO week ('2026-W49') of a calendar day given as 'YYYY-MM-DD'. */
export function isoWeek(day) {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the week's Thursday decides its year
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date - firstThursday) / (7 * 86400000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Today in the city's zone, 'YYYY-MM-DD'. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const count = (label = 'riskList.col.cases') => ({ key: 'count', label, numeric: true, value: (r) => r.count, cell: (r) => formatNumber(r.count) });
const tables = {
  byMajorClass: sortableTable(document.getElementById('by-major'), {
    columns: [
      { key: 'code', label: 'riskList.col.code', value: (r) => r.code, cell: (r) => r.code },
      { key: 'name', label: 'riskList.col.major', value: (r) => r.name, cell: (r) => r.name },
      count(),
    ],
    rowAttributes: (r) => ({ dataset: { code: r.code } }),
  }),
  byCategory: sortableTable(document.getElementById('by-category'), {
    columns: [
      { key: 'major', label: 'riskList.col.major', value: (r) => r.majorName, cell: (r) => r.majorName },
      { key: 'code', label: 'riskList.col.code', value: (r) => r.code, cell: (r) => r.code },
      { key: 'name', label: 'riskList.col.category', value: (r) => r.name, cell: (r) => r.name },
      count(),
    ],
    rowAttributes: (r) => ({ dataset: { code: r.code } }),
  }),
  hotGrids: sortableTable(document.getElementById('hot-grids'), {
    columns: [
      { key: 'code', label: 'riskList.col.code', value: (r) => r.code, cell: (r) => r.code },
      { key: 'name', label: 'riskList.col.grid', value: (r) => r.name, cell: (r) => r.name },
      count(),
    ],
    rowAttributes: (r) => ({ dataset: { code: r.code } }),
  }),
  hotAddresses: sortableTable(document.getElementById('hot-addresses'), {
    columns: [
      { key: 'address', label: 'riskList.col.address', value: (r) => r.fullText, cell: (r) => r.fullText },
      { key: 'grid', label: 'riskList.col.grid', value: (r) => r.gridCode, cell: (r) => r.gridCode },
      count(),
    ],
    rowAttributes: (r) => ({ dataset: { code: r.code } }),
  }),
};
const caseColumns = [
  { key: 'number', label: 'riskList.col.number', value: (c) => c.number,
    cell: (c) => el('a', { class: 'case-link', href: `/?case=${encodeURIComponent(c.number)}` }, c.number) },
  { key: 'category', label: 'riskList.col.category', value: (c) => c.categoryName, cell: (c) => c.categoryName },
  { key: 'place', label: 'riskList.col.place', value: (c) => c.gridCode || c.areaCode, cell: (c) => c.gridCode || c.areaCode },
  { key: 'status', label: 'riskList.col.status', value: (c) => t(`status.${c.status}`), cell: (c) => t(`status.${c.status}`) },
  { key: 'risk', label: 'riskList.col.risk', value: (c) => ['LOW', 'MEDIUM', 'HIGH'].indexOf(c.risk), cell: (c) => t(`risk.${c.risk}`) },
  { key: 'reported', label: 'riskList.col.reported', value: (c) => c.reportedAt, cell: (c) => formatDateTime(c.reportedAt) },
  { key: 'due', label: 'riskList.col.due', value: (c) => c.dueAt, cell: (c) => formatDateTime(c.dueAt) },
];
tables.overdue = sortableTable(document.getElementById('overdue'), { columns: caseColumns, rowAttributes: (c) => ({ dataset: { number: c.number } }) });
tables.highRisk = sortableTable(document.getElementById('high-risk'), { columns: caseColumns, rowAttributes: (c) => ({ dataset: { number: c.number } }) });

function query(format) {
  const params = new URLSearchParams();
  if (picker.value) params.set('area', picker.value);
  params.set('week', weekPicker.value);
  if (format) params.set('format', format);
  return `/api/risk-list?${params}`;
}

function setLinks(enabled) {
  for (const [id, format] of [['download-csv', 'csv'], ['download-xlsx', 'xlsx'], ['print-letter', 'html']]) {
    const link = document.getElementById(id);
    if (enabled) {
      link.href = query(format);
      link.removeAttribute('aria-disabled');
    } else {
      link.removeAttribute('href');
      link.setAttribute('aria-disabled', 'true');
    }
  }
}

function drawSummary() {
  const r = state.report;
  if (!r) return;
  document.getElementById('summary').textContent = t('riskList.summary', {
    area: r.area.name, week: r.weekText, total: formatNumber(r.totalCases), overdue: formatNumber(r.overdueCount), high: formatNumber(r.highRiskCount),
  });
  document.getElementById('overdue-count').textContent = t('riskList.count', { count: formatNumber(r.overdueCount) });
  document.getElementById('high-count').textContent = t('riskList.count', { count: formatNumber(r.highRiskCount) });
}

/** The picked week, or null after naming what is wrong with it. */
function checkedWeek() {
  const week = weekPicker.value;
  const current = isoWeek(today());
  if (!/^\d{4}-W\d{2}$/.test(week)) {
    showError({ field: 'week', message: t('riskList.weekRequired') }, { week: 'riskList.week' });
    return null;
  }
  if (week > current) {
    showError({ field: 'week', message: t('riskList.weekFuture', { week, current }) }, { week: 'riskList.week' });
    return null;
  }
  return week;
}

async function load() {
  if (!checkedWeek()) {
    setLinks(false);
    return;
  }
  root.dataset.ready = 'false';
  try {
    const report = await getJson(query());
    state.report = report;
    wangge.report = report;
    for (const [section, table] of Object.entries(tables)) table.setRows(report[section]);
    drawSummary();
    setLinks(true);
    showError(null);
    const url = new URL(window.location.href);
    if (picker.value) url.searchParams.set('area', picker.value);
    url.searchParams.set('week', weekPicker.value);
    window.history.replaceState(null, '', url);
  } catch (error) {
    setLinks(false);
    showError(error, { area: 'desk.area', week: 'riskList.week', format: 'riskList.csv' });
  } finally {
    root.dataset.ready = 'true';
  }
}

document.getElementById('risk-form').addEventListener('submit', (event) => { event.preventDefault(); load(); });
picker.addEventListener('change', load);
weekPicker.addEventListener('change', load);
onLanguageChange(drawSummary);

async function start() {
  state.user = await startPage();
  const params = new URLSearchParams(window.location.search);
  const requested = params.get('area');
  weekPicker.max = isoWeek(today());
  weekPicker.value = params.get('week') || isoWeek(today());
  await fillAreaPicker(picker, state.user, requested && /^\d{1,15}$/.test(requested) ? requested : state.user.jurisdiction?.code);
  await load();
}

start().catch((error) => {
  showError(t('desk.error.load', { message: error?.message ?? String(error) }));
  root.dataset.ready = 'true';
});
