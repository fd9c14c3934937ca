// The data exchange page (数据交换) for planners and administrators.
//
// Import (contract §4, /api/imports): choose a file → upload with a progress bar (XMLHttpRequest
// upload progress) → the layers found (features, coordinate system — a required choice when the
// server cannot tell, with its note — and a mapping select per target field showing sample values,
// prefilled from the server's suggestion) → dry run (progress polled from GET /api/imports/{id}) →
// the report (counts, blocking reasons, a sortable problem table, the extent and the problems on
// the map; a row click zooms to its problem) → commit, enabled only when the dry run says
// committable, with progress and the result.
// Export (contract §5, /api/exports): area, layers, format, coordinate system, encoding → a link.
//
// Hooks for the browser test: document.documentElement.dataset.ready = 'true' once started;
// dataset.importStatus = the import's last known status; dataset.focused = the problem row last
// zoomed to; window.wangge = { map, state }.
import L from './leaflet-global.js';
import { getJson, postJson, deleteJson, me, csrfToken, CSRF_HEADER, ApiError, SessionEndedError, LOGIN_PAGE } from './api.js';
import { t, addMessages, applyTranslations, setLanguage, currentLanguage, onLanguageChange, formatNumber, formatDateTime } from './i18n.js';
import { el } from './dom.js';
import { mountNav } from './nav.js';

const KINDS = ['AREA', 'ADDRESS', 'MEMBER', 'INCIDENT'];
const LEVELS = ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'GRID'];
/** Mapping keys per kind; required ones first (contract §4). */
const MAPPING = {
  AREA: { required: ['code', 'name', 'parentCode'], optional: ['households', 'residents'] },
  ADDRESS: { required: ['code', 'fullText'], optional: ['road', 'number', 'building', 'unit', 'households', 'residents', 'gridCode'] },
  MEMBER: { required: ['code', 'name', 'role', 'gridCodes'], optional: ['phone', 'onDuty'] },
  INCIDENT: { required: ['number', 'categoryCode', 'reportedAt'], optional: ['status', 'source', 'risk', 'description', 'dueAt', 'closedAt', 'gridCode', 'addressCode'] },
};
const COUNT_KEYS = ['features', 'valid', 'invalid', 'repaired', 'new', 'existing', 'duplicateInFile', 'parentUnknown', 'notNested', 'outsideGrids', 'rejected'];
const EXPORT_LAYERS = ['city', 'districts', 'streets', 'communities', 'grids', 'addresses', 'incidents', 'members'];
const LEVEL_LAYERS = { CITY: 'city', DISTRICT: 'districts', STREET: 'streets', COMMUNITY: 'communities', GRID: 'grids' };
const POLL_MS = 500;

/** The coordinate systems the server supports (gis-data Crs.supported()): codes and names. */
function supportedSystems() {
  const systems = [
    { code: 'EPSG:4326', name: 'WGS 84' },
    { code: 'EPSG:4490', name: 'CGCS2000' },
    { code: 'GCJ-02', name: 'GCJ-02（火星坐标）' },
    { code: 'BD-09', name: 'BD-09（百度）' },
    { code: 'EPSG:3857', name: 'Web Mercator' },
  ];
  for (let code = 4491; code <= 4501; code += 1) {
    systems.push({ code: `EPSG:${code}`, name: `CGCS2000 / GK 6° zone ${code - 4478}` });
  }
  for (let code = 4502; code <= 4512; code += 1) {
    systems.push({ code: `EPSG:${code}`, name: `CGCS2000 / GK 6° CM ${75 + (code - 4502) * 6}E` });
  }
  for (let code = 4513; code <= 4533; code += 1) {
    systems.push({ code: `EPSG:${code}`, name: `CGCS2000 / GK 3° zone ${code - 4488}` });
  }
  for (let code = 4534; code <= 4554; code += 1) {
    systems.push({ code: `EPSG:${code}`, name: `CGCS2000 / GK 3° CM ${75 + (code - 4534) * 3}E` });
  }
  return systems;
}
const SYSTEMS = supportedSystems();

