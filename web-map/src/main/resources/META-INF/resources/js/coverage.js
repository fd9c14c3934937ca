// The coverage page (覆盖检查): the report of GET /api/coverage/{areaCode} for an area of the user's
// jurisdiction (default: the user's own area; ?area=CODE picks another) — score per level, the load
// of full-time members, the problems grouped by kind and sortable — beside a map of the area's grids
// with the problems drawn over them. Clicking a problem zooms to it and highlights it. Beside them,
// each grid's patrol coverage of the current week (GET /api/patrols/coverage), least covered first.
//
// Hooks for the browser test: document.documentElement.dataset.ready = 'true' once the report and
// the map are drawn; dataset.focused = the id of the problem last zoomed to;
// window.wangge = { map, report, focus(id) }.
import L from './leaflet-global.js';
import { getJson, me, SessionEndedError } from './api.js';
import { t, addMessages, applyTranslations, setLanguage, currentLanguage, onLanguageChange, formatNumber, formatDateTime } from './i18n.js';
import { el } from './dom.js';

const KINDS = ['GAP', 'OVERLAP', 'NOT_NESTED', 'INVALID', 'SLIVER', 'ADDRESS_IN_NO_GRID', 'ADDRESS_IN_SEVERAL_GRIDS',
  'NO_LEADER', 'NO_FULL_TIME_MEMBER', 'OVERLOADED', 'UNDERLOADED'];
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'];

