// The intake desk (受理台): an operator or grid leader takes a 12345 hotline call or a walk-in and
// files it through the intake API (POST /api/incidents, with an Idempotency-Key):
//  1. the caller's phone → their earlier cases (POST /api/intake/earlier-cases, audited);
//  2. the place: address text with live candidates (GET /api/geocode) or a click on the map
//     (GET /api/geocode/reverse), and the grid it falls in (GET /api/locate);
//  3. the category: an item of the responsibility list, searched or browsed class → subclass → item
//     (GET /api/categories), and its extra questions (answers); description; photos;
//  4. the possible duplicates before submitting (GET /api/intake/duplicates, the intake's own rule),
//     with "merge into" as a choice (then the new case is merged by the MERGE action);
//  5. the receipt (case number, grid, handler, deadline); the form is cleared for the next call.
//
// Hooks for the browser test: <html data-ready>, data-earlier (lookups done), data-place (grid
// code shown), data-duplicates (count shown), data-submitted (the last receipt's case number);
// window.wangge = { map }.
import L from './leaflet-global.js';
import { getJson, postJson, csrfToken, CSRF_HEADER, ApiError, SessionEndedError, mapConfig } from './api.js';
import { addMessages, t, formatDateTime, formatNumber, onLanguageChange, hasMessage } from './i18n.js';
import { el } from './dom.js';
import { mountHeader, sortableHead, compare } from './desk-page.js';
import { listItems, mountTree, mountQuestions, itemPath } from './category-picker.js';