addMessages({
  zh: {
    'ex.title': '数据交换',
    'ex.back': '返回地图',
    'ex.import': '导入',
    'ex.file': '文件',
    'ex.encoding': '编码',
    'ex.encodingAuto': '自动识别',
    'ex.upload': '上传',
    'ex.formats': 'Shapefile（zip）、GeoPackage、GeoJSON、FlatGeobuf、CSV（坐标列或 WKT）',
    'ex.uploading': '正在上传 {done} / {total}',
    'ex.uploaded': '已上传，正在读取…',
    'ex.phase.UPLOADING': '上传',
    'ex.phase.UNPACKING': '解压',
    'ex.phase.READING': '读取',
    'ex.phase.LOCATING': '定位',
    'ex.phase.CHECKING': '检查',
    'ex.phase.WRITING': '写入',
    'ex.phase.DONE': '完成',
    'ex.progress': '{phase}：{done} / {total}',
    'ex.progressNoTotal': '{phase}：{done}',
    'ex.session': '{file}（{format}，{size}）：{layers} 个图层',
    'ex.layer.include': '导入此图层',
    'ex.layer.features': '{type}，{count} 个要素',
    'ex.layer.charset': '属性编码 {charset}',
    'ex.crs': '坐标系',
    'ex.crsChoose': '请选择坐标系…',
    'ex.crsRequired': '文件未说明坐标系，请选择',
    'ex.kind': '数据类型',
    'ex.level': '层级',
    'ex.mapping': '字段对应',
    'ex.none': '（无）',
    'ex.repair': '修复无效几何（GeometryFixer）',
    'ex.onExisting': '编码已存在时',
    'ex.existing.REFUSE': '拒绝（阻止导入）',
    'ex.existing.SKIP': '跳过，保留已有',
    'ex.existing.NEW_VERSION': '新版本 / 更新',
    'ex.dryRun': '试导入检查',
    'ex.commit': '确认导入',
    'ex.discard': '放弃',
    'ex.discarded': '已放弃此次导入，暂存文件已删除。',
    'ex.report': '检查报告',
    'ex.committable': '检查通过：可以导入。',
    'ex.moving': '重画的网格将使 {n} 个已有地址改归其他网格（户数随之重算）。',
    'ex.moved': '{n} 个已有地址已改归新网格。',
    'ex.notCommittable': '存在阻止导入的问题：',
    'ex.problems': '问题清单',
    'ex.problemCount': '共 {count} 个问题',
    'ex.problemCountCut': '共 {count} 个问题（列出前 {shown} 个）',
    'ex.col.layer': '图层',
    'ex.col.kind': '类型',
    'ex.col.row': '行',
    'ex.col.code': '编码',
    'ex.col.message': '说明',
    'ex.blockingMark': '阻止',
    'ex.result': '已导入：新增 {inserted}，新版本 {newVersions}，跳过 {skipped}（{seconds} 秒，{at}）',
    'ex.failed': '导入失败：{detail}',
    'ex.selectLayer': '请至少选择一个图层',
    'ex.export': '导出',
    'ex.area': '区域编码',
    'ex.layers': '图层',
    'ex.format': '格式',
    'ex.download': '下载',
    'ex.map': '导入检查地图',
    'ex.legend.grid': '现有网格',
    'ex.legend.extent': '数据范围',
    'ex.legend.problem': '问题几何',
    'ex.legend.focus': '当前选中',
    'ex.user': '{name}（{area}）',
    'count.features': '要素',
    'count.valid': '有效',
    'count.invalid': '无效',
    'count.repaired': '已修复',
    'count.new': '新增',
    'count.existing': '已存在',
    'count.duplicateInFile': '文件内重复',
    'count.parentUnknown': '上级未知',
    'count.notNested': '越出上级',
    'count.outsideGrids': '不在网格内',
    'count.rejected': '被拒',
    'kind.AREA': '区域',
    'kind.ADDRESS': '标准地址',
    'kind.MEMBER': '网格员',
    'kind.INCIDENT': '历史事件',
    'key.code': '编码', 'key.name': '名称', 'key.parentCode': '上级编码', 'key.households': '户数', 'key.residents': '人口',
    'key.fullText': '完整地址', 'key.road': '街路巷', 'key.number': '门牌号', 'key.building': '楼栋', 'key.unit': '单元',
    'key.gridCode': '网格编码', 'key.role': '角色', 'key.gridCodes': '负责网格', 'key.phone': '电话', 'key.onDuty': '在岗',
    'key.categoryCode': '类别编码', 'key.reportedAt': '上报时间', 'key.status': '状态', 'key.source': '来源', 'key.risk': '风险',
    'key.description': '描述', 'key.dueAt': '时限', 'key.closedAt': '结案时间', 'key.addressCode': '地址编码',
    'layer.city': '市', 'layer.districts': '区县', 'layer.streets': '街道', 'layer.communities': '社区', 'layer.grids': '网格',
    'layer.addresses': '标准地址', 'layer.incidents': '事件', 'layer.members': '网格员',
    'status.UPLOADED': '已上传', 'status.CHECKING': '检查中', 'status.CHECKED': '已检查', 'status.COMMITTING': '导入中',
    'status.COMMITTED': '已导入', 'status.FAILED': '失败',
  },
  en: {
    'ex.title': 'Data exchange',
    'ex.back': 'Back to the map',
    'ex.import': 'Import',
    'ex.file': 'File',
    'ex.encoding': 'Encoding',
    'ex.encodingAuto': 'Detect',
    'ex.upload': 'Upload',
    'ex.formats': 'Shapefile (zip), GeoPackage, GeoJSON, FlatGeobuf, CSV (coordinate columns or WKT)',
    'ex.uploading': 'Uploading {done} / {total}',
    'ex.uploaded': 'Uploaded, reading…',
    'ex.phase.UPLOADING': 'Uploading',
    'ex.phase.UNPACKING': 'Unpacking',
    'ex.phase.READING': 'Reading',
    'ex.phase.LOCATING': 'Locating',
    'ex.phase.CHECKING': 'Checking',
    'ex.phase.WRITING': 'Writing',
    'ex.phase.DONE': 'Done',
    'ex.progress': '{phase}: {done} / {total}',
    'ex.progressNoTotal': '{phase}: {done}',
    'ex.session': '{file} ({format}, {size}): {layers} layers',
    'ex.layer.include': 'Import this layer',
    'ex.layer.features': '{type}, {count} features',
    'ex.layer.charset': 'attributes in {charset}',
    'ex.crs': 'Coordinate system',
    'ex.crsChoose': 'Choose the coordinate system…',
    'ex.crsRequired': 'The file does not say its coordinate system: choose it',
    'ex.kind': 'Kind',
    'ex.level': 'Level',
    'ex.mapping': 'Fields',
    'ex.none': '(none)',
    'ex.repair': 'Repair invalid geometries (GeometryFixer)',
    'ex.onExisting': 'When a code exists',
    'ex.existing.REFUSE': 'Refuse (blocks the import)',
    'ex.existing.SKIP': 'Skip, keep the stored one',
    'ex.existing.NEW_VERSION': 'New version / update',
    'ex.dryRun': 'Dry run',
    'ex.commit': 'Commit',
    'ex.discard': 'Discard',
    'ex.discarded': 'Import discarded; the staged files are deleted.',
    'ex.report': 'Dry-run report',
    'ex.committable': 'Passed: ready to commit.',
    'ex.moving': 'The redrawn grids put {n} stored addresses into another grid (households are recounted).',
    'ex.moved': '{n} stored addresses now belong to another grid.',
    'ex.notCommittable': 'Problems block the import:',
    'ex.problems': 'Problems',
    'ex.problemCount': '{count} problems',
    'ex.problemCountCut': '{count} problems (first {shown} listed)',
    'ex.col.layer': 'Layer',
    'ex.col.kind': 'Kind',
    'ex.col.row': 'Row',
    'ex.col.code': 'Code',
    'ex.col.message': 'Message',
    'ex.blockingMark': 'blocking',
    'ex.result': 'Imported: {inserted} new, {newVersions} new versions, {skipped} skipped ({seconds} s, {at})',
    'ex.failed': 'Import failed: {detail}',
    'ex.selectLayer': 'Select at least one layer',
    'ex.export': 'Export',
    'ex.area': 'Area code',
    'ex.layers': 'Layers',
    'ex.format': 'Format',
    'ex.download': 'Download',
    'ex.map': 'Import check map',
    'ex.legend.grid': 'Stored grids',
    'ex.legend.extent': 'Extent of the data',
    'ex.legend.problem': 'Problem geometry',
    'ex.legend.focus': 'Selected',
    'ex.user': '{name} ({area})',
    'count.features': 'Features',
    'count.valid': 'Valid',
    'count.invalid': 'Invalid',
    'count.repaired': 'Repaired',
    'count.new': 'New',
    'count.existing': 'Existing',
    'count.duplicateInFile': 'Duplicates in file',
    'count.parentUnknown': 'Parent unknown',
    'count.notNested': 'Not nested',
    'count.outsideGrids': 'Outside grids',
    'count.rejected': 'Rejected',
    'kind.AREA': 'Areas',
    'kind.ADDRESS': 'Addresses',
    'kind.MEMBER': 'Members',
    'kind.INCIDENT': 'Past incidents',
    'key.code': 'Code', 'key.name': 'Name', 'key.parentCode': 'Parent code', 'key.households': 'Households', 'key.residents': 'Residents',
    'key.fullText': 'Full address', 'key.road': 'Road', 'key.number': 'Number', 'key.building': 'Building', 'key.unit': 'Unit',
    'key.gridCode': 'Grid code', 'key.role': 'Role', 'key.gridCodes': 'Grids', 'key.phone': 'Phone', 'key.onDuty': 'On duty',
    'key.categoryCode': 'Category code', 'key.reportedAt': 'Reported at', 'key.status': 'Status', 'key.source': 'Source', 'key.risk': 'Risk',
    'key.description': 'Description', 'key.dueAt': 'Due at', 'key.closedAt': 'Closed at', 'key.addressCode': 'Address code',
    'layer.city': 'City', 'layer.districts': 'Districts', 'layer.streets': 'Streets', 'layer.communities': 'Communities', 'layer.grids': 'Grids',
    'layer.addresses': 'Addresses', 'layer.incidents': 'Incidents', 'layer.members': 'Members',
    'status.UPLOADED': 'uploaded', 'status.CHECKING': 'checking', 'status.CHECKED': 'checked', 'status.COMMITTING': 'committing',
    'status.COMMITTED': 'committed', 'status.FAILED': 'failed',
  },
});