addMessages({
  zh: {
    'coverage.title': '覆盖检查',
    'coverage.patrol': '本周巡查覆盖率',
    'coverage.patrol.grid': '网格',
    'coverage.patrol.addresses': '标准地址',
    'coverage.patrol.covered': '已巡查',
    'coverage.patrol.rate': '覆盖率',
    'coverage.patrol.summary': '{from} 起的一周：{grids} 个网格，{covered} / {addresses} 个标准地址在巡查轨迹 50 米内（{rate}）。',
    'coverage.area': '区域',
    'coverage.back': '返回地图',
    'coverage.levels': '各层级得分',
    'coverage.level': '层级',
    'coverage.areas': '区域数',
    'coverage.problems': '问题',
    'coverage.score': '得分',
    'coverage.scoreOf': '{name}得分 {score}',
    'coverage.checkedAt': '检查于 {time}',
    'coverage.load': '专职网格员负担',
    'coverage.loadSummary': '定额每名专职网格员 {norm} 户；{grids} 个网格配有专职网格员。最重：{most}。最轻：{least}。',
    'coverage.loadItem': '{name}（{code}）{per} 户/人',
    'coverage.problemList': '问题清单',
    'coverage.problemCount': '共 {count} 个问题',
    'coverage.none': '未发现问题：横向到边、纵向到底、不留死角。',
    'coverage.sortBy': '排序',
    'coverage.col.severity': '严重程度',
    'coverage.col.kind': '类型',
    'coverage.col.code': '编码',
    'coverage.col.area': '面积',
    'coverage.map': '覆盖地图',
    'coverage.legend.grid': '网格',
    'coverage.legend.problem': '问题位置',
    'coverage.legend.focus': '当前选中',
    'coverage.loading': '正在检查…',
    'severity.HIGH': '高',
    'severity.MEDIUM': '中',
    'severity.LOW': '低',
    'kind.GAP': '缝隙（未覆盖）',
    'kind.OVERLAP': '重叠',
    'kind.NOT_NESTED': '越出上级范围',
    'kind.INVALID': '边界无效',
    'kind.SLIVER': '狭长碎片',
    'kind.ADDRESS_IN_NO_GRID': '地址不在任何网格',
    'kind.ADDRESS_IN_SEVERAL_GRIDS': '地址落在多个网格',
    'kind.NO_LEADER': '无网格长',
    'kind.NO_FULL_TIME_MEMBER': '无专职网格员',
    'kind.OVERLOADED': '负担过重',
    'kind.UNDERLOADED': '负担过轻',
    'msg.GAP': '{parent} 下有 {area} 平方米不属于任何下级区域{near}',
    'msg.near': '（邻接 {codes}）',
    'msg.OVERLAP': '{codes} 重叠 {area} 平方米',
    'msg.NOT_NESTED': '{codes} 有 {area} 平方米在上级区域之外',
    'msg.INVALID': '{codes} 的边界不是有效多边形',
    'msg.SLIVER': '{codes} 含狭长碎片（{area} 平方米）',
    'msg.ADDRESS_IN_NO_GRID': '{parent} 内 {addresses} 个地址（{households} 户）不在任何网格',
    'msg.ADDRESS_IN_SEVERAL_GRIDS': '{addresses} 个地址（{households} 户）同时落在 {codes}',
    'msg.NO_LEADER': '{codes} 没有网格长',
    'msg.NO_FULL_TIME_MEMBER': '{codes} 没有专职网格员（{households} 户）',
    'msg.OVERLOADED': '{codes}：{households} 户，超过定额',
    'msg.UNDERLOADED': '{codes}：{households} 户，低于定额的一半',
  },
  en: {
    'coverage.title': 'Coverage',
    'coverage.patrol': 'Patrol coverage this week',
    'coverage.patrol.grid': 'Grid',
    'coverage.patrol.addresses': 'Addresses',
    'coverage.patrol.covered': 'Patrolled',
    'coverage.patrol.rate': 'Coverage',
    'coverage.patrol.summary': 'Week from {from}: {grids} grids, {covered} of {addresses} standard addresses within 50 m of a patrol track ({rate}).',
    'coverage.area': 'Area',
    'coverage.back': 'Back to the map',
    'coverage.levels': 'Score by level',
    'coverage.level': 'Level',
    'coverage.areas': 'Areas',
    'coverage.problems': 'Problems',
    'coverage.score': 'Score',
    'coverage.scoreOf': '{name}: score {score}',
    'coverage.checkedAt': 'checked {time}',
    'coverage.load': 'Load of full-time members',
    'coverage.loadSummary': 'Norm {norm} households per full-time member; {grids} grids have one. Most loaded: {most}. Least loaded: {least}.',
    'coverage.loadItem': '{name} ({code}) {per} per member',
    'coverage.problemList': 'Problems',
    'coverage.problemCount': '{count} problems',
    'coverage.none': 'No problem found: no blind spots.',
    'coverage.sortBy': 'Sort by',
    'coverage.col.severity': 'Severity',
    'coverage.col.kind': 'Kind',
    'coverage.col.code': 'Code',
    'coverage.col.area': 'Area',
    'coverage.map': 'Coverage map',
    'coverage.legend.grid': 'Grid',
    'coverage.legend.problem': 'Problem',
    'coverage.legend.focus': 'Selected',
    'coverage.loading': 'Checking…',
    'severity.HIGH': 'High',
    'severity.MEDIUM': 'Medium',
    'severity.LOW': 'Low',
    'kind.GAP': 'Gap',
    'kind.OVERLAP': 'Overlap',
    'kind.NOT_NESTED': 'Outside its parent',
    'kind.INVALID': 'Invalid boundary',
    'kind.SLIVER': 'Sliver',
    'kind.ADDRESS_IN_NO_GRID': 'Addresses in no grid',
    'kind.ADDRESS_IN_SEVERAL_GRIDS': 'Addresses in several grids',
    'kind.NO_LEADER': 'No grid leader',
    'kind.NO_FULL_TIME_MEMBER': 'No full-time member',
    'kind.OVERLOADED': 'Overloaded',
    'kind.UNDERLOADED': 'Underloaded',
    'msg.GAP': '{area} m² of {parent} lie in none of its children{near}',
    'msg.near': ' (next to {codes})',
    'msg.OVERLAP': '{codes} overlap by {area} m²',
    'msg.NOT_NESTED': '{area} m² of {codes} lie outside its parent',
    'msg.INVALID': 'the boundary of {codes} is not a valid polygon',
    'msg.SLIVER': '{codes} has a thin part ({area} m²)',
    'msg.ADDRESS_IN_NO_GRID': '{addresses} addresses ({households} households) of {parent} lie in no grid',
    'msg.ADDRESS_IN_SEVERAL_GRIDS': '{addresses} addresses ({households} households) lie in {codes} at once',
    'msg.NO_LEADER': '{codes} has no grid leader',
    'msg.NO_FULL_TIME_MEMBER': '{codes} has no full-time member ({households} households)',
    'msg.OVERLOADED': '{codes}: {households} households, above the norm',
    'msg.UNDERLOADED': '{codes}: {households} households, below half the norm',
  },
});

