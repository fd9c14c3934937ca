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
import { mountNav, pagesFor } from './nav.js';

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
    'coverage.load.grid': '网格',
    'coverage.load.households': '户数',
    'coverage.load.addresses': '地址',
    'coverage.load.members': '网格员',
    'coverage.load.fullTime': '专职',
    'coverage.load.perMember': '户/专职',
    'coverage.load.open': '未办结案件',
    'coverage.load.none': '无专职',
    'coverage.loadSummary2': '定额：每名专职网格员不超过 {norm} 户（低于 {under} 户为负担过轻）；{grids} / {all} 个网格配有专职网格员。点击表头排序。',
    'coverage.howScored': '得分如何计算',
    'coverage.rule.1': '每个问题按严重程度扣它涉及的区域的分：高 {high} 分，中 {medium} 分，低 {low} 分。缝隙和“地址不在任何网格”扣在留下它的上级区域，其他问题扣在问题所列的每个区域。',
    'coverage.rule.2': '网格得分 = 100 − 本网格扣分；其他区域得分 = 下级区域得分的平均值 − 本区域扣分（没有下级时平均值按 100 计）；最低 0 分。各层级得分为该层级所有区域得分的平均值。',
    'coverage.rule.3': '严重程度：缝隙、重叠、越出上级范围按面积定（≥ 100 平方米为高，≥ 1 平方米为中，其余为低）；边界无效和地址问题为高；狭长碎片、无网格长、无专职网格员为中；负担过重超过定额 1.5 倍为中，否则为低；负担过轻为低。',
    'coverage.rule.here': '{name}：下级 {n} 个区域平均 {mean} 分，本级问题扣 {own} 分，得 {score} 分。',
    'coverage.rule.hereGrid': '{name}：100 − 本网格扣分 {own} = {score} 分。',
    'coverage.rule.severities': '本区域问题：高 {high} 个、中 {medium} 个、低 {low} 个。',
    'coverage.next': '下一步：',
    'coverage.next.boundary': '在边界规划页为该社区新建规划，重画或移动相关网格的边界，校验通过后发布。',
    'coverage.next.INVALID': '在边界规划页为该社区新建规划，重画这个网格的边界（有效的多边形），校验通过后发布。',
    'coverage.next.ADDRESS_IN_NO_GRID': '在边界规划页扩大相邻网格把这些地址包进来；若是地址坐标有误，在数据交换页重新导入标准地址。',
    'coverage.next.ADDRESS_IN_SEVERAL_GRIDS': '在边界规划页消除这些网格的重叠（移动边界或重画），使每个地址只属于一个网格。',
    'coverage.next.NO_LEADER': '为该网格指定网格长：在数据交换页导入网格员名单（类型“网格员”，角色 GRID_LEADER，所属网格填该网格编码）。',
    'coverage.next.NO_FULL_TIME_MEMBER': '为该网格配备专职网格员：在数据交换页导入网格员名单（类型“网格员”，角色 FULL_TIME，所属网格填该网格编码）。',
    'coverage.next.OVERLOADED': '增配专职网格员（数据交换页导入网格员），或在边界规划页用“自动拆分”按户数把该网格拆成几个。',
    'coverage.next.UNDERLOADED': '在边界规划页把该网格与相邻网格合并，或让其专职网格员兼管相邻网格。',
    'coverage.next.askPlanner': '（需由规划人员或系统管理员操作）',
    'coverage.link.planning': '打开边界规划',
    'coverage.link.exchange': '打开数据交换',
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
    'coverage.load.grid': 'Grid',
    'coverage.load.households': 'Households',
    'coverage.load.addresses': 'Addresses',
    'coverage.load.members': 'Members',
    'coverage.load.fullTime': 'Full-time',
    'coverage.load.perMember': 'Households per full-time',
    'coverage.load.open': 'Open cases',
    'coverage.load.none': 'none full-time',
    'coverage.loadSummary2': 'Norm: at most {norm} households per full-time member (under {under}: underloaded); {grids} of {all} grids have a full-time member. Click a column to sort.',
    'coverage.howScored': 'How the score is computed',
    'coverage.rule.1': 'Each problem costs the areas it concerns points by severity: high {high}, medium {medium}, low {low}. A gap and addresses in no grid cost the parent area that leaves them; any other problem costs every area it names.',
    'coverage.rule.2': 'A grid scores 100 − its penalties; any other area the mean of its children’s scores − its own penalties (100 as the mean when it has no children); never below 0. A level’s score is the mean of its areas’ scores.',
    'coverage.rule.3': 'Severity: gaps, overlaps and parts outside the parent by area (from 100 m² high, from 1 m² medium, else low); invalid boundaries and address problems high; slivers, no grid leader and no full-time member medium; overloaded above 1.5 × the norm medium, else low; underloaded low.',
    'coverage.rule.here': '{name}: its {n} children average {mean}, its own problems cost {own}, so it scores {score}.',
    'coverage.rule.hereGrid': '{name}: 100 − its penalties {own} = {score}.',
    'coverage.rule.severities': 'Problems here: {high} high, {medium} medium, {low} low.',
    'coverage.next': 'What to do: ',
    'coverage.next.boundary': 'Start a plan for the community on the planning page, redraw or move the grids’ boundaries, and publish once valid.',
    'coverage.next.INVALID': 'Start a plan for the community on the planning page, redraw this grid’s boundary as a valid polygon, and publish once valid.',
    'coverage.next.ADDRESS_IN_NO_GRID': 'On the planning page, enlarge a neighbouring grid to take these addresses in; if their coordinates are wrong, import the addresses again on the data exchange page.',
    'coverage.next.ADDRESS_IN_SEVERAL_GRIDS': 'On the planning page, remove the overlap of these grids (move or redraw the edge) so each address lies in one grid.',
    'coverage.next.NO_LEADER': 'Give the grid a leader: import the members list on the data exchange page (kind “Members”, role GRID_LEADER, grid = this grid’s code).',
    'coverage.next.NO_FULL_TIME_MEMBER': 'Give the grid a full-time member: import the members list on the data exchange page (kind “Members”, role FULL_TIME, grid = this grid’s code).',
    'coverage.next.OVERLOADED': 'Add a full-time member (members import on the data exchange page), or split the grid by households with “Auto-split” on the planning page.',
    'coverage.next.UNDERLOADED': 'Merge the grid with a neighbour on the planning page, or let its full-time member also serve a neighbouring grid.',
    'coverage.next.askPlanner': ' (a planner or an administrator does this)',
    'coverage.link.planning': 'Open planning',
    'coverage.link.exchange': 'Open data exchange',
  },
});