const root = document.documentElement;
const errorBox = document.getElementById('error');
const state = { user: null, view: null, sort: { key: 'row', ascending: true }, selected: null, busy: false };
const wangge = { state };
window.wangge = wangge;

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}
const clearError = () => { errorBox.hidden = true; };
function report(error) {
  if (error instanceof SessionEndedError) return;
  showError(error instanceof ApiError && error.field ? `${error.field}: ${error.message}` : String(error?.message ?? error));
}
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  report(event.reason);
});

// --- Map ----------------------------------------------------------------------------------------

const map = L.map('map', { zoomSnap: 1, minZoom: 3, maxZoom: 19 }).setView([27.8, 114.9], 10);
wangge.map = map;
// The stored grids around the data, for orientation (drawn under everything else).
const gridLayer = L.geoJSON(null, {
  style: () => ({ color: '#7a8fa6', weight: 1, fillColor: '#e8eef4', fillOpacity: 0.4 }),
  onEachFeature: (feature, layer) => layer.bindTooltip(`${feature.properties.name} ${feature.properties.code}`, { sticky: true }),
}).addTo(map);
const extentLayer = L.layerGroup().addTo(map);
const problemLayer = L.geoJSON(null, {
  style: () => ({ color: '#d62828', weight: 2, fillColor: '#d62828', fillOpacity: 0.35 }),
  pointToLayer: (feature, latlng) => L.circleMarker(latlng, { radius: 5, color: '#d62828', weight: 1, fillOpacity: 0.8 }),
  onEachFeature: (feature, layer) => layer.on('click', () => focus(feature.id)),
}).addTo(map);
const focusLayer = L.geoJSON(null, {
  style: () => ({ color: '#ffb300', weight: 4, fillColor: '#ffb300', fillOpacity: 0.35 }),
  pointToLayer: (feature, latlng) => L.circleMarker(latlng, { radius: 8, color: '#ffb300', weight: 3, fillOpacity: 0.6 }),
}).addTo(map);
const legend = L.control({ position: 'bottomright' });
legend.onAdd = () => el('div', { class: 'ex-legend' },
  el('div', {}, el('span', { class: 'swatch swatch-grid' }), el('span', { 'data-i18n': 'ex.legend.grid' }, t('ex.legend.grid'))),
  el('div', {}, el('span', { class: 'swatch swatch-extent' }), el('span', { 'data-i18n': 'ex.legend.extent' }, t('ex.legend.extent'))),
  el('div', {}, el('span', { class: 'swatch swatch-problem' }), el('span', { 'data-i18n': 'ex.legend.problem' }, t('ex.legend.problem'))),
  el('div', {}, el('span', { class: 'swatch swatch-focus' }), el('span', { 'data-i18n': 'ex.legend.focus' }, t('ex.legend.focus'))));
