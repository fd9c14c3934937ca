// The case screen, for one hand: the state and clock on top, the actions the server allows as big
// buttons, then the facts, photos (tap to enlarge), a small map with a navigate link and the
// timeline in plain words. Actions go through the outbox; the confirmation is a notice that stays
// until read, and a live change never redraws a form the member is filling in.
import L from 'leaflet';
import { t, formatDateTime } from '../i18n.js';
import { el } from '../dom.js';
import { ROLE_NAMES } from '../api.js';
import { get, OfflineError } from './net.js';
import { kv } from './store.js';
import { submit } from './outbox.js';
import { photoPicker } from './photos.js';
import { clockOf, timeLeft } from './app-util.js';
import { basemapLayers } from './grid-map.js';

const view = () => document.getElementById('v-case');
/** The actions the phone offers (the desk's dispatching, whistling and merging stay on the desk). */
const PHONE_ACTIONS = ['ACCEPT', 'START', 'HANDLE', 'RETURN', 'EXTEND', 'ESCALATE', 'CLOSE', 'REOPEN', 'FOLLOW_UP', 'WHISTLE_DONE'];
const FORMS = {
  ACCEPT: [], START: [], CLOSE: ['note?'],
  HANDLE: ['note', 'photos'],
  RETURN: ['reason'], REOPEN: ['reason'],
  EXTEND: ['dueAt', 'reason'],
  ESCALATE: ['level', 'reason'],
  FOLLOW_UP: ['satisfaction', 'note?'],
  WHISTLE_DONE: ['note'],
};
let current = null;
let formOpen = false;
let smallMap = null;

const actionName = (a) => (a === 'ESCALATE' || a === 'EXTEND' ? t(`m.act.${a}`) : t(`action.${a}`));

export async function showCase(app, id) {
  current = { id, view: null, loop: null };
  formOpen = false;
  view().replaceChildren(el('p', { class: 'm-muted' }, '…'));
  await load(app, id);
}

async function load(app, id) {
  try {
    const [incident, loop] = await Promise.all([get(`/api/incidents/${id}`), get(`/api/incidents/${id}/timeline`)]);
    await kv.set(`case:${id}`, { incident, loop });
    // A form opened while this was loading stays: what the member types is never redrawn away.
    if (formOpen || current?.id !== id) return;
    render(app, incident, loop, false);
  } catch (e) {
    const cached = await kv.get(`case:${id}`);
    if (cached && e instanceof OfflineError) {
      render(app, cached.incident, cached.loop, true);
    } else {
      view().replaceChildren(backButton(), el('p', { class: 'm-message' }, e instanceof OfflineError ? t('m.needNetwork', { what: t('m.case', { number: id }) }) : e.message));
    }
  }
}

/** A live change of the case on screen: its state is reloaded unless a form is being filled in. */
export function caseChanged(app, change) {
  // The member's own actions are shown by their answer already; a reload would only replace the
  // buttons under their thumb.
  if (app.view === 'case' && current && change.incidentId === current.id && !formOpen && change.actor !== app.me?.username) {
    load(app, current.id);
  }
}

function backButton() {
  return el('button', { type: 'button', class: 'm-button m-secondary', onclick: () => (history.length > 1 ? history.back() : (window.location.hash = 'tasks')) }, t('m.back'));
}

function actorName(app, event) {
  if (event.actor === app.me?.username) return `${app.me.displayName ?? event.actor}（${currentIsZh() ? '我' : 'me'}）`;
  return `${ROLE_NAMES[event.actorRole] ?? ''} ${event.actor ?? ''}`.trim();
}
const currentIsZh = () => document.documentElement.lang.startsWith('zh');

function detailWords(event) {
  let detail = {};
  try { detail = event.detail ? JSON.parse(event.detail) : {}; } catch { return [event.detail]; }
  const words = [];
  if (detail.assigneeName) words.push(`→ ${detail.assigneeName}`);
  if (detail.note) words.push(`${t('m.note')}：${detail.note}`);
  if (detail.dueAt) words.push(`${t('m.deadline')}：${formatDateTime(detail.dueAt)}`);
  if (detail.level) words.push(`${t('m.level')}：${t(`m.level.${detail.level}`)}`);
  if (detail.satisfaction) words.push(`${t('m.satisfaction')}：${detail.satisfaction}`);
  if (detail.into) words.push(`→ ${detail.into}`);
  if (detail.late || event.late) words.push(currentIsZh() ? '迟报（离线后补发）' : 'late (sent after being offline)');
  return words;
}

function photoUrl(p) { return typeof p === 'string' ? p : p?.url; }

