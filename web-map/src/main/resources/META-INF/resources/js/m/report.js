// 上报 in three taps: the camera first, the place from the GPS fix (drag the pin to correct it;
// address search as the fallback), the category from the member's most used (or a search over the
// list, or class → subclass → item), its extra questions if it has any, then 上报. The answer says where the case went and shows possible duplicates. Reports made
// offline wait in the outbox (待发送) with their Idempotency-Key; a patrol under way is linked.
import L from 'leaflet';
import { t, formatDateTime, addMessages } from '../i18n.js';
import { listItems, searchItems, nodeName, itemPath, mountQuestions } from '../category-picker.js';
import { el } from '../dom.js';
import { get } from './net.js';
import { kv } from './store.js';
import { submit } from './outbox.js';
import { photoPicker } from './photos.js';
import { watchPosition, lastFix, POOR_METRES } from './geo.js';
import { basemapLayers } from './grid-map.js';
import { distanceText } from './app-util.js';
import { currentPatrolId } from './patrol.js';

addMessages({
  zh: { 'm.categoryBrowse': '按类别查找', 'm.categoryBack': '‹ 返回', 'm.categoryChosen': '已选：{path}', 'm.questions': '补充问题' },
  en: { 'm.categoryBrowse': 'Browse the list', 'm.categoryBack': '‹ Back', 'm.categoryChosen': 'Chosen: {path}', 'm.questions': 'Extra questions' },
});

const $ = (id) => document.getElementById(id);
let state = null;
let pinMap = null;
let stopWatching = null;

async function categoryTree() {
  try {
    const tree = await get('/api/categories');
    await kv.set('categories', tree);
    return tree;
  } catch {
    return (await kv.get('categories')) ?? [];
  }
}