legend.addTo(map);

const boundsOf = (bbox) => L.latLngBounds([bbox[1], bbox[0]], [bbox[3], bbox[2]]);

function drawReportOnMap(dryRun) {
  extentLayer.clearLayers();
  problemLayer.clearLayers();
  focusLayer.clearLayers();
  if (!dryRun) {
    gridLayer.clearLayers();
    return;
  }
  if (dryRun.extent) {
    L.rectangle(boundsOf(dryRun.extent), { color: '#2f6fa3', weight: 2, fill: false, dashArray: '6 4' }).addTo(extentLayer);
  }
  const features = problems(dryRun).filter((p) => p.geometry)
    .map((p) => ({ type: 'Feature', id: p.id, geometry: p.geometry, properties: { kind: p.kind } }));
  problemLayer.addData({ type: 'FeatureCollection', features });
  if (dryRun.extent) {
    map.fitBounds(boundsOf(dryRun.extent), { padding: [20, 20], maxZoom: 17 });
    drawStoredGrids(dryRun.extent).catch(report);
  }
}

/** The stored grids in (a margin around) the data's extent; none when the extent is city-wide. */
async function drawStoredGrids(extent) {
  gridLayer.clearLayers();
  const [minLon, minLat, maxLon, maxLat] = extent;
  const margin = Math.max(maxLon - minLon, maxLat - minLat, 0.002) * 0.5;
  if (maxLon - minLon > 0.5 || maxLat - minLat > 0.5) return;
  const bbox = [minLon - margin, minLat - margin, maxLon + margin, maxLat + margin].map((v) => v.toFixed(6)).join(',');
  const grids = await getJson(`/api/areas?level=GRID&bbox=${bbox}`);
  gridLayer.addData(grids);
}

/** The dry run's problems with a stable id each (their index in the server's list). */
function problems(dryRun) {
  if (!dryRun) return [];
  if (!dryRun.withIds) {
    dryRun.problems.forEach((p, index) => { p.id = `p${index}`; });
    dryRun.withIds = true;
  }
  return dryRun.problems;
}

function focus(id) {
  const problem = problems(state.view?.dryRun).find((p) => p.id === id);
  if (!problem) return;
  state.selected = id;
  document.querySelectorAll('#problems tr.selected').forEach((row) => row.classList.remove('selected'));
  document.querySelector(`#problems tr[data-problem-id="${CSS.escape(id)}"]`)?.classList.add('selected');
  focusLayer.clearLayers();
  if (problem.geometry) {
    focusLayer.addData({ type: 'Feature', id, geometry: problem.geometry, properties: {} });
    const bounds = focusLayer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 18 });
  }
  root.dataset.focused = id;
}