addMessages({
  zh: {
    'intake.title': '受理台',
    'intake.field.description': '描述',
    'intake.field.categoryCode': '类别',
    'intake.field.reporterPhone': '电话',
    'intake.field.reporterName': '姓名',
    'intake.field.location': '地点',
    'intake.field.addressCode': '地址',
    'intake.field.photos': '照片',
    'intake.field.intoId': '并入案件',
    'intake.field.source': '来源',
    'intake.caller': '来电人',
    'intake.phone': '电话',
    'intake.lookup': '查历史',
    'intake.name': '姓名（可不填）',
    'intake.source': '来源',
    'intake.source.HOTLINE': '12345 热线来电',
    'intake.source.CITIZEN': '群众来访（窗口）',
    'intake.col.number': '编号',
    'intake.col.category': '类别',
    'intake.col.status': '状态',
    'intake.col.reported': '上报时间',
    'intake.earlier.none': '{phone} 没有历史案件。',
    'intake.earlier.some': '{phone} 的历史案件：{total} 件',
    'intake.earlier.more': '（显示最近 {shown} 件）',
    'intake.mergedInto': '已并入 {number}',
    'intake.place': '事发地点',
    'intake.address': '地址（输入后从候选中选，或在地图上点选）',
    'intake.candidates.none': '没有匹配的标准地址：换个写法，或在地图上点选位置。',
    'intake.placeIn': '{address} · 网格 {grid}（{gridCode}）· {community} · {street}',
    'intake.pointIn': '地图选点 · 网格 {grid}（{gridCode}）· {community} · {street}',
    'intake.outside': '该位置不在您的辖区内：请选辖区内的地点。',
    'intake.category': '事件类别',
    'intake.categorySearch': '搜索类别',
    'intake.category.none': '没有名称含“{q}”的类别。',
    'intake.category.picked': '已选：{path}（{code}）',
    'intake.questions': '补充问题',
    'intake.details': '事件描述与照片',
    'intake.description': '描述',
    'intake.photos': '照片（可多张）',
    'intake.duplicates': '可能重复的案件',
    'intake.duplicates.head': '{radius} 米内、{hours} 小时内同类未办结案件 {count} 件。是新案件，还是同一件事？',
    'intake.dup.new': '作为新案件受理',
    'intake.dup.merge': '并入 {number}（{status}，相距 {distance} 米，{time} 上报）',
    'intake.submit': '受理并派遣',
    'intake.submitting': '正在受理…',
    'intake.clear': '清空',
    'intake.map': '选点地图',
    'intake.receipt.title': '已受理',
    'intake.receipt.merged': '已受理并并入 {number}',
    'intake.receipt.number': '案件编号',
    'intake.receipt.grid': '所属网格',
    'intake.receipt.handler': '承办',
    'intake.receipt.deadline': '办理时限',
    'intake.receipt.queue': '社区待派遣',
    'intake.receipt.department': '职能部门 {code}',
    'intake.err.phone': '电话号码格式不对：请输入 7 到 20 位数字（可带 +、空格或 -）。',
    'intake.err.place': '请选择事发地点：输入地址后点选一个候选，或在地图上点击位置。',
    'intake.err.category': '请选择事件类别：在搜索框输入名称或编码，或逐级展开大类、小类，再点选一个事项。',
    'intake.err.description': '请填写事件描述：写清发生了什么。',
    'intake.err.intoId': '所选案件已不能并入（可能已办结）：请重新选择，或作为新案件受理。',
    'intake.err.server': '{field}：{message}',
    'intake.err.form': '表单有 {count} 处需要修改，见红字提示。',
    'intake.err.mergeFailed': '案件 {number} 已受理，但未能并入 {into}：{message}',
  },
  en: {
    'intake.title': 'Intake desk',
    'intake.field.description': 'Description',
    'intake.field.categoryCode': 'Category',
    'intake.field.reporterPhone': 'Phone',
    'intake.field.reporterName': 'Name',
    'intake.field.location': 'Place',
    'intake.field.addressCode': 'Address',
    'intake.field.photos': 'Photos',
    'intake.field.intoId': 'Merge into',
    'intake.field.source': 'Source',
    'intake.caller': 'Caller',
    'intake.phone': 'Phone',
    'intake.lookup': 'Earlier cases',
    'intake.name': 'Name (optional)',
    'intake.source': 'Source',
    'intake.source.HOTLINE': '12345 hotline call',
    'intake.source.CITIZEN': 'Walk-in',
    'intake.col.number': 'Number',
    'intake.col.category': 'Category',
    'intake.col.status': 'Status',
    'intake.col.reported': 'Reported',
    'intake.earlier.none': '{phone} has no earlier cases.',
    'intake.earlier.some': 'Earlier cases of {phone}: {total}',
    'intake.earlier.more': ' (the latest {shown} shown)',
    'intake.mergedInto': 'merged into {number}',
    'intake.place': 'Place',
    'intake.address': 'Address (type, then pick a candidate; or click the map)',
    'intake.candidates.none': 'No standard address matches: write it another way, or click the place on the map.',
    'intake.placeIn': '{address} · grid {grid} ({gridCode}) · {community} · {street}',
    'intake.pointIn': 'Point on the map · grid {grid} ({gridCode}) · {community} · {street}',
    'intake.outside': 'This place is outside your jurisdiction: pick a place inside it.',
    'intake.category': 'Category',
    'intake.categorySearch': 'Search categories',
    'intake.category.none': 'No category name contains “{q}”.',
    'intake.category.picked': 'Chosen: {path} ({code})',
    'intake.questions': 'Extra questions',
    'intake.details': 'Description and photos',
    'intake.description': 'Description',
    'intake.photos': 'Photos (several allowed)',
    'intake.duplicates': 'Possible duplicates',
    'intake.duplicates.head': '{count} open cases of this category within {radius} m and {hours} h. A new case, or the same matter?',
    'intake.dup.new': 'File as a new case',
    'intake.dup.merge': 'Merge into {number} ({status}, {distance} m away, reported {time})',
    'intake.submit': 'File and dispatch',
    'intake.submitting': 'Filing…',
    'intake.clear': 'Clear',
    'intake.map': 'Map to pick the place',
    'intake.receipt.title': 'Filed',
    'intake.receipt.merged': 'Filed and merged into {number}',
    'intake.receipt.number': 'Case number',
    'intake.receipt.grid': 'Grid',
    'intake.receipt.handler': 'Handler',
    'intake.receipt.deadline': 'Deadline',
    'intake.receipt.queue': 'community queue (to dispatch)',
    'intake.receipt.department': 'department {code}',
    'intake.err.phone': 'The phone number is not valid: enter 7 to 20 digits (+, spaces and - allowed).',
    'intake.err.place': 'Choose the place: type an address and pick a candidate, or click the map.',
    'intake.err.category': 'Choose a category: type a name or code in the search box, or open a class and subclass, then pick an item.',
    'intake.err.description': 'Describe the matter: say what happened.',
    'intake.err.intoId': 'The chosen case can no longer take a merge (it may be closed): choose again, or file a new case.',
    'intake.err.server': '{field}: {message}',
    'intake.err.form': '{count} fields need fixing: see the red notes.',
    'intake.err.mergeFailed': 'Case {number} was filed but not merged into {into}: {message}',
  },
});