export async function showReport(app) {
  if (state?.answered === false) {
    // A report being filled in stays as it was (the member went to look at something).
    setTimeout(() => pinMap?.invalidateSize(), 0);
    return;
  }
  state = { answered: false, place: null, category: null, risk: null, manualPin: false };
  const root = $('v-report');
  const message = el('p', { class: 'm-message', role: 'alert', id: 'report-message' });
  const picker = photoPicker({ id: 'report-photos' });
  const fixLabel = el('p', { class: 'm-hint', id: 'report-fix', 'aria-live': 'polite' }, t('m.fixNone'));
  const mapBox = el('div', { class: 'm-small-map', id: 'report-map' });
  const searchInput = el('input', { id: 'report-address', type: 'search', placeholder: t('m.placeSearch'), 'aria-label': t('m.placeSearch') });
  const searchResults = el('div', { class: 'm-chips', id: 'report-address-results' });
  const placeChosen = el('p', { class: 'm-hint', id: 'report-place' });
  const mostUsed = el('div', { class: 'm-chips', id: 'report-most-used' });
  const categorySearch = el('input', { id: 'report-category-search', type: 'search', placeholder: t('m.categorySearch'), 'aria-label': t('m.categorySearch') });
  const categoryResults = el('div', { class: 'm-chips', id: 'report-categories' });
  const browse = el('div', { class: 'm-chips', id: 'report-browse', role: 'group', 'aria-label': t('m.categoryBrowse') });
  const categoryChosen = el('p', { class: 'm-hint', id: 'report-category-chosen', 'aria-live': 'polite' });
  const questionBox = el('div', { class: 'm-questions', id: 'report-questions', role: 'group', 'aria-label': t('m.questions') });
  let questions = mountQuestions(questionBox, null, { idPrefix: 'report-answer' });
  const risks = el('div', { class: 'm-chips', id: 'report-risk', role: 'group', 'aria-label': t('m.risk') },
    ['HIGH', 'MEDIUM', 'LOW'].map((r) => el('button', { type: 'button', class: 'm-chip', 'aria-pressed': 'false', dataset: { risk: r }, onclick: (e) => {
      state.risk = state.risk === r ? null : r;
      risks.querySelectorAll('.m-chip').forEach((c) => c.setAttribute('aria-pressed', String(c.dataset.risk === state.risk)));
      e.preventDefault();
    } }, t(`risk.${r}`))));
  const description = el('textarea', { id: 'report-description', name: 'description', placeholder: t('m.descriptionHint') });
  const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  const dictate = Recognition ? el('button', { type: 'button', class: 'm-button m-secondary', onclick: () => {
    const r = new Recognition();
    r.lang = document.documentElement.lang;
    r.onresult = (e) => { description.value = `${description.value} ${e.results[0][0].transcript}`.trim(); };
    r.start();
  } }, t('m.dictate')) : null;
  const answer = el('div', { id: 'report-answer' });
  const submitButton = el('button', { type: 'submit', class: 'm-button m-primary m-wide', id: 'report-submit' }, t('m.submitReport'));
  const form = el('form', { class: 'm-form', id: 'report-form' },
    el('h2', {}, t('m.report')), message,
    el('h3', {}, t('m.step.photos')), picker.element,
    el('h3', {}, t('m.step.place')), fixLabel, mapBox, placeChosen,
    el('div', { class: 'm-actions' }, searchInput, el('button', { type: 'button', class: 'm-button m-secondary', onclick: () => searchAddress(searchInput.value, searchResults) }, t('m.placeSearchButton'))),
    searchResults,
    el('h3', {}, t('m.step.category')),
    el('p', { class: 'm-hint' }, t('m.categoryMostUsed')), mostUsed, categorySearch, categoryResults,
    el('p', { class: 'm-hint' }, t('m.categoryBrowse')), browse, categoryChosen, questionBox,
    el('label', {}, t('m.risk')), risks,
    el('label', { for: 'report-description' }, t('m.description')), description, dictate,
    submitButton);
  root.replaceChildren(form, answer);

  // The place: the GPS fix, until the member drags the pin or picks an address.
  pinMap?.remove();
  pinMap = L.map(mapBox, { zoomControl: false, attributionControl: false }).setView([27.82, 114.93], 16);
  (await basemapLayers()).forEach((layer) => layer.addTo(pinMap));
  const pin = L.marker(pinMap.getCenter(), { draggable: true, title: 'pin' });
  pin.on('dragend', () => {
    const at = pin.getLatLng();
    state.manualPin = true;
    state.place = { lon: at.lng, lat: at.lat, accuracy: null };
    placeChosen.textContent = `${at.lat.toFixed(5)}, ${at.lng.toFixed(5)}`;
  });
  state.pin = pin;
  state.placeChosen = placeChosen;
  stopWatching?.();
  stopWatching = watchPosition((fix, error) => {
    if (!fix) {
      fixLabel.textContent = error ? t('m.fixDenied', { message: error.message }) : t('m.fixNone');
      return;
    }
    fixLabel.textContent = fix.poor ? t('m.fixPoor', { m: Math.round(fix.accuracy) }) : t('m.fix', { m: Math.round(fix.accuracy) });
    fixLabel.dataset.poor = String(fix.poor);
    if (!state.manualPin && !state.answered) {
      state.place = { lon: fix.lon, lat: fix.lat, accuracy: fix.accuracy };
      pin.setLatLng([fix.lat, fix.lon]).addTo(pinMap);
      pinMap.setView([fix.lat, fix.lon], 17);
    }
  });
  setTimeout(() => pinMap.invalidateSize(), 0);

  // The category: most used first, then a search over the list, or class → subclass → item.
  const tree = await categoryTree();
  const minors = listItems(tree);
  const use = (await kv.get('category-use')) ?? {};
  const pick = (c) => {
    state.category = c;
    form.querySelectorAll('[data-code]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.code === c.code)));
    categoryChosen.textContent = t('m.categoryChosen', { path: itemPath(c) });
    questions = mountQuestions(questionBox, c, { idPrefix: 'report-answer' });
  };
  const chip = (c) => el('button', { type: 'button', class: 'm-chip', 'aria-pressed': String(state.category?.code === c.code), dataset: { code: c.code }, onclick: (e) => {
    e.preventDefault();
    pick(c);
  } }, nodeName(c));
  const top = minors.filter((m) => use[m.code]).sort((a, b) => use[b.code] - use[a.code]).slice(0, 6);
  mostUsed.replaceChildren(...(top.length ? top : minors.slice(0, 6)).map(chip));
  categorySearch.addEventListener('input', () => {
    const q = categorySearch.value.trim();
    categoryResults.replaceChildren(...(q ? searchItems(minors, q).slice(0, 12) : []).map(chip));
  });
  // Browsing: the classes; a class shows its subclasses, a subclass its items (chips), with a way back.
  const level = (prefix) => {
    const back = (to) => el('button', { type: 'button', class: 'm-chip m-back', onclick: (e) => { e.preventDefault(); level(to); } }, t('m.categoryBack'));
    const node = (n, next) => el('button', { type: 'button', class: 'm-chip m-node', dataset: { node: n.code }, onclick: (e) => { e.preventDefault(); level(next); } }, nodeName(n));
    if (!prefix) {
      const classes = [...new Map(minors.map((m) => [m.cls.code, m.cls])).values()];
      browse.replaceChildren(...classes.map((c) => node(c, c.code)));
    } else if (prefix.length === 2) {
      const inClass = minors.filter((m) => m.cls.code === prefix);
      const subs = [...new Map(inClass.filter((m) => m.sub).map((m) => [m.sub.code, m.sub])).values()];
      browse.replaceChildren(back(null), ...subs.map((s) => node(s, s.code)), ...inClass.filter((m) => !m.sub).map(chip));
    } else {
      browse.replaceChildren(back(prefix.slice(0, 2)), ...minors.filter((m) => m.sub?.code === prefix).map(chip));
    }
  };
  level(null);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    await picker.busy();
    const photos = picker.photos();
    if (!state.place && !state.addressText) { message.textContent = t('m.placeNone'); return; }
    if (!state.category) { message.textContent = t('m.categoryChoose'); return; }
    const asked = questions.read();
    if (asked.problems.length) {
      message.textContent = asked.problems[0][1];
      questions.focus(asked.problems[0][0]);
      return;
    }
    if (state.place?.accuracy > POOR_METRES && !state.manualPin) {
      app.notice(t('m.fixPoor', { m: Math.round(state.place.accuracy) }), 'warn');
    }
    const body = { categoryCode: state.category.code, description: description.value.trim() || null, source: 'PATROL' };
    if (state.place) { body.lon = state.place.lon; body.lat = state.place.lat; } else { body.addressText = state.addressText; }
    if (state.risk) body.risk = state.risk;
    // The answers travel in the body: queued with it offline, and part of the request the
    // Idempotency-Key's fingerprint covers.
    if (asked.answers) body.answers = asked.answers;
    const patrol = currentPatrolId();
    if (patrol) body.patrolId = patrol;
    submitButton.disabled = true;
    use[state.category.code] = (use[state.category.code] ?? 0) + 1;
    await kv.set('category-use', use);
    const outcome = await submit({ kind: 'report', label: `${t('m.report')}：${nodeName(state.category)}`, body, photos });
    submitButton.disabled = false;
    state.answered = true;
    stopWatching?.();
    if (outcome.sent) {
      showAnswer(app, outcome.answer, answer);
      form.hidden = true;
    } else if (outcome.item.state === 'pending') {
      app.notice(t('m.queued', { what: `${t('m.report')}：${nodeName(state.category)}` }), 'warn');
      form.hidden = true;
      answer.replaceChildren(el('p', { class: 'm-answer', id: 'report-queued' }, t('m.queued', { what: nodeName(state.category) })), anotherButton(app));
    } else {
      state.answered = false;
      message.textContent = outcome.item.message;
    }
  });
}