// --- Progress -----------------------------------------------------------------------------------

const progressBox = document.getElementById('progress-box');
const progressBar = document.getElementById('progress');
const progressText = document.getElementById('progress-text');

function showProgress(fraction, text) {
  progressBox.hidden = false;
  if (fraction == null) {
    progressBar.removeAttribute('value');
  } else {
    progressBar.value = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  }
  progressText.textContent = text;
}

function showServerProgress(progress) {
  if (!progress) return;
  const phase = t(`ex.phase.${progress.phase}`);
  if (progress.total > 0) {
    showProgress(progress.done / progress.total,
      t('ex.progress', { phase, done: formatNumber(progress.done), total: formatNumber(progress.total) }));
  } else {
    showProgress(progress.phase === 'DONE' ? 1 : null, t('ex.progressNoTotal', { phase, done: formatNumber(progress.done) }));
  }
}

const megabytes = (bytes) => (bytes >= 1048576 ? `${formatNumber(bytes / 1048576, { maximumFractionDigits: 1 })} MB`
  : `${formatNumber(bytes / 1024, { maximumFractionDigits: 1 })} KB`);

// --- Upload (XMLHttpRequest, for its upload progress) ---------------------------------------------

async function upload(file, encoding) {
  const token = await csrfToken();
  const form = new FormData();
  form.append('file', file);
  if (encoding) form.append('encoding', encoding);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports');
    xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        showProgress(event.loaded / event.total, t('ex.uploading', { done: megabytes(event.loaded), total: megabytes(event.total) }));
      }
    });
    xhr.upload.addEventListener('load', () => showProgress(null, t('ex.uploaded')));
    xhr.addEventListener('load', () => {
      if (xhr.status === 401) {
        window.location.assign(LOGIN_PAGE);
        reject(new SessionEndedError());
        return;
      }
      let body = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, xhr.statusText, body));
    });
    xhr.addEventListener('error', () => reject(new Error(`${t('ex.upload')}: network error`)));
    xhr.send(form);
  });
}

document.getElementById('upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = document.getElementById('file').files[0];
  if (!file || state.busy) return;
  clearError();
  setBusy(true);
  document.getElementById('result').hidden = true;
  document.getElementById('report').hidden = true;
  drawReportOnMap(null);
  try {
    showProgress(0, t('ex.uploading', { done: megabytes(0), total: megabytes(file.size) }));
    const view = await upload(file, document.getElementById('upload-encoding').value);
    setView(view);
    showServerProgress(view.progress);
  } catch (error) {
    progressBox.hidden = true;
    report(error);
  } finally {
    setBusy(false);
  }
});

// --- The session: layers, mapping, options --------------------------------------------------------

function setBusy(busy) {
  state.busy = busy;
  document.getElementById('upload').disabled = busy;
  document.getElementById('dry-run').disabled = busy || !state.view;
  updateCommit();
}

function updateCommit() {
  const view = state.view;
  document.getElementById('commit').disabled = state.busy || !view || view.status !== 'CHECKED' || !view.dryRun?.committable;
}

function setView(view) {
  const layersChanged = !state.view || state.view.id !== view.id;
  state.view = view;
  wangge.view = view;
  root.dataset.importStatus = view.status;
  document.getElementById('session').hidden = false;
  drawSummary();
  if (layersChanged) drawLayers(view);
  updateCommit();
}

function drawSummary() {
  const view = state.view;
  if (!view) return;
  document.getElementById('session-summary').textContent = `${t('ex.session', {
    file: view.fileName, format: view.format, size: megabytes(view.sizeBytes), layers: view.layers?.length ?? 0,
  })} · ${t(`status.${view.status}`)}`;
}

const option = (value, text, selected) => el('option', { value, selected: selected || null }, text);

function fieldLabel(field) {
  const samples = (field.samples ?? []).filter((s) => s != null && s !== '').slice(0, 3);
  return samples.length ? `${field.name} — ${samples.join(' · ')}` : field.name;
}

