// The planning page: a planner starts a plan from the grids of an area, edits it on the map (split,
// redraw, move edge, merge, auto-split, rename; drawing with Leaflet-Geoman), sees after every edit
// what the server's PlanView says (validation problems listed and drawn, the impact, the history),
// undoes and redoes (buttons, Ctrl+Z / Ctrl+Y), and publishes (valid-from time, re-route or keep the
// open cases; a conflict with another published plan is shown with its grids).
//
// Hooks for the browser test: document.documentElement.dataset.ready = 'true' once interactive,
// data-busy while a request runs; #plan-view data-plan-id / data-edits / data-status;
// window.wangge = { map, view() } (the test reads pixel positions from the map; edits go through the UI).
import './plan-i18n.js';
import { me, logout, mapConfig, plans, createPlan, plan, editPlan, undoPlan, redoPlan, publishPlan, postJson, getJson, ApiError, SessionEndedError } from './api.js';
import { mountNav } from './nav.js';
import { t, hasMessage, applyTranslations, setLanguage, currentLanguage, onLanguageChange, formatDateTime, formatNumber } from './i18n.js';
import { createPlanMaps, gridLabel } from './plan-map.js';
import { createTools } from './plan-tools.js';
import { renderPlanList, renderValidation, renderImpact, renderHistory } from './plan-panels.js';
import { el } from './dom.js';

const root = document.documentElement;
const byId = (id) => document.getElementById(id);
const EDITORS = new Set(['PLANNER', 'ADMIN']);
const state = { user: null, list: [], sort: { key: 'updatedAt', dir: 'descending' }, view: null, busy: 0 };
const wangge = { state, view: () => state.view };
window.wangge = wangge;

const isSessionEnded = (error) => error instanceof SessionEndedError;

function showError(message) {
  const box = byId('error');
  box.textContent = message;
  box.hidden = !message;
}
window.addEventListener('unhandledrejection', (event) => {
  if (isSessionEnded(event.reason)) {
    event.preventDefault();
    return;
  }
  showError(String(event.reason?.message ?? event.reason));
});

/** Runs a request with the page marked busy (data-busy, for people and the test alike). */
async function busy(work) {
  state.busy += 1;
  root.dataset.busy = 'true';
  try {
    return await work();
  } finally {
    state.busy -= 1;
    root.dataset.busy = String(state.busy > 0);
  }
}

/** Shows an API error in `form` next to the field it names (data-field-error="field"), or in its general slot. */
function showFieldError(form, error) {
  form.querySelectorAll('[data-field-error]').forEach((slot) => { slot.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
  if (!error) return;
  const field = error instanceof ApiError ? error.field : null;
  const slot = (field && form.querySelector(`[data-field-error="${CSS.escape(field)}"]`)) || form.querySelector('[data-field-error=""]');
  slot.textContent = field && slot.dataset.fieldError === '' ? t('plan.fieldError', { field, message: error.message }) : error.message;
  if (field) form.querySelector(`[name="${CSS.escape(field)}"]`)?.setAttribute('aria-invalid', 'true');
}

/** Shows an edit's API error under the tools, naming the field at fault. */
function showEditError(error) {
  const box = byId('edit-error');
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    delete box.dataset.field;
    return;
  }
  const field = error instanceof ApiError ? error.field : null;
  box.textContent = field ? t('plan.fieldError', { field, message: error.message }) : error.message;
  box.dataset.status = String(error.status ?? '');
  if (field) box.dataset.field = field;
  else delete box.dataset.field;
  box.hidden = false;
}

// --- User bar and language ------------------------------------------------------------------------

function showUser(user) {
  byId('user-name').textContent = user.displayName || user.username;
  byId('user-name').title = user.username;
  byId('user-role').textContent = hasMessage(`role.${user.role}`) ? t(`role.${user.role}`) : (user.roleName || user.role);
  byId('user-area').textContent = user.jurisdiction?.name || '';
  byId('user-area').title = user.jurisdiction?.code || '';
  byId('user-bar').hidden = false;
  byId('forbidden').hidden = EDITORS.has(user.role);
}

byId('logout').addEventListener('click', () => logout().catch((error) => { if (!isSessionEnded(error)) showError(error.message); }));
byId('lang-toggle').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));