function photoStrip(list) {
  return el('div', { class: 'm-photos' }, list.map((p, i) => {
    const url = photoUrl(p);
    const flags = typeof p === 'object' && p?.flags?.length ? p.flags : [];
    return el('span', { class: 'm-photo' },
      el('button', { type: 'button', 'aria-label': `${t('m.photos')} ${i + 1}`, onclick: () => enlarge(url) },
        el('img', { src: url, alt: '', loading: 'lazy' })),
      flags.map((f) => el('span', { class: 'm-flag', dataset: { flag: f } }, flagName(f))));
  }));
}

function flagName(flag) {
  const zh = { TAKEN_BEFORE_DISPATCH: '拍摄早于派遣', FAR_FROM_CASE: '拍摄地点远离案件' };
  const en = { TAKEN_BEFORE_DISPATCH: 'taken before dispatch', FAR_FROM_CASE: 'taken far from the case' };
  return (currentIsZh() ? zh : en)[flag] ?? flag;
}

function enlarge(url) {
  const box = document.getElementById('m-lightbox');
  document.getElementById('m-lightbox-img').src = url;
  box.hidden = false;
  box.onclick = () => { box.hidden = true; };
}

function render(app, incident, loop, stale) {
  current.view = incident;
  current.loop = loop;
  const allowed = (loop.allowedActions ?? []).filter((a) => PHONE_ACTIONS.includes(a));
  const stage = { stageDueAt: incident.loop?.stageDueAt, urgeLevel: incident.loop?.urgeLevel };
  const info = app.caseInfo.get(incident.id);
  const actions = el('div', { class: 'm-actions', id: 'case-actions' },
    allowed.length ? allowed.map((a) => el('button', {
      type: 'button', class: `m-button ${a === 'RETURN' || a === 'ESCALATE' || a === 'EXTEND' ? 'm-secondary' : 'm-primary'}`,
      dataset: { action: a }, onclick: () => openForm(app, a),
    }, actionName(a))) : el('p', { class: 'm-muted' }, t('m.noActions')));
  const formSlot = el('div', { id: 'case-form' });
  const events = el('ol', { class: 'm-timeline' }, (loop.events ?? []).map((e) => el('li', {},
    el('time', { datetime: e.at }, formatDateTime(e.at)),
    el('strong', {}, actorName(app, e)), ' ', actionName(e.action),
    e.to && e.from !== e.to ? ` → ${t(`status.${e.to}`)}` : '',
    e.reason ? el('div', {}, `${t('m.reason')}：${e.reason}`) : null,
    detailWords(e).map((w) => el('div', {}, w)),
    e.photos?.length ? photoStrip(e.photos) : null)));
  const mapBox = el('div', { class: 'm-small-map', id: 'case-map' });
  view().replaceChildren(...[
    backButton(),
    el('h2', {}, t('m.case', { number: incident.number })),
    stale ? el('p', { class: 'm-muted', id: 'case-stale' }, currentIsZh() ? '离线：显示的是上次保存的内容' : 'Offline: as last saved') : null,
    el('div', { class: 'm-state', dataset: { clock: clockOf(stage), status: incident.status }, id: 'case-state' },
      el('div', { class: 'm-big' }, `${t(`status.${incident.status}`)} · ${incident.status === 'CLOSED' ? '' : timeLeft(stage.stageDueAt)}`),
      el('div', {}, incident.category?.name ?? '')),
    el('h3', {}, t('m.actions')), actions, formSlot,
    el('h3', {}, t('m.facts')),
    el('dl', { class: 'm-facts' },
      el('dt', {}, t('m.category')), el('dd', {}, incident.category?.name ?? ''),
      el('dt', {}, t('m.risk')), el('dd', {}, t(`risk.${incident.risk}`)),
      el('dt', {}, t('m.address')), el('dd', {}, info?.address ?? incident.grid?.code ?? ''),
      el('dt', {}, t('m.reportedAt')), el('dd', {}, formatDateTime(incident.reportedAt)),
      el('dt', {}, t('m.deadline')), el('dd', {}, formatDateTime(incident.dueAt)),
      incident.assignee ? [el('dt', {}, t('m.handler')), el('dd', {}, incident.assignee.name)] : null,
      el('dt', {}, t('m.description')), el('dd', {}, incident.description ?? '')),
    incident.photos?.length ? [el('h3', {}, t('m.photos')), photoStrip(incident.photos)] : null,
    mapBox,
    el('a', { class: 'm-button m-secondary m-wide', href: `geo:${incident.lat},${incident.lon}?q=${incident.lat},${incident.lon}`, id: 'case-navigate' }, t('m.navigate')),
    el('h3', {}, t('m.timeline')), events].flat().filter(Boolean));
  drawSmallMap(mapBox, incident);
}