function drawLayers(view) {
  const container = document.getElementById('layers');
  container.replaceChildren(...view.layers.map((layer, index) => {
    const suggested = layer.suggested ?? {};
    const box = el('fieldset', { class: 'ex-layer', dataset: { layer: layer.name, index: String(index) } });
    const include = el('input', { type: 'checkbox', class: 'layer-include', checked: true });
    const crs = el('select', { class: 'layer-crs', required: layer.crs == null || null },
      layer.crs == null ? option('', t('ex.crsChoose'), true) : null,
      SYSTEMS.map((s) => option(s.code, `${s.code} ${s.name}`, s.code === layer.crs)));
    if (layer.crs != null && !SYSTEMS.some((s) => s.code === layer.crs)) {
      crs.prepend(option(layer.crs, layer.crs, true));
    }
    const kind = el('select', { class: 'layer-kind' }, KINDS.map((k) => option(k, t(`kind.${k}`), k === (suggested.kind ?? 'AREA'))));
    const level = el('select', { class: 'layer-level' }, LEVELS.map((l) => option(l, t(`level.${l}`), l === (suggested.level ?? 'GRID'))));
    const levelLabel = el('label', { class: 'ex-inline' }, el('span', {}, t('ex.level')), level);
    const mapping = el('div', { class: 'ex-mapping' });
    const drawMapping = () => {
      const keys = MAPPING[kind.value];
      const preset = kind.value === (suggested.kind ?? null) ? (suggested.mapping ?? {}) : {};
      const previous = Object.fromEntries([...mapping.querySelectorAll('select')].map((s) => [s.dataset.key, s.value]));
      const required = keys.required.filter((k) => !(kind.value === 'AREA' && level.value === 'CITY' && k === 'parentCode'));
      mapping.replaceChildren(...[...required.map((k) => [k, true]), ...keys.optional.map((k) => [k, false])].map(([key, isRequired]) => {
        const chosen = previous[key] ?? preset[key] ?? '';
        return el('label', { class: `ex-map${isRequired ? ' required' : ''}` },
          el('span', {}, `${t(`key.${key}`)}${isRequired ? ' *' : ''}`),
          el('select', { dataset: { key }, required: isRequired || null },
            option('', t('ex.none'), chosen === ''),
            layer.fields.map((f) => option(f.name, fieldLabel(f), f.name === chosen))));
      }));
      levelLabel.hidden = kind.value !== 'AREA';
    };
    crs.addEventListener('change', () => {
      crs.classList.remove('invalid');
      const note = box.querySelector('.required-note');
      if (note) note.hidden = crs.value !== '';
    });
    kind.addEventListener('change', drawMapping);
    level.addEventListener('change', drawMapping);
    drawMapping();
    box.append(
      el('legend', {}, el('label', { class: 'ex-check' }, include, ` ${layer.name}`)),
      el('p', { class: 'ex-layer-info' },
        t('ex.layer.features', { type: layer.geometryType ?? '–', count: formatNumber(layer.featureCount) }),
        layer.charset ? ` · ${t('ex.layer.charset', { charset: layer.charset })}` : ''),
      el('label', { class: 'ex-inline' }, el('span', {}, t('ex.crs')), crs),
      layer.crs == null ? el('p', { class: 'ex-crs-note required-note', hidden: crs.value !== '' || null }, t('ex.crsRequired')) : null,
      layer.crsNote ? el('p', { class: 'ex-crs-note' }, layer.crsNote) : null,
      el('div', { class: 'ex-row' }, el('label', { class: 'ex-inline' }, el('span', {}, t('ex.kind')), kind), levelLabel),
      el('div', { class: 'ex-mapping-title' }, t('ex.mapping')),
      mapping);
    return box;
  }));
}

/** The DryRunRequest from the form; null (with the offending select marked) when something required is missing. */
function dryRunRequest() {
  const layers = [];
  let missing = null;
  document.querySelectorAll('#layers .ex-layer').forEach((box) => {
    box.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
    if (!box.querySelector('.layer-include').checked) return;
    const kind = box.querySelector('.layer-kind').value;
    const entry = { layer: box.dataset.layer, kind, mapping: {} };
    if (kind === 'AREA') entry.level = box.querySelector('.layer-level').value;
    const crs = box.querySelector('.layer-crs');
    if (crs.value) entry.crs = crs.value;
    else if (crs.required) {
      crs.classList.add('invalid');
      missing ??= crs;
    }
    box.querySelectorAll('.ex-mapping select').forEach((select) => {
      if (select.value) entry.mapping[select.dataset.key] = select.value;
      else if (select.required) {
        select.classList.add('invalid');
        missing ??= select;
      }
    });
    layers.push(entry);
  });
  if (missing) {
    missing.focus();
    return null;
  }
  if (!layers.length) {
    showError(t('ex.selectLayer'));
    return null;
  }
  return { layers, repair: document.getElementById('repair').checked, onExisting: document.getElementById('on-existing').value };
}

/** Polls the import until its status is no longer `running`, showing the progress. */
async function pollWhile(running) {
  let view = state.view;
  while (running.includes(view.status)) {
    await new Promise((resolve) => { setTimeout(resolve, POLL_MS); });
    view = await getJson(`/api/imports/${encodeURIComponent(view.id)}`);
    showServerProgress(view.progress);
    setView(view);
  }
  return view;
}

document.getElementById('dry-run').addEventListener('click', async () => {
  if (!state.view || state.busy) return;
  clearError();
  const request = dryRunRequest();
  if (!request) return;
  setBusy(true);
  document.getElementById('result').hidden = true;
  try {
    showProgress(0, t('ex.phase.CHECKING'));
    const started = await postJson(`/api/imports/${encodeURIComponent(state.view.id)}/dry-run`, request);
    setView(started);
    const view = await pollWhile(['CHECKING']);
    state.selected = null;
    drawReport(view);
    if (view.status === 'FAILED' && view.error) showError(t('ex.failed', { detail: `${view.error.field ? `${view.error.field}: ` : ''}${view.error.detail}` }));
  } catch (error) {
    report(error);
  } finally {
    setBusy(false);
  }
});