// --- The plan ---------------------------------------------------------------------------------------

let maps;
let tools;

const gridProperties = (key) => state.view?.grids?.features?.find((f) => f.properties.key === key)?.properties;
const labelOf = (key) => {
  const properties = gridProperties(key);
  return properties ? `${gridLabel(properties)}${properties.name ? ` ${properties.name}` : ''}` : key;
};

function editable() {
  return state.view?.status === 'DRAFT' && EDITORS.has(state.user?.role);
}

/** Shows a PlanView: the map, the panels, the buttons. */
function showPlan(view) {
  state.view = view;
  const card = byId('plan-view');
  card.hidden = false;
  card.dataset.planId = String(view.id);
  card.dataset.status = view.status;
  card.dataset.edits = String((view.edits ?? []).filter((e) => !e.undone).length);
  byId('plan-name').textContent = view.name;
  byId('plan-title').textContent = `#${view.id} ${view.name}`;
  byId('plan-status').textContent = t(`plan.status.${view.status}`);
  byId('plan-status').className = `plan-status status-${view.status}`;
  byId('plan-meta').textContent = t('plan.meta', {
    area: view.areaCode, by: view.createdBy ?? '', at: formatDateTime(view.createdAt), grids: formatNumber(view.grids?.features?.length ?? 0),
  });
  maps.render(view);
  renderValidation(view.validation, labelOf, (geometry) => maps.zoomTo(geometry));
  renderImpact(view.impact, labelOf);
  renderHistory(view.edits);
  byId('undo').disabled = !editable() || !view.canUndo;
  byId('redo').disabled = !editable() || !view.canRedo;
  byId('publish-open').hidden = !editable();
  byId('abandon-open').hidden = !editable();
  byId('jurisdiction-note').hidden = true;
  tools.setEnabled(editable());
  const url = new URL(window.location.href);
  if (url.searchParams.get('plan') !== String(view.id)) {
    url.searchParams.set('plan', String(view.id));
    window.history.replaceState(null, '', url);
  }
  renderPlanList(state.list, state.sort, openPlan, view.id);
}

async function openPlan(id) {
  showEditError(null);
  byId('publish-result').hidden = true;
  maps.setConflicted([]);
  if (state.view?.id !== id) maps.clear();
  const view = await busy(() => plan(id));
  showPlan(view);
}

/** Posts one edit (from the tools) and shows the new PlanView; an API error is shown with its field and rethrown. */
async function submitEdit(edit) {
  showEditError(null);
  try {
    const view = await busy(() => editPlan(state.view.id, edit));
    showPlan(view);
    refreshList();
  } catch (error) {
    if (!isSessionEnded(error)) showEditError(error);
    throw error;
  }
}

async function undoRedo(redo) {
  if (!editable() || tools.busy() || state.busy) return;
  if (redo ? !state.view.canRedo : !state.view.canUndo) return;
  showEditError(null);
  try {
    showPlan(await busy(() => (redo ? redoPlan(state.view.id) : undoPlan(state.view.id))));
    refreshList();
  } catch (error) {
    if (!isSessionEnded(error)) showEditError(error);
  }
}

byId('undo').addEventListener('click', () => undoRedo(false));
byId('redo').addEventListener('click', () => undoRedo(true));
document.addEventListener('keydown', (event) => {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
  const key = event.key.toLowerCase();
  if (key === 'z' && !event.shiftKey) {
    event.preventDefault();
    undoRedo(false);
  } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
    event.preventDefault();
    undoRedo(true);
  }
});
byId('show-old').addEventListener('change', (event) => maps.showOld(event.target.checked));
byId('side-by-side').addEventListener('change', (event) => maps.sideBySide(event.target.checked));

// --- Publishing -------------------------------------------------------------------------------------

const dialog = byId('publish-dialog');
const publishForm = byId('publish-form');