const root = document.documentElement;
const wangge = (window.wangge = {});
const $ = (id) => document.getElementById(id);
const PHONE = /^\+?[0-9][0-9 -]{5,18}[0-9]$/;
/** Which input shows the server's complaint about a field of the report. */
const FIELD_INPUT = {
  reporterPhone: 'phone', reporterName: 'reporter-name', source: 'source', location: 'address', lon: 'address', lat: 'address',
  addressCode: 'address', addressText: 'address', categoryCode: 'category-search', description: 'description', photos: 'photos',
  report: 'description', intoId: 'duplicates',
};
const ERROR_SLOT = { lon: 'location', lat: 'location', addressCode: 'location', addressText: 'location', report: 'description' };

const state = {
  user: null,
  tree: [],
  category: null, // { code, name, major }
  place: null, // { lon, lat, addressCode, addressText, located }
  earlier: null,
  duplicates: null,
  idempotencyKey: null,
  marker: null,
  gridOutline: null,
};

function uuid() {
  if (window.crypto?.randomUUID) return window.crypto.randomUUID();
  const b = window.crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

// --- Errors --------------------------------------------------------------------------------------

function clearErrors() {
  $('form-error').hidden = true;
  document.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; p.textContent = ''; });
  document.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
}

function fieldError(field, message) {
  if (field.startsWith('answers.')) return questions.error(field.slice('answers.'.length), message);
  const slot = document.querySelector(`[data-error-for="${ERROR_SLOT[field] ?? field}"]`);
  const input = $(FIELD_INPUT[field] ?? '');
  if (input) input.setAttribute('aria-invalid', 'true');
  if (slot) {
    slot.textContent = message;
    slot.hidden = false;
    return true;
  }
  return false;
}

function formError(message) {
  const box = $('form-error');
  box.textContent = message;
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

function apiFailure(error) {
  if (error instanceof SessionEndedError) return;
  if (error instanceof ApiError && error.field) {
    const label = hasMessage(`intake.field.${error.field}`) ? t(`intake.field.${error.field}`) : error.field;
    if (!fieldError(error.field, t('intake.err.server', { field: label, message: error.message }))) {
      formError(t('intake.err.server', { field: label, message: error.message }));
    }
    return;
  }
  formError(error.message);
}

// --- 1. The caller's earlier cases ---------------------------------------------------------------

const earlierSort = sortableHead($('earlier-table'), { key: 'reported', descending: true }, () => drawEarlier());
const EARLIER_VALUE = {
  number: (c) => c.number,
  category: (c) => c.categoryName,
  status: (c) => t(`status.${c.status}`),
  reported: (c) => c.reportedAt,
};

function drawEarlier() {
  const answer = state.earlier;
  const box = $('earlier');
  if (!answer) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  $('earlier-head').textContent = answer.total === 0 ? t('intake.earlier.none', { phone: answer.phone })
    : t('intake.earlier.some', { phone: answer.phone, total: formatNumber(answer.total) })
      + (answer.total > answer.cases.length ? t('intake.earlier.more', { shown: answer.cases.length }) : '');
  $('earlier-table').hidden = answer.total === 0;
  const { key, descending } = earlierSort.get();
  const rows = [...answer.cases].sort((a, b) => compare(EARLIER_VALUE[key](a), EARLIER_VALUE[key](b), descending));
  $('earlier-table').tBodies[0].replaceChildren(...rows.map((c) => el('tr', {
    tabindex: '0',
    dataset: { number: c.number },
    title: c.description ?? '',
    onclick: () => window.open(`/?case=${encodeURIComponent(c.number)}`, '_blank', 'noopener'),
  },
  el('td', {}, c.number),
  el('td', {}, c.categoryName),
  el('td', {}, t(`status.${c.status}`), c.mergedInto ? ` · ${t('intake.mergedInto', { number: c.mergedInto })}` : ''),
  el('td', {}, formatDateTime(c.reportedAt)))));
}

async function lookUpCaller() {
  const phone = $('phone').value.trim();
  document.querySelector('[data-error-for="reporterPhone"]').hidden = true;
  $('phone').removeAttribute('aria-invalid');
  if (!phone) {
    state.earlier = null;
    drawEarlier();
    return;
  }
  if (!PHONE.test(phone)) {
    fieldError('reporterPhone', t('intake.err.phone'));
    return;
  }
  try {
    state.earlier = await postJson('/api/intake/earlier-cases', { phone });
    drawEarlier();
  } catch (error) {
    apiFailure(error);
  } finally {
    root.dataset.earlier = String(Number(root.dataset.earlier || 0) + 1);
  }
}
$('phone-lookup').addEventListener('click', lookUpCaller);
$('phone').addEventListener('change', lookUpCaller);
$('phone').addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    lookUpCaller();
  }
});