const root = document.documentElement;
const errorBox = document.getElementById('error');
const picker = document.getElementById('area-picker');
const state = { report: null, areaBounds: null, sort: 'severity', pickerAreas: null, selected: null };
const wangge = { state, focus: (id) => focus(id) };
window.wangge = wangge;

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof SessionEndedError) {
    event.preventDefault();
    return;
  }
  showError(String(event.reason?.message ?? event.reason));
});

// --- Map ----------------------------------------------------------------------------------------

const map = L.map('map', { zoomSnap: 1, minZoom: 5, maxZoom: 19 });
wangge.map = map;
const gridLayer = L.geoJSON(null, {
  style: () => ({ color: '#2f6fa3', weight: 1, fillColor: '#cfe3f7', fillOpacity: 0.35 }),
  onEachFeature: (feature, layer) => layer.bindTooltip(`${feature.properties.name} ${feature.properties.code}`, { sticky: true }),
}).addTo(map);
const problemLayer = L.geoJSON(null, {
  style: () => ({ color: '#d62828', weight: 2, fillColor: '#d62828', fillOpacity: 0.45 }),
  pointToLayer: (feature, latlng) => L.circleMarker(latlng, { radius: 4, color: '#d62828', weight: 1, fillOpacity: 0.8 }),
  onEachFeature: (feature, layer) => layer.on('click', () => focus(feature.id)),
}).addTo(map);
const focusLayer = L.geoJSON(null, {
  style: () => ({ color: '#ffb300', weight: 4, fillColor: '#ffb300', fillOpacity: 0.35 }),
  pointToLayer: (feature, latlng) => L.circleMarker(latlng, { radius: 7, color: '#ffb300', weight: 3, fillOpacity: 0.6 }),
}).addTo(map);

const legend = L.control({ position: 'bottomright' });
legend.onAdd = () => el('div', { class: 'coverage-legend' },
  el('div', {}, el('span', { class: 'swatch swatch-grid' }), el('span', { 'data-i18n': 'coverage.legend.grid' }, t('coverage.legend.grid'))),
  el('div', {}, el('span', { class: 'swatch swatch-problem' }), el('span', { 'data-i18n': 'coverage.legend.problem' }, t('coverage.legend.problem'))),
  el('div', {}, el('span', { class: 'swatch swatch-focus' }), el('span', { 'data-i18n': 'coverage.legend.focus' }, t('coverage.legend.focus'))));
legend.addTo(map);

const boundsOf = (bbox) => L.latLngBounds([bbox[1], bbox[0]], [bbox[3], bbox[2]]);

async function drawGrids(code) {
  const detail = await getJson(`/api/areas/${encodeURIComponent(code)}`);
  state.areaBounds = detail.bbox ? boundsOf(detail.bbox) : null;
  gridLayer.clearLayers();
  if (detail.bbox) {
    const grids = await getJson(`/api/areas?level=GRID&bbox=${detail.bbox.join(',')}`);
    gridLayer.addData({ type: 'FeatureCollection', features: grids.features.filter((f) => f.properties.code.startsWith(code)) });
  }
  if (state.areaBounds) {
    map.fitBounds(state.areaBounds, { padding: [20, 20] });
  }
}

function drawProblems(report) {
  problemLayer.clearLayers();
  focusLayer.clearLayers();
  const features = report.problems.filter((p) => p.geometry)
    .map((p) => ({ type: 'Feature', id: p.id, geometry: p.geometry, properties: { kind: p.kind } }));
  problemLayer.addData({ type: 'FeatureCollection', features });
}

/** Zooms to a problem and highlights it: its geometry, else the grids it names. */
function focus(id) {
  const problem = state.report?.problems.find((p) => p.id === id);
  if (!problem) return;
  state.selected = id;
  document.querySelectorAll('.problem-row.selected').forEach((row) => row.classList.remove('selected'));
  document.querySelector(`.problem-row[data-problem-id="${CSS.escape(id)}"]`)?.classList.add('selected');
  focusLayer.clearLayers();
  if (problem.geometry) {
    focusLayer.addData({ type: 'Feature', id, geometry: problem.geometry, properties: {} });
  } else {
    gridLayer.eachLayer((layer) => {
      if (problem.codes.includes(layer.feature.properties.code)) {
        focusLayer.addData(layer.feature);
      }
    });
  }
  if (problem.bbox) {
    map.fitBounds(boundsOf(problem.bbox), { padding: [40, 40], maxZoom: 18 });
  }
  root.dataset.focused = id;
}