const root = document.documentElement;
const errorBox = document.getElementById('error');
const picker = document.getElementById('area-picker');
const state = {
  report: null, areaBounds: null, sort: 'severity', pickerAreas: null, selected: null, user: null,
  figures: new Map(), loadSort: { key: 'perMember', dir: -1 },
};
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

/** The report's areas by code (names for codes). */
const areaByCode = () => {
  if (state.report && !state.report.byCode) {
    state.report.byCode = new Map(state.report.areas.map((a) => [a.code, a]));
  }
  return state.report?.byCode ?? new Map();
};
const communityCodeOf = (code) => (code.length === 15 ? code.slice(0, 12) : null);
/** What a leader calls an area: a grid as 第03网格 with its community, else the area's name; the code when unknown. */
function areaLabel(code) {
  const area = areaByCode().get(code);
  if (!area) return code;
  const community = communityCodeOf(code) && areaByCode().get(communityCodeOf(code));
  // The community is named unless it is the area shown or the grid's name already says it.
  return community && community.code !== state.report.area.code && !area.name.startsWith(community.name)
    ? `${community.name} · ${area.name}` : area.name;
}
/** An area's name with its code as secondary text. */
const areaCell = (code) => [el('span', { class: 'area-name' }, areaLabel(code)), ' ', el('small', { class: 'code' }, code)];

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