// --- 2. The place ---------------------------------------------------------------------------------

let map;
let geocodeTimer = null;
let geocodeSeq = 0;

function showCandidates(candidates, message) {
  const list = $('candidates');
  $('address').setAttribute('aria-expanded', String(candidates.length > 0));
  if (!candidates.length && !message) {
    list.hidden = true;
    return;
  }
  list.replaceChildren(...(candidates.length ? candidates.map((c, i) => el('li', {
    role: 'option',
    id: `candidate-${i}`,
    dataset: { code: c.code },
    'aria-selected': 'false',
    onclick: () => pickAddress(c),
  }, c.fullText)) : [el('li', { class: 'none', 'aria-disabled': 'true' }, message)]));
  list.hidden = false;
}

$('address').addEventListener('input', () => {
  const q = $('address').value.trim();
  state.place = null;
  clearPlace();
  clearTimeout(geocodeTimer);
  if (q.length < 2) {
    showCandidates([]);
    return;
  }
  geocodeTimer = setTimeout(async () => {
    const seq = ++geocodeSeq;
    try {
      const result = await getJson(`/api/geocode?q=${encodeURIComponent(q)}&limit=8`);
      if (seq !== geocodeSeq) return;
      showCandidates(result.candidates, t('intake.candidates.none'));
      candidateMarkers(result.candidates);
    } catch (error) {
      apiFailure(error);
    }
  }, 250);
});
$('address').addEventListener('keydown', (event) => {
  const items = [...$('candidates').querySelectorAll('li[role="option"]')];
  if (!items.length) return;
  const at = items.findIndex((li) => li.getAttribute('aria-selected') === 'true');
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = (at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
    items.forEach((li, i) => li.setAttribute('aria-selected', String(i === next)));
    $('address').setAttribute('aria-activedescendant', items[next].id);
  } else if (event.key === 'Enter' && at >= 0) {
    event.preventDefault();
    items[at].click();
  }
});

let candidateLayer;
function candidateMarkers(candidates) {
  candidateLayer.clearLayers();
  candidates.forEach((c) => L.circleMarker([c.lat, c.lon], { radius: 6, color: '#1f6fd1', weight: 2, fillOpacity: 0.5 })
    .bindTooltip(c.fullText).on('click', () => pickAddress(c)).addTo(candidateLayer));
  if (candidates.length) map.fitBounds(L.latLngBounds(candidates.map((c) => [c.lat, c.lon])).pad(0.3), { maxZoom: 17 });
}

function clearPlace() {
  $('place').textContent = '';
  delete root.dataset.place;
  state.marker?.remove();
  state.gridOutline?.remove();
  state.marker = null;
  state.gridOutline = null;
  state.duplicates = null;
  drawDuplicates();
}

async function pickAddress(c) {
  $('address').value = c.fullText;
  showCandidates([]);
  candidateLayer.clearLayers();
  await setPlace({ lon: c.lon, lat: c.lat, addressCode: c.code, addressText: c.fullText });
}