async function drawSmallMap(box, incident) {
  smallMap?.remove();
  smallMap = L.map(box, { zoomControl: false, attributionControl: false, dragging: true }).setView([incident.lat, incident.lon], 17);
  (await basemapLayers()).forEach((layer) => layer.addTo(smallMap));
  L.marker([incident.lat, incident.lon], { icon: L.divIcon({ className: '', html: '<div class="m-case-dot"></div>', iconSize: [22, 22] }) }).addTo(smallMap);
}

function openForm(app, action) {
  const fields = FORMS[action] ?? [];
  const slot = document.getElementById('case-form');
  if (!fields.length) {
    send(app, action, {}, []);
    return;
  }
  formOpen = true;
  const message = el('p', { class: 'm-message', role: 'alert' });
  const picker = fields.includes('photos') ? photoPicker({ id: 'handle-photos' }) : null;
  const inputs = {};
  const parts = [];
  for (const f of fields) {
    const name = f.replace('?', '');
    if (name === 'note') {
      inputs.note = el('textarea', { id: 'form-note', name: 'note' });
      parts.push(el('label', { for: 'form-note' }, t('m.note')), inputs.note);
    } else if (name === 'reason') {
      inputs.reason = el('textarea', { id: 'form-reason', name: 'reason' });
      parts.push(el('label', { for: 'form-reason' }, t('m.reason')), inputs.reason);
    } else if (name === 'dueAt') {
      inputs.dueAt = el('input', { id: 'form-due', type: 'datetime-local', name: 'dueAt' });
      parts.push(el('label', { for: 'form-due' }, t('m.newDueAt')), inputs.dueAt);
    } else if (name === 'level') {
      inputs.level = el('select', { id: 'form-level', name: 'level' }, ['COMMUNITY', 'STREET', 'DISTRICT', 'CITY'].map((l) => el('option', { value: l }, t(`m.level.${l}`))));
      parts.push(el('label', { for: 'form-level' }, t('m.level')), inputs.level);
    } else if (name === 'satisfaction') {
      inputs.satisfaction = el('select', { id: 'form-satisfaction' }, [5, 4, 3, 2, 1].map((n) => el('option', { value: String(n) }, String(n))));
      parts.push(el('label', { for: 'form-satisfaction' }, t('m.satisfaction')), inputs.satisfaction);
    } else if (name === 'photos') {
      parts.push(el('label', {}, t('m.photos')), picker.element);
    }
  }
  const form = el('form', { class: 'm-form m-action-form', id: 'action-form', dataset: { action } },
    el('h3', {}, actionName(action)), message, parts,
    el('div', { class: 'm-actions' },
      el('button', { type: 'submit', class: 'm-button m-primary', id: 'action-submit' }, t('m.send')),
      el('button', { type: 'button', class: 'm-button m-secondary', onclick: () => { formOpen = false; slot.replaceChildren(); } }, t('m.cancel'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    if (inputs.note?.value.trim()) body.note = inputs.note.value.trim();
    if (inputs.reason) body.reason = inputs.reason.value.trim();
    if (inputs.level) body.level = inputs.level.value;
    if (inputs.satisfaction) body.satisfaction = Number(inputs.satisfaction.value);
    if (inputs.dueAt?.value) body.dueAt = new Date(inputs.dueAt.value).toISOString();
    if (fields.includes('note') && !body.note) { message.textContent = t('m.err.needNote'); return; }
    if (fields.includes('reason') && !body.reason) { message.textContent = t('m.err.needReason'); return; }
    if (fields.includes('dueAt') && !body.dueAt) { message.textContent = t('m.err.needDueAt'); return; }
    const submitButton = document.getElementById('action-submit');
    submitButton.disabled = true;
    await picker?.busy();
    await send(app, action, body, picker ? picker.photos() : []);
    submitButton.disabled = false;
  });
  slot.replaceChildren(form);
  form.scrollIntoView({ block: 'start' });
}

async function send(app, action, body, photos) {
  const incident = current.view;
  const outcome = await submit({
    kind: 'action', label: actionName(action), incidentId: incident.id, number: incident.number,
    body: { action, ...body }, photos,
  });
  formOpen = false;
  if (outcome.sent) {
    const loop = outcome.answer;
    app.notice(t('m.done', { action: actionName(action), number: incident.number, status: t(`status.${loop?.status}`) }));
    app.refreshTasks();
    await load(app, incident.id);
  } else if (outcome.item.state === 'pending') {
    app.notice(t('m.queued', { what: `${actionName(action)}（${incident.number}）` }), 'warn');
    document.getElementById('case-form')?.replaceChildren();
  } else {
    // A conflict or a refusal: the outbox's notice says why; show the case as it is now.
    await load(app, incident.id);
  }
}