byId('publish-open').addEventListener('click', () => {
  showFieldError(publishForm, null);
  byId('publish-conflicts').hidden = true;
  const changed = (state.view.grids?.features ?? []).filter((f) => f.properties.changed).length;
  byId('publish-summary').textContent = t('plan.publishSummary', { changed, cases: state.view.impact?.openCasesMoved ?? 0 });
  dialog.showModal();
});
byId('publish-cancel').addEventListener('click', () => dialog.close());

/** A datetime-local value (the city's time, UTC+8) as an ISO instant; null when empty. */
function cityTime(value) {
  return value ? new Date(`${value}:00+08:00`).toISOString() : null;
}

function showConflicts(conflicts) {
  const box = byId('publish-conflicts');
  box.replaceChildren(el('p', {}, t('plan.conflict')), el('ul', {}, conflicts.map((c) => el('li', { dataset: { code: c.code } },
    t('plan.conflictRow', { code: c.code, planId: c.planId, by: c.publishedBy ?? '', at: formatDateTime(c.publishedAt) })))));
  box.hidden = false;
  const codes = new Set(conflicts.map((c) => c.code));
  maps.setConflicted((state.view.grids?.features ?? [])
    .filter((f) => codes.has(f.properties.code) || (f.properties.baseCodes ?? []).some((code) => codes.has(code)))
    .map((f) => f.properties.key));
}

publishForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  showFieldError(publishForm, null);
  byId('publish-conflicts').hidden = true;
  const body = {
    validFrom: cityTime(byId('publish-valid-from').value),
    openCases: publishForm.querySelector('input[name="openCases"]:checked').value,
  };
  const submit = byId('publish-submit');
  submit.disabled = true;
  try {
    const result = await busy(() => publishPlan(state.view.id, body));
    dialog.close();
    const box = byId('publish-result');
    box.textContent = t('plan.published', {
      at: formatDateTime(result.validFrom),
      grids: (result.grids ?? []).map((g) => `${g.code} v${g.version}`).join('、') || '–',
      retired: (result.retiredCodes ?? []).join('、') || '–',
      cases: formatNumber(result.reroutedCases ?? 0),
    });
    box.dataset.rerouted = String(result.reroutedCases ?? 0);
    await openPlan(state.view.id);
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
    refreshList();
  } catch (error) {
    if (isSessionEnded(error)) return;
    if (error instanceof ApiError && error.status === 409 && Array.isArray(error.problem?.conflicts)) {
      showConflicts(error.problem.conflicts);
    } else if (error instanceof ApiError && error.status === 422) {
      const problems = error.problem?.problems ?? error.problem?.validation?.problems;
      if (problems) renderValidation({ valid: false, problems }, labelOf, (geometry) => maps.zoomTo(geometry));
      showFieldError(publishForm, new Error(t('plan.unprocessable')));
    } else {
      showFieldError(publishForm, error);
    }
  } finally {
    submit.disabled = false;
  }
});

// --- Abandoning a draft -----------------------------------------------------------------------------

const abandonDialog = byId('abandon-dialog');
const abandonForm = byId('abandon-form');
byId('abandon-open').addEventListener('click', () => {
  showFieldError(abandonForm, null);
  abandonDialog.showModal();
  byId('abandon-cancel').focus();
});
byId('abandon-cancel').addEventListener('click', () => abandonDialog.close());
abandonForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const submit = byId('abandon-submit');
  submit.disabled = true;
  try {
    const view = await busy(() => postJson(`/api/plans/${encodeURIComponent(state.view.id)}/abandon`));
    abandonDialog.close();
    showPlan(view);
    const box = byId('publish-result');
    box.textContent = t('plan.abandoned');
    box.hidden = false;
    await refreshList();
  } catch (error) {
    if (!isSessionEnded(error)) showFieldError(abandonForm, error);
  } finally {
    submit.disabled = false;
  }
});

// --- The user's jurisdiction before a plan is opened -------------------------------------------------