async function setPlace(place) {
  clearPlace();
  document.querySelector('[data-error-for="location"]').hidden = true;
  $('address').removeAttribute('aria-invalid');
  state.marker = L.marker([place.lat, place.lon], { title: place.addressText ?? '' }).addTo(map);
  map.setView([place.lat, place.lon], Math.max(map.getZoom(), 17));
  try {
    const located = await getJson(`/api/locate?lon=${place.lon}&lat=${place.lat}`);
    state.place = { ...place, located };
    $('place').replaceChildren(el('strong', {}, t(place.addressCode ? 'intake.placeIn' : 'intake.pointIn', {
      address: place.addressText ?? '', grid: located.grid.name ?? '', gridCode: located.grid.code,
      community: located.community?.name ?? '', street: located.street?.name ?? '',
    })));
    root.dataset.place = located.grid.code;
    outlineGrid(located.grid.code, place);
    await checkDuplicates();
  } catch (error) {
    state.place = null;
    if (error instanceof ApiError && error.status === 404) {
      fieldError('location', t('intake.outside'));
    } else {
      apiFailure(error);
    }
  }
}

async function outlineGrid(code, { lon, lat }) {
  try {
    const d = 0.0005;
    const grids = await getJson(`/api/areas?level=GRID&bbox=${lon - d},${lat - d},${lon + d},${lat + d}`);
    const grid = grids.features.find((f) => f.properties.code === code);
    if (grid && state.place?.located.grid.code === code) {
      state.gridOutline?.remove();
      state.gridOutline = L.geoJSON(grid, { style: { color: '#16324f', weight: 2, fillOpacity: 0.08 }, interactive: false }).addTo(map);
    }
  } catch { /* the outline is a help only */ }
}

async function reverse(latlng) {
  const lon = Math.round(latlng.lng * 1e7) / 1e7;
  const lat = Math.round(latlng.lat * 1e7) / 1e7;
  let addressText = null;
  try {
    const nearest = await getJson(`/api/geocode/reverse?lon=${lon}&lat=${lat}&maxDistance=50`);
    addressText = nearest.address.fullText;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) { apiFailure(error); return; }
  }
  $('address').value = addressText ?? `${lat.toFixed(6)}, ${lon.toFixed(6)}`;
  showCandidates([]);
  candidateLayer.clearLayers();
  // The clicked point is the place (the nearest address only names it).
  await setPlace({ lon, lat, addressCode: null, addressText });
}

// --- 3. The category -------------------------------------------------------------------------------

let tree = null;
let questions = mountQuestions($('category-questions'), null, { idPrefix: 'answer' });

function drawTree() {
  tree?.draw();
}

async function pickCategory(item) {
  state.category = item;
  $('category-picked').textContent = t('intake.category.picked', { path: itemPath(item), code: item.code });
  document.querySelector('[data-error-for="categoryCode"]').hidden = true;
  $('category-search').removeAttribute('aria-invalid');
  questions = mountQuestions($('category-questions'), item, { idPrefix: 'answer' });
  await checkDuplicates();
}


// --- 4. Possible duplicates -----------------------------------------------------------------------

async function checkDuplicates() {
  if (!state.place || !state.category) {
    state.duplicates = null;
    drawDuplicates();
    return;
  }
  const { lon, lat } = state.place;
  try {
    state.duplicates = await getJson(`/api/intake/duplicates?lon=${lon}&lat=${lat}&category=${encodeURIComponent(state.category.code)}`);
  } catch (error) {
    state.duplicates = null;
    apiFailure(error);
  }
  drawDuplicates();
}

function drawDuplicates() {
  const answer = state.duplicates;
  const box = $('duplicates');
  const list = answer?.duplicates ?? [];
  root.dataset.duplicates = answer ? String(list.length) : '';
  if (!list.length) {
    box.hidden = true;
    $('duplicate-choices').replaceChildren();
    return;
  }
  const chosen = box.querySelector('input[name="dup"]:checked')?.value ?? '';
  box.hidden = false;
  $('duplicates-head').textContent = t('intake.duplicates.head', {
    count: list.length, radius: formatNumber(answer.radiusMetres), hours: answer.windowHours,
  });
  const option = (value, text) => el('label', { class: 'duplicate' },
    el('input', { type: 'radio', name: 'dup', value, checked: value === chosen }), el('span', {}, text));
  $('duplicate-choices').replaceChildren(
    option('', t('intake.dup.new')),
    ...list.map((d) => option(String(d.id), t('intake.dup.merge', {
      number: d.number, status: t(`status.${d.status}`), distance: formatNumber(d.distanceMetres), time: formatDateTime(d.reportedAt),
    }))),
  );
}