const LOAD_KEYS = {
  name: (g) => areaLabel(g.code),
  households: (g) => g.households,
  addresses: (g) => g.addresses,
  members: (g) => state.figures.get(g.code)?.members ?? null,
  fullTime: (g) => g.fullTimeMembers,
  perMember: (g) => g.householdsPerFullTimeMember,
  open: (g) => state.figures.get(g.code)?.open ?? null,
};

/** Every grid's households, addresses, staff and open cases, sortable by each column. */
function drawLoad(report) {
  const grids = report.load.grids ?? [];
  const norm = report.norm.householdsPerFullTimeMember;
  document.getElementById('load-summary').textContent = t('coverage.loadSummary2', {
    norm: formatNumber(norm),
    under: formatNumber(norm * (report.norm.underloadFraction ?? 0.5)),
    grids: formatNumber(report.load.gridsWithFullTimeMember),
    all: formatNumber(grids.length),
  });
  const { key, dir } = state.loadSort;
  const value = LOAD_KEYS[key];
  const rows = [...grids].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1; // empty last
    const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y), currentLanguage() === 'zh' ? 'zh-CN' : 'en', { numeric: true });
    return dir * order || a.code.localeCompare(b.code);
  });
  document.querySelectorAll('#load-table th').forEach((th) => {
    const sortKey = th.querySelector('[data-sort]').dataset.sort;
    th.setAttribute('aria-sort', sortKey !== key ? 'none' : dir > 0 ? 'ascending' : 'descending');
  });
  const per = (g) => g.householdsPerFullTimeMember;
  const loadClass = (g) => (per(g) == null ? 'load-none' : per(g) > norm ? 'load-over'
    : per(g) < norm * (report.norm.underloadFraction ?? 0.5) ? 'load-under' : 'load-ok');
  document.querySelector('#load-table tbody').replaceChildren(...rows.map((g) => el('tr', { dataset: { grid: g.code } },
    el('td', {}, areaCell(g.code)),
    el('td', { class: 'number' }, formatNumber(g.households)),
    el('td', { class: 'number' }, formatNumber(g.addresses)),
    el('td', { class: 'number' }, formatNumber(state.figures.get(g.code)?.members)),
    el('td', { class: 'number' }, formatNumber(g.fullTimeMembers)),
    el('td', { class: `number ${loadClass(g)}` }, per(g) == null ? t('coverage.load.none') : formatNumber(per(g), { maximumFractionDigits: 0 })),
    el('td', { class: 'number' }, formatNumber(state.figures.get(g.code)?.open)))));
}

document.querySelectorAll('#load-table [data-sort]').forEach((button) => button.addEventListener('click', () => {
  const key = button.dataset.sort;
  state.loadSort = { key, dir: state.loadSort.key === key ? -state.loadSort.dir : (key === 'name' ? 1 : -1) };
  if (state.report) drawLoad(state.report);
}));

/** The score rule (the numbers are the report's) and how this area's score comes about. */
function drawScoreRule(report) {
  const s = report.scoring ?? { highPenalty: 10, mediumPenalty: 3, lowPenalty: 1 };
  const here = report.area;
  const children = report.areas.filter((a) => a.code.length === here.code.length + 3 && a.code.startsWith(here.code));
  const mean = children.length ? children.reduce((sum, a) => sum + a.score, 0) / children.length : 100;
  const own = Math.max(0, (here.level === 'GRID' ? 100 : mean) - report.score);
  const mine = report.problems.filter((p) => ((p.kind === 'GAP' || p.kind === 'ADDRESS_IN_NO_GRID') ? [p.parentCode] : p.codes).includes(here.code));
  const count = (sev) => formatNumber(mine.filter((p) => p.severity === sev).length);
  const number = (v) => formatNumber(v, { maximumFractionDigits: 1 });
  document.getElementById('score-rule').replaceChildren(
    el('p', {}, t('coverage.rule.1', { high: s.highPenalty, medium: s.mediumPenalty, low: s.lowPenalty })),
    el('p', {}, t('coverage.rule.2')),
    el('p', {}, t('coverage.rule.3')),
    el('p', { class: 'rule-here' }, here.level === 'GRID'
      ? t('coverage.rule.hereGrid', { name: here.name, own: number(own), score: number(report.score) })
      : t('coverage.rule.here', { name: here.name, n: formatNumber(children.length), mean: number(mean), own: number(own), score: number(report.score) }),
    ' ', t('coverage.rule.severities', { high: count('HIGH'), medium: count('MEDIUM'), low: count('LOW') })));
}