/** Draws the user's area (else the city) with its current grids, so the map shows where plans apply. */
async function showJurisdiction(user) {
  let code = user.jurisdiction?.code;
  if (!code) {
    const cities = await getJson('/api/areas?level=CITY');
    code = cities.features[0]?.properties.code;
  }
  if (!code) return;
  const detail = await getJson(`/api/areas/${encodeURIComponent(code)}`);
  if (!detail.bbox) return;
  const [grids, outline] = await Promise.all([
    getJson(`/api/areas?level=GRID&bbox=${detail.bbox.join(',')}`),
    getJson(`/api/areas?level=${encodeURIComponent(detail.level ?? detail.properties?.level ?? 'CITY')}&bbox=${detail.bbox.join(',')}`),
  ]);
  const own = { type: 'FeatureCollection', features: grids.features.filter((f) => f.properties.code.startsWith(code)) };
  const border = { type: 'FeatureCollection', features: outline.features.filter((f) => f.properties.code === code) };
  if (state.view) return; // a plan was opened meanwhile
  maps.showJurisdiction(border.features.length ? border : own, own);
  const note = byId('jurisdiction-note');
  note.textContent = t('plan.jurisdiction', { name: user.jurisdiction?.name ?? code, n: formatNumber(own.features.length) });
  note.hidden = false;
}

// --- The list and the new plan form ------------------------------------------------------------------

async function refreshList() {
  const status = byId('plan-status-filter').value;
  state.list = await plans(status ? { status } : {});
  renderPlanList(state.list, state.sort, openPlan, state.view?.id);
}

byId('plan-status-filter').addEventListener('change', () => refreshList());
document.querySelectorAll('#plan-table th button').forEach((button) => button.addEventListener('click', () => {
  const key = button.dataset.sort;
  state.sort = { key, dir: state.sort.key === key && state.sort.dir === 'ascending' ? 'descending' : 'ascending' };
  renderPlanList(state.list, state.sort, openPlan, state.view?.id);
}));

const newForm = byId('new-plan');
newForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  showFieldError(newForm, null);
  const areaCode = byId('new-area').value.trim();
  const body = {
    areaCode,
    name: byId('new-name').value.trim() || t('plan.defaultName', { area: areaCode }),
    from: cityTime(byId('new-from').value),
  };
  const submit = byId('new-plan-submit');
  submit.disabled = true;
  try {
    const view = await busy(() => createPlan(body));
    maps.clear();
    showPlan(view);
    await refreshList();
  } catch (error) {
    if (!isSessionEnded(error)) showFieldError(newForm, error);
  } finally {
    submit.disabled = false;
  }
});

// --- Start ------------------------------------------------------------------------------------------

async function start() {
  applyTranslations(document);
  const [user, config] = await Promise.all([me(), mapConfig().catch(() => null)]);
  state.user = user;
  showUser(user);
  mountNav(user);
  byId('new-area').value = user.jurisdiction?.code ?? '';
  byId('new-plan').hidden = !EDITORS.has(user.role);
  maps = createPlanMaps({ config, onGridClick: (key) => tools.gridClicked(key) });
  wangge.map = maps.map;
  wangge.oldMap = maps.oldMap;
  tools = createTools({ maps, labelOf, submit: submitEdit });
  tools.setEnabled(false);
  await refreshList();
  const asked = Number(new URLSearchParams(window.location.search).get('plan'));
  if (asked) await openPlan(asked);
  else await showJurisdiction(user).catch((error) => { if (!isSessionEnded(error)) showError(error.message); });
  root.dataset.ready = 'true';
}

onLanguageChange(() => {
  if (state.user) showUser(state.user);
  const note = byId('jurisdiction-note');
  if (!note.hidden && state.user) {
    note.textContent = t('plan.jurisdiction', {
      name: state.user.jurisdiction?.name ?? '', n: formatNumber(Number(maps?.map.getContainer().dataset.preview ?? 0)),
    });
  }
  maps?.map.pm.setLang(currentLanguage() === 'en' ? 'en' : 'zh');
  renderPlanList(state.list, state.sort, openPlan, state.view?.id);
  if (state.view) showPlan(state.view);
  tools?.refresh();
});

start().catch((error) => {
  if (!isSessionEnded(error)) showError(error.message);
});