// --- 5. Submit ------------------------------------------------------------------------------------

function validate() {
  const problems = [];
  const phone = $('phone').value.trim();
  if (phone && !PHONE.test(phone)) problems.push(['reporterPhone', t('intake.err.phone')]);
  if (!state.place) problems.push(['location', t('intake.err.place')]);
  if (!state.category) problems.push(['categoryCode', t('intake.err.category')]);
  if (!$('description').value.trim()) problems.push(['description', t('intake.err.description')]);
  if (state.category) questions.read().problems.forEach(([code, message]) => problems.push([`answers.${code}`, message]));
  problems.forEach(([field, message]) => fieldError(field, message));
  if (problems.length) {
    formError(t('intake.err.form', { count: problems.length }));
    const first = problems[0][0];
    if (first.startsWith('answers.')) questions.focus(first.slice('answers.'.length));
    else $(FIELD_INPUT[first])?.focus();
  }
  return problems.length === 0;
}

async function send(path, body, files, key) {
  const headers = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest',
    [CSRF_HEADER]: await csrfToken(), 'Idempotency-Key': key };
  let payload;
  if (files.length) {
    payload = new FormData();
    payload.append('report', JSON.stringify(body));
    files.forEach((file) => payload.append('photos', file, file.name));
  } else {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method: 'POST', headers, body: payload, credentials: 'same-origin' });
  if (response.status === 401) {
    window.location.assign('/login');
    throw new SessionEndedError();
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!response.ok) throw new ApiError(response.status, response.statusText, json);
  return json;
}

function drawReceipt(view, merged) {
  const located = state.place?.located;
  const handler = view.assignee ? `${view.assignee.name}（${view.assignee.code}）`
    : view.departmentCode ? t('intake.receipt.department', { code: view.departmentCode }) : t('intake.receipt.queue');
  const gridText = view.grid ? `${located?.grid.code === view.grid.code ? `${located.grid.name} ` : ''}${view.grid.code}` : view.areaCode;
  const row = (key, value, id) => [el('dt', {}, t(key)), el('dd', { id }, value)];
  $('receipt').replaceChildren(
    el('h2', {}, merged ? t('intake.receipt.merged', { number: merged }) : t('intake.receipt.title')),
    el('dl', {},
      row('intake.receipt.number', view.number, 'receipt-number'),
      row('intake.receipt.grid', gridText, 'receipt-grid'),
      row('intake.receipt.handler', handler, 'receipt-handler'),
      row('intake.receipt.deadline', formatDateTime(view.dueAt), 'receipt-deadline')),
  );
  $('receipt').hidden = false;
}

function resetForm({ keepReceipt = true } = {}) {
  $('intake-form').reset();
  fillSources();
  clearErrors();
  clearPlace();
  candidateLayer?.clearLayers();
  showCandidates([]);
  state.place = null;
  state.category = null;
  state.earlier = null;
  state.idempotencyKey = null;
  $('category-picked').textContent = '';
  questions = mountQuestions($('category-questions'), null, { idPrefix: 'answer' });
  tree?.select(null);
  drawEarlier();
  if (!keepReceipt) $('receipt').hidden = true;
  $('phone').focus({ preventScroll: true });
  $('intake-form').scrollTop = 0; // the receipt (on top) stays in view for the next call
}