// --- Lists --------------------------------------------------------------------------------------

const levelName = (level) => t(`level.${level}`);

function drawHeader(report) {
  const score = document.getElementById('score');
  score.textContent = t('coverage.scoreOf', { name: report.area.name, score: formatNumber(report.score, { maximumFractionDigits: 1 }) });
  score.dataset.grade = report.score >= 95 ? 'good' : report.score >= 80 ? 'fair' : 'poor';
  document.getElementById('checked-at').textContent = t('coverage.checkedAt', { time: formatDateTime(report.checkedAt) });
}

function drawLevels(report) {
  const body = document.querySelector('#levels tbody');
  body.replaceChildren(...report.levels.map((l) => el('tr', { dataset: { level: l.level } },
    el('td', {}, levelName(l.level)),
    el('td', { class: 'number' }, formatNumber(l.areas)),
    el('td', { class: 'number' }, formatNumber(l.problems)),
    el('td', { class: 'number' }, formatNumber(l.score, { maximumFractionDigits: 1 })))));
}

function drawLoad(report) {
  const item = (g) => t('coverage.loadItem', { name: g.name, code: g.code, per: formatNumber(g.householdsPerFullTimeMember, { maximumFractionDigits: 0 }) });
  const list = (loads) => (loads.length ? loads.slice(0, 3).map(item).join(currentLanguage() === 'zh' ? '、' : ', ') : '–');
  document.getElementById('load-summary').textContent = t('coverage.loadSummary', {
    norm: report.norm.householdsPerFullTimeMember,
    grids: formatNumber(report.load.gridsWithFullTimeMember),
    most: list(report.load.mostLoaded),
    least: list(report.load.leastLoaded),
  });
}

async function drawPatrolCoverage(code) {
  const week = await getJson(`/api/patrols/coverage?area=${encodeURIComponent(code)}`);
  const grids = [...week.grids].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.gridCode.localeCompare(b.gridCode));
  const percent = (rate) => (rate == null ? '–' : formatNumber(rate, { style: 'percent', maximumFractionDigits: 1 }));
  const addresses = grids.reduce((sum, g) => sum + g.addresses, 0);
  const covered = grids.reduce((sum, g) => sum + g.covered, 0);
  document.getElementById('patrol-summary').textContent = t('coverage.patrol.summary', {
    from: week.week,
    grids: formatNumber(grids.length),
    covered: formatNumber(covered),
    addresses: formatNumber(addresses),
    rate: percent(addresses ? covered / addresses : null),
  });
  document.querySelector('#patrol-coverage tbody').replaceChildren(...grids.map((g) => el('tr', { dataset: { grid: g.gridCode } },
    el('td', {}, g.gridCode),
    el('td', { class: 'number' }, formatNumber(g.addresses)),
    el('td', { class: 'number' }, formatNumber(g.covered)),
    el('td', { class: 'number' }, percent(g.rate)))));
}

function message(p) {
  const codes = p.codes.join(currentLanguage() === 'zh' ? '、' : ', ');
  return t(`msg.${p.kind}`, {
    codes,
    parent: p.parentCode,
    near: p.codes.length ? t('msg.near', { codes }) : '',
    area: formatNumber(p.areaSquareMetres, { maximumFractionDigits: 1 }),
    households: formatNumber(p.households),
    addresses: formatNumber(p.addresses),
  });
}