const BOUNDARY_KINDS = new Set(['GAP', 'OVERLAP', 'NOT_NESTED', 'SLIVER']);
const NEXT_LINKS = {
  GAP: ['planning'], OVERLAP: ['planning'], NOT_NESTED: ['planning'], INVALID: ['planning'], SLIVER: ['planning'],
  ADDRESS_IN_NO_GRID: ['planning', 'exchange'], ADDRESS_IN_SEVERAL_GRIDS: ['planning'],
  NO_LEADER: ['exchange'], NO_FULL_TIME_MEMBER: ['exchange'], OVERLOADED: ['exchange', 'planning'], UNDERLOADED: ['planning'],
};

/** What to do about a kind of problem, with links to the pages where it is done (when the user may open them). */
function nextStep(kind) {
  const allowed = new Set(pagesFor(state.user?.role ?? '').map(([id]) => id));
  const links = NEXT_LINKS[kind].filter((page) => allowed.has(page));
  return el('p', { class: 'next-step', dataset: { kind } },
    el('strong', {}, t('coverage.next')),
    t(BOUNDARY_KINDS.has(kind) ? 'coverage.next.boundary' : `coverage.next.${kind}`),
    links.length < NEXT_LINKS[kind].length ? t('coverage.next.askPlanner') : '',
    ...links.flatMap((page) => [' ', el('a', { class: `next-link next-${page}`, href: `/${page}.html` }, t(`coverage.link.${page}`))]));
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
    el('td', {}, areaCell(g.gridCode)),
    el('td', { class: 'number' }, formatNumber(g.addresses)),
    el('td', { class: 'number' }, formatNumber(g.covered)),
    el('td', { class: 'number' }, percent(g.rate)))));
}

function message(p) {
  const codes = p.codes.map(areaLabel).join(currentLanguage() === 'zh' ? '、' : ', ');
  return t(`msg.${p.kind}`, {
    codes,
    parent: areaLabel(p.parentCode),
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
    nextStep(kind),
    el('table', { class: 'coverage-table' },
      el('tbody', {}, [...list].sort(COMPARATORS[state.sort]).map((p) => el('tr', {
        class: `problem-row${p.id === state.selected ? ' selected' : ''}`,
        tabindex: '0',
        dataset: { problemId: p.id },
        onclick: () => focus(p.id),
        onkeydown: (event) => { if (event.key === 'Enter') focus(p.id); },
      },
      el('td', {}, el('span', { class: `severity severity-${p.severity}` }, t(`severity.${p.severity}`))),
      el('td', { class: 'problem-area' }, areaCell(firstCode(p))),
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
  drawScoreRule(report);
  drawProblemList(report);
}

/** Members and open cases of every grid of the area (the map's figures); the table shows '–' without them. */
async function loadFigures(code) {
  try {
    const figures = await getJson(`/api/map/areas?level=GRID&within=${encodeURIComponent(code)}`);
    state.figures = new Map(figures.map((f) => [f.code, f]));
  } catch (error) {
    if (error instanceof SessionEndedError) throw error;
    state.figures = new Map();
  }
}

async function load(code) {
  root.dataset.ready = 'false';
  errorBox.hidden = true;
  document.getElementById('score').textContent = t('coverage.loading');
  try {
    const [report] = await Promise.all([getJson(`/api/coverage/${encodeURIComponent(code)}`), drawGrids(code), loadFigures(code)]);
    state.report = report;
    await drawPatrolCoverage(code);
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
onLanguageChange(() => {
  drawAll();
  if (state.report) drawPatrolCoverage(state.report.area.code);
});

async function start() {
  applyTranslations(document);
  const user = await me();
  state.user = user;
  mountNav(user);
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
