// The case card: what the case is, where, who handles it, its clock, photos, team and timeline,
// and a button for each action the signed-in user's role allows in the case's state (the server's
// timeline answer lists them; the server checks again on every action).
import { act, area, departments, incident, timeline } from './api.js';
import { t, formatDateTime, formatNumber, hasMessage } from './i18n.js';
import { caseColour } from './case-layer.js';
import { el } from './dom.js';
import { wallButton } from './screens.js';

/** The fields each action asks for (see the server's CaseActionRequest). */
const ACTION_FIELDS = {
  DISPATCH: ['assignee', 'department'],
  HANDLE: ['note'],
  FOLLOW_UP: ['satisfaction', 'note'],
  RETURN: ['reason'],
  REOPEN: ['reason'],
  CANCEL: ['reason'],
  ESCALATE: ['level', 'reason'],
  EXTEND: ['dueAt', 'reason'],
  WHISTLE: ['departments'],
  WHISTLE_DONE: ['note'],
  MERGE: ['intoId', 'reason'],
  URGE: ['note'],
};
const REQUIRED = new Set(['note:HANDLE', 'note:WHISTLE_DONE', 'reason:RETURN', 'reason:REOPEN', 'reason:CANCEL',
  'reason:ESCALATE', 'reason:EXTEND', 'level:ESCALATE', 'dueAt:EXTEND', 'satisfaction:FOLLOW_UP',
  'departments:WHISTLE', 'intoId:MERGE']);
const LEVELS = ['COMMUNITY', 'STREET', 'DISTRICT', 'CITY'];

let departmentList = null;
const departmentsOnce = () => {
  departmentList ??= departments().catch(() => []);
  return departmentList;
};