function anotherButton(app) {
  return el('button', { type: 'button', class: 'm-button m-primary m-wide', id: 'report-another', onclick: () => { state = null; showReport(app); } }, t('m.newReport'));
}

/** Names for codes: the grid's (from /api/locate) and the department's (from /api/departments). */
async function names(view) {
  const found = { grid: view.grid?.code, department: view.departmentCode };
  try {
    if (view.departmentCode) {
      const list = await get('/api/departments');
      found.department = list.find((d) => d.code === view.departmentCode)?.name ?? view.departmentCode;
    }
    if (view.grid?.code) {
      const place = await get(`/api/locate?lon=${view.lon}&lat=${view.lat}`);
      if (place?.grid?.name) found.grid = place.grid.name;
    }
  } catch { /* offline or outside: the codes will do */ }
  return found;
}

async function showAnswer(app, view, box) {
  const named = await names(view);
  const lines = [];
  if (view.grid?.code) lines.push(t('m.routedGrid', { grid: named.grid }));
  if (view.assignee) lines.push(t('m.routedPerson', { name: view.assignee.name }));
  if (view.departmentCode) lines.push(t('m.routedDepartment', { department: named.department }));
  if (!view.assignee && !view.departmentCode) lines.push(t('m.routedCentre'));
  if (view.dueAt) lines.push(t('m.routedDue', { time: formatDateTime(view.dueAt) }));
  const duplicates = view.possibleDuplicates ?? [];
  box.replaceChildren(...[
    el('div', { class: 'm-answer', id: 'report-result', dataset: { number: view.number ?? '', id: String(view.id ?? '') } },
      el('strong', {}, t('m.reportAnswer', { number: view.number ?? view.receipt ?? '' })),
      el('ul', {}, lines.map((l) => el('li', {}, l))),
      duplicates.length ? [el('p', {}, t('m.duplicates')), el('ul', {}, duplicates.map((d) => el('li', {},
        el('a', { href: `#case/${d.id}` }, t('m.duplicate', { number: d.number, status: t(`status.${d.status}`), d: distanceText(d.distanceMetres) })))))] : null),
    anotherButton(app)]);
  app.refreshTasks();
}

async function searchAddress(text, results) {
  const q = text.trim();
  if (!q) return;
  try {
    const found = await get(`/api/geocode?q=${encodeURIComponent(q)}&limit=5`);
    results.replaceChildren(...(found.candidates ?? []).map((c) => el('button', { type: 'button', class: 'm-chip', onclick: (e) => {
      e.preventDefault();
      state.manualPin = true;
      state.place = { lon: c.lon, lat: c.lat, accuracy: null };
      state.pin.setLatLng([c.lat, c.lon]).addTo(pinMap);
      pinMap.setView([c.lat, c.lon], 18);
      state.placeChosen.textContent = t('m.placeChosen', { text: c.fullText });
    } }, c.fullText)));
    if (!found.candidates?.length) results.replaceChildren(el('p', { class: 'm-muted' }, '–'));
  } catch (e) {
    // Offline: the text itself is sent, and the server places it when the report arrives.
    state.addressText = q;
    state.place = null;
    state.manualPin = true;
    state.placeChosen.textContent = t('m.placeChosen', { text: q });
  }
}