document.getElementById('commit').addEventListener('click', async () => {
  if (!state.view || state.busy) return;
  clearError();
  setBusy(true);
  try {
    showProgress(0, t('ex.phase.WRITING'));
    const started = await postJson(`/api/imports/${encodeURIComponent(state.view.id)}/commit`, {});
    setView(started);
    const view = await pollWhile(['COMMITTING']);
    drawResult(view);
  } catch (error) {
    report(error);
  } finally {
    setBusy(false);
  }
});

document.getElementById('discard').addEventListener('click', async () => {
  if (!state.view || state.busy) return;
  clearError();
  try {
    await deleteJson(`/api/imports/${encodeURIComponent(state.view.id)}`);
    state.view = null;
    delete root.dataset.importStatus;
    document.getElementById('session').hidden = true;
    document.getElementById('report').hidden = true;
    progressBox.hidden = true;
    drawReportOnMap(null);
    const result = document.getElementById('result');
    result.textContent = t('ex.discarded');
    result.hidden = false;
  } catch (error) {
    report(error);
  }
});

// --- The dry-run report ---------------------------------------------------------------------------

function drawReport(view) {
  const dryRun = view.dryRun;
  const box = document.getElementById('report');
  if (!dryRun) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const verdict = document.getElementById('verdict');
  verdict.textContent = dryRun.committable ? t('ex.committable') : t('ex.notCommittable');
  verdict.dataset.committable = String(dryRun.committable);
  document.getElementById('blocking').replaceChildren(...(dryRun.blocking ?? []).map((b) => el('li', {}, b)));
  const moving = document.getElementById('moving');
  moving.hidden = !(dryRun.addressesMoving > 0);
  moving.textContent = dryRun.addressesMoving > 0 ? t('ex.moving', { n: formatNumber(dryRun.addressesMoving) }) : '';
  const counts = dryRun.counts ?? {};
  document.querySelector('#counts tbody').replaceChildren(
    el('tr', {}, COUNT_KEYS.map((k) => el('th', { scope: 'col' }, t(`count.${k}`)))),
    el('tr', {}, COUNT_KEYS.map((k) => el('td', { class: 'number', dataset: { count: k } }, formatNumber(counts[k] ?? 0)))));
  drawProblems();
  drawReportOnMap(dryRun);
}

const COMPARE = {
  layer: (a, b) => a.layer.localeCompare(b.layer) || a.row - b.row,
  kind: (a, b) => a.kind.localeCompare(b.kind) || a.row - b.row,
  row: (a, b) => a.layer.localeCompare(b.layer) || a.row - b.row,
  code: (a, b) => (a.code ?? '').localeCompare(b.code ?? '') || a.row - b.row,
  message: (a, b) => (a.message ?? '').localeCompare(b.message ?? '') || a.row - b.row,
};

function drawProblems() {
  const dryRun = state.view?.dryRun;
  if (!dryRun) return;
  const list = [...problems(dryRun)].sort(COMPARE[state.sort.key]);
  if (!state.sort.ascending) list.reverse();
  const total = dryRun.problemCount ?? list.length;
  document.getElementById('problem-count').textContent = total > list.length
    ? t('ex.problemCountCut', { count: formatNumber(total), shown: formatNumber(list.length) })
    : t('ex.problemCount', { count: formatNumber(total) });
  document.querySelectorAll('#problems .sort').forEach((button) => {
    const th = button.closest('th');
    th.setAttribute('aria-sort', button.dataset.sort === state.sort.key ? (state.sort.ascending ? 'ascending' : 'descending') : 'none');
  });
  document.querySelector('#problems tbody').replaceChildren(...list.map((p) => el('tr', {
    class: `problem-row${p.blocking ? ' blocking' : ''}${p.id === state.selected ? ' selected' : ''}`,
    tabindex: '0',
    dataset: { problemId: p.id, kind: p.kind },
    onclick: () => focus(p.id),
    onkeydown: (event) => { if (event.key === 'Enter') focus(p.id); },
  },
  el('td', {}, p.layer),
  el('td', {}, el('span', { class: `ex-kind${p.blocking ? ' ex-kind-blocking' : ''}`, title: p.blocking ? t('ex.blockingMark') : null }, p.kind)),
  el('td', { class: 'number' }, p.row ? String(p.row) : ''),
  el('td', {}, p.code ?? ''),
  el('td', { class: 'ex-message' }, p.field ? `${p.field}: ${p.message}` : p.message))));
}

document.querySelectorAll('#problems .sort').forEach((button) => button.addEventListener('click', () => {
  const key = button.dataset.sort;
  state.sort = { key, ascending: state.sort.key === key ? !state.sort.ascending : true };
  drawProblems();
}));