const firstCode = (p) => p.codes[0] ?? p.parentCode ?? '';
const COMPARATORS = {
  severity: (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity)
    || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || firstCode(a).localeCompare(firstCode(b)),
  kind: (a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || firstCode(a).localeCompare(firstCode(b)),
  code: (a, b) => firstCode(a).localeCompare(firstCode(b)) || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
  area: (a, b) => b.areaSquareMetres - a.areaSquareMetres || b.households - a.households || firstCode(a).localeCompare(firstCode(b)),
};

function drawProblemList(report) {
  const container = document.getElementById('problems');
  document.getElementById('problem-count').textContent = t('coverage.problemCount', { count: formatNumber(report.problems.length) });
  if (!report.problems.length) {
    container.replaceChildren(el('p', { class: 'empty' }, t('coverage.none')));
    return;
  }
  const groups = KINDS.map((kind) => [kind, report.problems.filter((p) => p.kind === kind)]).filter(([, list]) => list.length);
  // Groups in the order of their most severe problem (then kind), rows by the chosen sort.
  groups.sort(([ka, a], [kb, b]) => Math.min(...a.map((p) => SEVERITIES.indexOf(p.severity)))
    - Math.min(...b.map((p) => SEVERITIES.indexOf(p.severity))) || KINDS.indexOf(ka) - KINDS.indexOf(kb));
  container.replaceChildren(...groups.map(([kind, list]) => el('details', { class: 'problem-group', open: true, dataset: { kind } },
    el('summary', {}, t(`kind.${kind}`), el('span', { class: 'group-count' }, formatNumber(list.length))),
    el('table', { class: 'coverage-table' },
      el('tbody', {}, [...list].sort(COMPARATORS[state.sort]).map((p) => el('tr', {
        class: `problem-row${p.id === state.selected ? ' selected' : ''}`,
        tabindex: '0',
        dataset: { problemId: p.id },
        onclick: () => focus(p.id),
        onkeydown: (event) => { if (event.key === 'Enter') focus(p.id); },
      },
      el('td', {}, el('span', { class: `severity severity-${p.severity}` }, t(`severity.${p.severity}`))),
      el('td', {}, firstCode(p)),
      el('td', { class: 'number' }, p.areaSquareMetres ? `${formatNumber(p.areaSquareMetres, { maximumFractionDigits: 0 })} m²` : ''),
      el('td', { class: 'problem-message' }, message(p)))))))));
}

document.querySelectorAll('.sort-bar .sort').forEach((button) => button.addEventListener('click', () => {
  state.sort = button.dataset.sort;
  document.querySelectorAll('.sort-bar .sort').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
  if (state.report) drawProblemList(state.report);
}));

function fillPicker(report) {
  if (!state.pickerAreas) {
    state.pickerAreas = report.areas.filter((a) => a.level !== 'GRID' || report.areas.length <= 1000);
  }
  picker.replaceChildren(...state.pickerAreas.map((a) => el('option', { value: a.code, selected: a.code === report.area.code },
    `${'\u3000'.repeat(Math.max(0, (a.code.length - state.pickerAreas[0].code.length) / 3))}${a.name} ${a.code}`)));
}
picker.addEventListener('change', () => load(picker.value));

function drawAll() {
  const report = state.report;
  if (!report) return;
  drawHeader(report);
  drawLevels(report);
  drawLoad(report);
  drawProblemList(report);
}

async function load(code) {
  root.dataset.ready = 'false';
  errorBox.hidden = true;
  document.getElementById('score').textContent = t('coverage.loading');
  try {
    const [report] = await Promise.all([getJson(`/api/coverage/${encodeURIComponent(code)}`), drawGrids(code), drawPatrolCoverage(code)]);
    state.report = report;
    wangge.report = report;
    state.selected = null;
    fillPicker(report);
    drawAll();
    drawProblems(report);
    const url = new URL(window.location.href);
    url.searchParams.set('area', code);
    window.history.replaceState(null, '', url);
  } catch (error) {
    if (!(error instanceof SessionEndedError)) showError(error.message);
  } finally {
    root.dataset.ready = 'true';
  }
}

document.getElementById('lang-toggle').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
onLanguageChange(() => drawAll());

async function start() {
  applyTranslations(document);
  const user = await me();
  const requested = new URLSearchParams(window.location.search).get('area');
  let code = requested && /^\d{4,15}$/.test(requested) ? requested : user.jurisdiction?.code;
  if (!code) {
    const cities = await getJson('/api/areas?level=CITY');
    code = cities.features[0]?.properties.code;
  }
  if (code) {
    await load(code);
  } else {
    root.dataset.ready = 'true';
  }
}

start().catch((error) => {
  if (!(error instanceof SessionEndedError)) showError(error.message);
  root.dataset.ready = 'true';
});