$('intake-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  if (!validate()) return;
  const button = $('submit');
  button.disabled = true;
  button.textContent = t('intake.submitting');
  state.idempotencyKey ??= uuid();
  const place = state.place;
  const report = {
    categoryCode: state.category.code,
    answers: questions.read().answers,
    description: $('description').value.trim(),
    source: $('source').value,
    reporterName: $('reporter-name').value.trim() || null,
    reporterPhone: $('phone').value.trim() || null,
    ...(place.addressCode ? { addressCode: place.addressCode } : { lon: place.lon, lat: place.lat }),
  };
  const intoId = document.querySelector('input[name="dup"]:checked')?.value || null;
  const into = intoId ? state.duplicates.duplicates.find((d) => String(d.id) === intoId) : null;
  try {
    const view = await send('/api/incidents', report, [...$('photos').files], state.idempotencyKey);
    let merged = null;
    if (into) {
      try {
        await send(`/api/incidents/${view.id}/actions`, { action: 'MERGE', intoId: into.id, reason: `${t('intake.title')}: ${into.number}` }, [],
          `${state.idempotencyKey}-merge`);
        merged = into.number;
      } catch (error) {
        drawReceipt(view, null);
        resetForm();
        if (!(error instanceof SessionEndedError)) formError(t('intake.err.mergeFailed', { number: view.number, into: into.number, message: error.message }));
        root.dataset.submitted = view.number;
        return;
      }
    }
    drawReceipt(view, merged);
    resetForm();
    root.dataset.submitted = view.number;
  } catch (error) {
    apiFailure(error);
  } finally {
    button.disabled = false;
    button.textContent = t('intake.submit');
  }
});
$('clear').addEventListener('click', () => resetForm({ keepReceipt: false }));

function fillSources() {
  const allowed = state.user?.role === 'OPERATOR' ? ['HOTLINE', 'CITIZEN'] : ['CITIZEN'];
  const current = $('source').value;
  $('source').replaceChildren(...allowed.map((s) => el('option', { value: s, selected: s === current }, t(`intake.source.${s}`))));
}

// --- Start -----------------------------------------------------------------------------------------

async function start() {
  state.user = await mountHeader();
  fillSources();
  const [config, categories, area] = await Promise.all([
    mapConfig(),
    getJson('/api/categories'),
    state.user.jurisdiction?.code ? getJson(`/api/areas/${encodeURIComponent(state.user.jurisdiction.code)}`) : null,
  ]);
  state.tree = categories;
  tree = mountTree($('category-tree'), $('category-search'), listItems(categories), (item) => pickCategory(item));
  drawTree();
  map = L.map('map', { zoomSnap: 1, minZoom: 5, maxZoom: 19 });
  wangge.map = map;
  (config.basemap?.layers ?? []).forEach((layer) => L.tileLayer(layer.url, {
    subdomains: layer.subdomains || 'abc', attribution: layer.attribution || '', maxZoom: 19, maxNativeZoom: layer.maxZoom || 18,
  }).addTo(map));
  $('map').dataset.basemap = config.basemap?.type ?? 'none';
  L.control.scale({ imperial: false }).addTo(map);
  candidateLayer = L.layerGroup().addTo(map);
  const bbox = area?.bbox;
  if (bbox) map.fitBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]]);
  else map.setView([27.82, 114.93], 12);
  if (!config.basemap?.layers?.length) {
    // Without a basemap, the jurisdiction's grids give the map its shape.
    getJson(`/api/areas?level=GRID${bbox ? `&bbox=${bbox.join(',')}` : ''}`).then((grids) => {
      L.geoJSON(grids, { style: { color: '#8aa1b8', weight: 1, fillOpacity: 0 }, interactive: false }).addTo(map).bringToBack();
    }).catch(() => {});
  }
  map.on('click', (event) => reverse(event.latlng));
  onLanguageChange(() => {
    fillSources(); drawEarlier(); drawTree(); drawDuplicates();
    if (state.category) {
      $('category-picked').textContent = t('intake.category.picked', { path: itemPath(state.category), code: state.category.code });
      const { answers } = questions.read();
      questions = mountQuestions($('category-questions'), state.category, { idPrefix: 'answer' });
      Object.entries(answers ?? {}).forEach(([code, value]) => { const input = document.getElementById(`answer-${code}`); if (input) input.value = String(value); });
    }
  });
  root.dataset.ready = 'true';
}

start().catch((error) => {
  if (!(error instanceof SessionEndedError)) {
    console.error(error);
    formError(error.message);
  }
});