function drawResult(view) {
  const box = document.getElementById('result');
  if (view.status === 'COMMITTED' && view.result) {
    const r = view.result;
    box.textContent = t('ex.result', {
      inserted: formatNumber(r.inserted), newVersions: formatNumber(r.newVersions), skipped: formatNumber(r.skipped),
      seconds: formatNumber(r.millis / 1000, { maximumFractionDigits: 1 }), at: formatDateTime(r.committedAt),
    }) + (r.addressesMoved > 0 ? ` ${t('ex.moved', { n: formatNumber(r.addressesMoved) })}` : '');
    box.dataset.outcome = 'committed';
    box.hidden = false;
  } else if (view.status === 'FAILED') {
    box.textContent = t('ex.failed', { detail: view.error ? `${view.error.field ? `${view.error.field}: ` : ''}${view.error.detail}` : view.status });
    box.dataset.outcome = 'failed';
    box.hidden = false;
  }
  drawReport(view);
}

// --- Export ---------------------------------------------------------------------------------------

const exportArea = document.getElementById('export-area');

function drawExportLayers(level) {
  const below = LEVELS.slice(LEVELS.indexOf(level ?? 'CITY')).map((l) => LEVEL_LAYERS[l]);
  const previous = Object.fromEntries([...document.querySelectorAll('#export-layers input')].map((i) => [i.value, i.checked]));
  document.getElementById('export-layers').replaceChildren(...EXPORT_LAYERS.map((name) => el('label', { class: 'ex-check' },
    el('input', { type: 'checkbox', value: name, checked: (previous[name] ?? below.includes(name)) || null }),
    ` ${t(`layer.${name}`)}`)));
}

function updateExportLink() {
  const layers = [...document.querySelectorAll('#export-layers input:checked')].map((i) => i.value);
  const params = new URLSearchParams();
  if (exportArea.value.trim()) params.set('area', exportArea.value.trim());
  if (layers.length) params.set('layers', layers.join(','));
  params.set('format', document.getElementById('export-format').value);
  params.set('crs', document.getElementById('export-crs').value);
  params.set('encoding', document.getElementById('export-encoding').value);
  document.getElementById('export-link').href = `/api/exports?${params}`;
}
document.getElementById('export-form').addEventListener('change', updateExportLink);
document.getElementById('export-form').addEventListener('input', updateExportLink);
document.getElementById('export-form').addEventListener('submit', (event) => event.preventDefault());

async function startExport(user) {
  document.getElementById('export-crs').replaceChildren(...SYSTEMS.map((s) => option(s.code, `${s.code} ${s.name}`, s.code === 'EPSG:4326')));
  let code = user.jurisdiction?.code;
  let level = user.jurisdiction?.level;
  if (!code) {
    const cities = await getJson('/api/areas?level=CITY');
    code = cities.features[0]?.properties.code;
    level = 'CITY';
  }
  exportArea.value = code ?? '';
  drawExportLayers(level);
  updateExportLink();
  // Suggestions: the districts and streets inside the jurisdiction.
  const options = [];
  for (const l of ['DISTRICT', 'STREET']) {
    try {
      const areas = await getJson(`/api/areas?level=${l}`);
      areas.features.forEach((f) => options.push(el('option', { value: f.properties.code }, `${f.properties.name}`)));
    } catch { /* suggestions only */ }
  }
  document.getElementById('export-areas').replaceChildren(...options);
}

// --- Start ------------------------------------------------------------------------------------------

document.getElementById('lang-toggle').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
onLanguageChange(() => {
  drawSummary();
  if (state.view) {
    const previous = state.view;
    drawLayersKeepingChoices(previous);
    if (previous.dryRun) {
      drawReport(previous);
    }
    if (previous.status === 'COMMITTED' || previous.status === 'FAILED') drawResult(previous);
  }
  drawExportLayers(null);
  updateExportLink();
});

/** Re-draws the layer forms in the new language, keeping what the user chose. */
function drawLayersKeepingChoices(view) {
  const chosen = [...document.querySelectorAll('#layers .ex-layer')].map((box) => ({
    include: box.querySelector('.layer-include').checked,
    crs: box.querySelector('.layer-crs').value,
    kind: box.querySelector('.layer-kind').value,
    level: box.querySelector('.layer-level').value,
    mapping: Object.fromEntries([...box.querySelectorAll('.ex-mapping select')].map((s) => [s.dataset.key, s.value])),
  }));
  drawLayers(view);
  document.querySelectorAll('#layers .ex-layer').forEach((box, index) => {
    const c = chosen[index];
    if (!c) return;
    box.querySelector('.layer-include').checked = c.include;
    box.querySelector('.layer-crs').value = c.crs;
    box.querySelector('.layer-crs').dispatchEvent(new Event('change'));
    box.querySelector('.layer-kind').value = c.kind;
    box.querySelector('.layer-level').value = c.level;
    box.querySelector('.layer-kind').dispatchEvent(new Event('change'));
    box.querySelectorAll('.ex-mapping select').forEach((s) => { if (s.dataset.key in c.mapping) s.value = c.mapping[s.dataset.key]; });
  });
}

async function start() {
  applyTranslations(document);
  const user = await me();
  mountNav(user);
  state.user = user;
  document.getElementById('user-area').textContent = t('ex.user', { name: user.displayName ?? user.username, area: user.jurisdiction?.name ?? '' });
  await startExport(user);
}

start().catch(report).finally(() => { root.dataset.ready = 'true'; });