const label = (prefix, value) => (value == null ? '–' : hasMessage(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : value);

function row(term, value) {
  return [el('dt', {}, t(term)), el('dd', {}, value ?? '–')];
}

/** A distance in metres as people say it: '350 m', '1.2 km'. */
export function distanceText(metres) {
  return metres >= 1000 ? `${formatNumber(metres / 1000, { maximumFractionDigits: 1 })} km` : `${formatNumber(Math.round(metres))} m`;
}

/**
 * A timeline photo with what it says about itself and, in plain words, the checks it failed
 * (taken before dispatch, far from the case), for whoever verifies the feedback.
 */
function timelinePhoto(photo) {
  const source = (s) => (s === 'EXIF' ? t('photo.fromFile') : s === 'CLIENT' ? t('photo.fromPhone') : '');
  const facts = photo.takenAt
    ? `${t('photo.takenAt', { time: formatDateTime(photo.takenAt) })}${source(photo.takenAtSource)}`
    : photo.lon == null ? t('photo.noFacts') : null;
  const flags = (photo.flags ?? []).map((flag) => el('span', { class: 'photo-flag', dataset: { flag } },
    flag === 'FAR_FROM_CASE' ? t('photo.FAR_FROM_CASE', { distance: distanceText(photo.distanceMetres ?? 0) }) : label('photo', flag)));
  return el('figure', { class: `timeline-photo${flags.length ? ' flagged' : ''}` },
    el('a', { href: photo.url, target: '_blank', rel: 'noopener' }, el('img', { src: photo.url, alt: facts ?? '', loading: 'lazy' })),
    el('figcaption', {}, facts ? el('span', { class: 'muted' }, facts) : null, flags));
}

/** 'Made offline at …' (and how late it arrived) for an entry queued on a phone. */
function offlineNote(event) {
  if (!event.observedAt) return null;
  const time = formatDateTime(event.observedAt);
  const days = Math.floor((Date.parse(event.at) - Date.parse(event.observedAt)) / 86_400_000);
  return el('div', { class: `offline-note${event.late ? ' late' : ''}` },
    event.late ? t('timeline.late', { time, days }) : t('timeline.offline', { time }));
}

function actionLabel(action, status) {
  if (action === 'DISPATCH' && status !== 'REPORTED') {
    return t('action.REASSIGN');
  }
  return label('action', action);
}

async function fieldFor(name, action, view, team) {
  const required = REQUIRED.has(`${name}:${action}`);
  const id = `action-${name}`;
  let input;
  switch (name) {
    case 'assignee': {
      input = el('select', { id, name });
      input.append(el('option', { value: '' }, t('form.none')));
      team.forEach((m) => input.append(el('option', { value: m.code }, `${label('memberRole', m.role)} ${m.name}${m.onDuty ? '' : ` (${t('card.offDuty')})`}`)));
      break;
    }
    case 'department': {
      input = el('select', { id, name });
      input.append(el('option', { value: '' }, t('form.none')));
      (await departmentsOnce()).forEach((d) => input.append(el('option', { value: d.code }, d.name)));
      break;
    }
    case 'departments': {
      input = el('select', { id, name, multiple: true, size: 4, required });
      (await departmentsOnce()).forEach((d) => input.append(el('option', { value: d.code }, d.name)));
      break;
    }
    case 'level': {
      input = el('select', { id, name, required });
      LEVELS.forEach((level) => input.append(el('option', { value: level }, label('level', level))));
      break;
    }
    case 'satisfaction':
      input = el('input', { id, name, type: 'number', min: 1, max: 5, step: 1, required });
      break;
    case 'dueAt':
      input = el('input', { id, name, type: 'datetime-local', required });
      break;
    case 'intoId':
      input = el('input', { id, name, type: 'number', min: 1, required });
      break;
    default:
      input = el('textarea', { id, name, rows: 2, required, maxlength: 2000 });
  }
  const key = name === 'assignee' ? 'form.assignee' : name === 'department' ? 'form.department' : `form.${name}`;
  return el('label', { class: 'field', for: id }, el('span', {}, t(key)), input);
}

function requestBody(action, form) {
  const value = (name) => form.elements.namedItem(name)?.value?.trim() || undefined;
  const body = { action };
  switch (action) {
    case 'DISPATCH':
      body.assigneeCode = value('assignee');
      body.departmentCode = value('department');
      break;
    case 'FOLLOW_UP':
      body.satisfaction = value('satisfaction') ? Number(value('satisfaction')) : undefined;
      body.note = value('note');
      break;
    case 'ESCALATE':
      body.level = value('level');
      body.reason = value('reason');
      break;
    case 'EXTEND':
      // datetime-local is the city's local time (UTC+8).
      body.dueAt = value('dueAt') ? new Date(`${value('dueAt')}:00+08:00`).toISOString() : undefined;
      body.reason = value('reason');
      break;
    case 'WHISTLE':
      body.departmentCodes = [...form.elements.namedItem('departments').selectedOptions].map((o) => o.value);
      break;
    case 'MERGE':
      body.intoId = value('intoId') ? Number(value('intoId')) : undefined;
      body.reason = value('reason');
      break;
    default:
      body.reason = value('reason');
      body.note = value('note');
  }
  return body;
}

/**
 * Shows case `id` in `container`. `onActed(view)` is called after a successful action,
 * `onZoom(view)` when the user asks to see it on the map, `onClose()` when the card is closed.
 */
export async function showCaseCard(container, id, { onActed = () => {}, onZoom = () => {}, onClose = () => {} } = {}) {
  container.hidden = false;
  if (container.dataset.caseId !== String(id)) {
    // Another case: say it is loading. The same case (a live change) stays readable meanwhile.
    container.replaceChildren(el('p', { class: 'card-loading' }, t('card.loading')));
    delete container.dataset.status;
    container.dataset.caseId = String(id);
  }
  const [view, loop] = await Promise.all([incident(id), timeline(id)]);
  const team = view.grid?.code ? (await area(view.grid.code).catch(() => ({ team: [] }))).team ?? [] : [];
  if (container.dataset.caseId !== String(id)) {
    return; // another card was asked for meanwhile
  }
  render(container, view, loop, team, { onActed, onZoom, onClose });
}

function render(container, view, loop, team, callbacks) {
  const colour = caseColour({ status: view.status, urgeLevel: view.loop?.urgeLevel ?? 0,
    overdue: view.dueAt && Date.parse(view.dueAt) < Date.now() && !view.closedAt });
  const header = el('header', { class: 'card-head' },
    el('h2', {}, el('span', { class: `swatch swatch-${colour}` }), view.number),
    el('button', { type: 'button', class: 'card-close', 'aria-label': t('card.close'), title: t('card.close'), onclick: callbacks.onClose }, '×'));
  const facts = el('dl', { class: 'facts' },
    row('card.category', view.category?.name ?? view.category?.code),
    row('card.status', el('span', { class: `status status-${view.status}` }, label('status', view.status))),
    row('card.risk', el('span', { class: `risk risk-${view.risk}` }, label('risk', view.risk))),
    row('card.source', label('source', view.source)),
    row('card.grid', view.grid?.code ?? view.areaCode),
    row('card.assignee', view.assignee ? `${view.assignee.name}（${label('memberRole', view.assignee.role)}）` : null),
    row('card.department', view.departmentCode),
    row('card.reported', formatDateTime(view.reportedAt)),
    row('card.due', formatDateTime(view.dueAt)),
    row('card.stageDue', view.loop?.stageDueAt ? formatDateTime(view.loop.stageDueAt) : null),
    row('card.clock', el('span', { class: `clock clock-${view.loop?.urgeLevel ?? 0}` }, t(`urge.${view.loop?.urgeLevel ?? 0}`))),
    row('card.owner', view.loop?.ownerLevel ? label('level', view.loop.ownerLevel) : null),
    row('card.reporter', [view.reporterName, view.reporterPhone].filter(Boolean).join(' ') || null));
  const description = el('p', { class: 'description' }, view.description ?? '');

  const photos = (view.photos ?? []).length === 0 ? null : el('section', { class: 'photos' },
    el('h3', {}, t('card.photos')),
    el('div', { class: 'photo-strip' }, view.photos.map((p) => el('a', { href: p.url, target: '_blank', rel: 'noopener' },
      el('img', { src: p.url, alt: `${view.number} ${p.id}`, loading: 'lazy' })))));

  const teamSection = el('section', { class: 'team' }, el('h3', {}, t('card.team')),
    team.length === 0 ? el('p', { class: 'warn' }, t('card.noTeam'))
      : el('ul', {}, team.map((m) => el('li', {}, `${label('memberRole', m.role)} ${m.name} `,
        el('span', { class: m.onDuty ? 'duty' : 'off' }, m.onDuty ? t('card.onDuty') : t('card.offDuty')), ` ${m.phone ?? ''}`))));

  const actions = el('section', { class: 'actions', 'aria-label': t('card.actions') }, el('h3', {}, t('card.actions')));
  const formSlot = el('div', { class: 'action-form-slot' });
  const message = el('p', { class: 'action-message', role: 'status', 'aria-live': 'polite' });
  if (loop.allowedActions.length === 0) {
    actions.append(el('p', { class: 'muted' }, t('card.noActions')));
  }
  const buttons = el('div', { class: 'action-buttons' });
  loop.allowedActions.forEach((action) => {
    buttons.append(el('button', {
      type: 'button',
      class: `action action-${action}`,
      dataset: { action },
      onclick: () => openForm(action),
    }, actionLabel(action, view.status)));
  });
  actions.append(buttons, formSlot, message);

  async function submit(action, form) {
    const submitButton = form?.querySelector('button[type=submit]');
    if (submitButton) submitButton.disabled = true;
    message.className = 'action-message';
    message.textContent = '';
    try {
      await act(view.id, form ? requestBody(action, form) : { action });
      message.textContent = t('form.done', { action: actionLabel(action, view.status) });
      const [nextView, nextLoop] = await Promise.all([incident(view.id), timeline(view.id)]);
      render(container, nextView, nextLoop, team, callbacks);
      container.querySelector('.action-message').textContent = t('form.done', { action: actionLabel(action, view.status) });
      callbacks.onActed(nextView);
    } catch (error) {
      if (submitButton) submitButton.disabled = false;
      message.className = 'action-message error';
      message.textContent = error.field ? `${error.field}: ${error.message}` : error.message;
      if (error.field && form?.elements.namedItem(error.field === 'assigneeCode' ? 'assignee' : error.field)) {
        form.elements.namedItem(error.field === 'assigneeCode' ? 'assignee' : error.field).focus();
      }
    }
  }

  async function openForm(action) {
    const fields = ACTION_FIELDS[action];
    formSlot.replaceChildren();
    if (!fields) {
      await submit(action, null);
      return;
    }
    const form = el('form', { class: 'action-form', dataset: { action } },
      el('h4', {}, actionLabel(action, view.status)));
    for (const name of fields) {
      form.append(await fieldFor(name, action, view, team));
    }
    form.append(el('div', { class: 'form-buttons' },
      el('button', { type: 'submit', class: 'primary' }, t('form.submit')),
      el('button', { type: 'button', onclick: () => formSlot.replaceChildren() }, t('form.cancel'))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit(action, form);
    });
    formSlot.append(form);
    form.querySelector('input, select, textarea')?.focus();
  }

  const events = el('ol', { class: 'timeline' }, loop.events.map((e) => el('li', {},
    el('time', { datetime: e.at }, formatDateTime(e.at)), ' ',
    el('strong', {}, label('action', e.action)), ' ',
    e.actor ? el('span', { class: 'actor' }, e.actor) : null,
    e.to ? el('span', { class: 'muted' }, ` → ${label('status', e.to)}`) : null,
    e.reason ? el('div', { class: 'reason' }, e.reason) : null,
    e.detail ? el('div', { class: 'detail muted' }, e.detail) : null,
    offlineNote(e),
    (e.photos ?? []).length ? el('div', { class: 'timeline-photos' }, e.photos.map(timelinePhoto)) : null)));

  container.replaceChildren(
    header,
    el('div', { class: 'card-tools' }, el('button', { type: 'button', onclick: () => callbacks.onZoom(view) }, t('card.zoomTo')),
      wallButton({ kind: 'CASE', caseNumber: view.number })),
    facts, description, actions, photos, teamSection,
    el('section', {}, el('h3', {}, t('card.timeline')), events));
  container.dataset.status = view.status;
}
