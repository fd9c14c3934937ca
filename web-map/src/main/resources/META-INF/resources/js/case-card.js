// The case card: what the case is, where, who handles it, its clock, photos, team and timeline,
// and a button for each action the signed-in user's role allows in the case's state (the server's
// timeline answer lists them; the server checks again on every action).
import { act, area, departments, incident, incidents, timeline } from './api.js';
import { t, formatDateTime, formatNumber, hasMessage, addMessages } from './i18n.js';
import { caseColour } from './case-layer.js';
import { el, fill } from './dom.js';
import { answerLines } from './category-picker.js';
import { wallButton } from './screens.js';
import { actorText, reasonText, detailText } from './timeline-text.js';

addMessages({
  zh: {
    'clock.overdue': '超期 {days} 天',
    'clock.overdueToday': '已超期',
    'clock.finished': '已结束',
    'card.currentHandler': '当前处置人',
    'card.duplicates': '可能重复的案件',
    'card.duplicatesNone': '附近近期没有同类未办结案件',
    'card.duplicateOpen': '打开案件 {number}',
    'form.intoNumber': '或输入原案件编号（13 位）',
    'form.intoPick': '选择原案件',
    'form.intoNone': '无法合并：请在下方输入原案件编号',
    'form.intoUnknown': '找不到案件 {number}（请核对编号，须为辖区内未办结的案件）',
    'form.intoMissing': '请选择原案件或输入其编号',
  },
  en: {
    'clock.overdue': '{days} days overdue',
    'clock.overdueToday': 'Overdue',
    'clock.finished': 'Finished',
    'card.currentHandler': 'current handler',
    'card.duplicates': 'Possible duplicates',
    'card.duplicatesNone': 'No open case of this category nearby and recent',
    'card.duplicateOpen': 'Open case {number}',
    'form.intoNumber': 'or type the original\'s case number (13 digits)',
    'form.intoPick': 'Pick the original',
    'form.intoNone': 'No possible duplicate: type the original\'s number below',
    'form.intoUnknown': 'No case {number} (check the number: an open case in your jurisdiction)',
    'form.intoMissing': 'Pick the original case or type its number',
  },
});

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
/** Code → name of the departments (a code with no department stays as it is). */
async function departmentNames() {
  const list = await departmentsOnce();
  const byCode = new Map(list.map((d) => [d.code, d.name]));
  return (code) => (code == null ? null : byCode.get(code) ?? code);
}

/**
 * The clock of a case in the colour of its marker (caseColour): finished, overdue (how many days),
 * red or yellow urging, else on time. `overdue` is an open case past its deadline, as on the map.
 */
export function clockOf(view, now = Date.now()) {
  const due = view.dueAt ? Date.parse(view.dueAt) : null;
  const overdue = due != null && due < now && !view.closedAt;
  const colour = caseColour({ status: view.status, urgeLevel: view.loop?.urgeLevel ?? 0, overdue });
  if (colour === 'finished') return { colour, text: t('clock.finished') };
  if (overdue) {
    const days = Math.floor((now - due) / 86_400_000);
    return { colour: 'red', text: days >= 1 ? t('clock.overdue', { days }) : t('clock.overdueToday') };
  }
  if (colour === 'red') return { colour, text: t('urge.2') };
  if (colour === 'yellow') return { colour, text: t('urge.1') };
  return { colour, text: t('urge.0') };
}

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
      team.forEach((m) => {
        const current = view.assignee?.code === m.code;
        input.append(el('option', { value: m.code, dataset: current ? { current: 'true' } : {} },
          `${label('memberRole', m.role)} ${m.name}${m.onDuty ? '' : ` (${t('card.offDuty')})`}${current ? ` ・${t('card.currentHandler')}` : ''}`));
      });
      break;
    }
    case 'department': {
      input = el('select', { id, name });
      input.append(el('option', { value: '' }, t('form.none')));
      (await departmentsOnce()).forEach((d) => {
        const current = view.departmentCode === d.code;
        input.append(el('option', { value: d.code, dataset: current ? { current: 'true' } : {} },
          `${d.name}${current ? ` ・${t('card.currentHandler')}` : ''}`));
      });
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
    case 'intoId': {
      // The original is picked from the case's possible duplicates, or named by its case number.
      const duplicates = view.possibleDuplicates ?? [];
      input = el('select', { id, name });
      input.append(el('option', { value: '' }, duplicates.length ? t('form.intoPick') : t('form.intoNone')));
      duplicates.forEach((d) => input.append(el('option', { value: d.id },
        `${d.number} · ${distanceText(d.distanceMetres)} · ${label('status', d.status)}`)));
      if (duplicates.length) input.value = String(duplicates[0].id);
      const number = el('input', { id: 'action-intoNumber', name: 'intoNumber', type: 'text', inputmode: 'numeric', pattern: '\\d{13}', maxlength: 13 });
      return [el('label', { class: 'field', for: id }, el('span', {}, t('form.intoId')), input),
        el('label', { class: 'field', for: 'action-intoNumber' }, el('span', {}, t('form.intoNumber')), number)];
    }
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
      body.intoNumber = value('intoNumber');
      body.reason = value('reason');
      break;
    default:
      body.reason = value('reason');
      body.note = value('note');
  }
  return body;
}

const drawRequests = new WeakMap(); // container → number of the last request to draw it

/**
 * Shows case `id` in `container`. `onActed(view)` is called after a successful action,
 * `onZoom(view)` when the user asks to see it on the map, `onClose()` when the card is closed.
 */
export async function showCaseCard(container, id, { onActed = () => {}, onZoom = () => {}, onClose = () => {}, onOpenCase = () => {}, tools = () => [] } = {}) {
  container.hidden = false;
  if (container.dataset.caseId !== String(id)) {
    // Another case: say it is loading. The same case (a live change) stays readable meanwhile.
    container.replaceChildren(el('p', { class: 'card-loading' }, t('card.loading')));
    delete container.dataset.status;
    container.dataset.caseId = String(id);
  }
  // Live changes can ask for the same card twice in a row: only the last request draws (an older
  // answer arriving late must not overwrite a newer one).
  const ticket = (drawRequests.get(container) ?? 0) + 1;
  drawRequests.set(container, ticket);
  const [view, loop] = await Promise.all([incident(id), timeline(id)]);
  const [gridArea, departmentName] = await Promise.all([
    view.grid?.code ? area(view.grid.code).catch(() => null) : null,
    departmentNames(),
  ]);
  const team = gridArea?.team ?? [];
  if (container.dataset.caseId !== String(id) || drawRequests.get(container) !== ticket) {
    return; // another card (or a newer state of this one) was asked for meanwhile
  }
  render(container, view, loop, team, { onActed, onZoom, onClose, onOpenCase, tools, departmentName, gridName: gridArea?.name ?? null });
}

function render(container, view, loop, team, callbacks) {
  const { departmentName } = callbacks;
  const clock = clockOf(view);
  const colour = clock.colour;
  const header = el('header', { class: 'card-head' },
    el('h2', {}, el('span', { class: `swatch swatch-${colour}` }), view.number),
    el('button', { type: 'button', class: 'card-close', 'aria-label': t('card.close'), title: t('card.close'), onclick: callbacks.onClose }, '×'));
  const facts = el('dl', { class: 'facts' },
    row('card.category', view.category?.name ?? view.category?.code),
    row('card.status', el('span', { class: `status status-${view.status}` }, label('status', view.status))),
    row('card.risk', el('span', { class: `risk risk-${view.risk}` }, label('risk', view.risk))),
    row('card.source', label('source', view.source)),
    // The grid as its leader says it (湖滨社区第01网格), its code beside it for the record.
    row('card.grid', view.grid?.code && callbacks.gridName
      ? [callbacks.gridName, el('span', { class: 'muted code' }, ` ${view.grid.code}`)]
      : (view.grid?.code ?? view.areaCode)),
    row('card.assignee', view.assignee ? `${view.assignee.name}（${label('memberRole', view.assignee.role)}）` : null),
    row('card.department', departmentName(view.departmentCode)),
    row('card.reported', formatDateTime(view.reportedAt)),
    row('card.due', formatDateTime(view.dueAt)),
    row('card.stageDue', view.loop?.stageDueAt ? formatDateTime(view.loop.stageDueAt) : null),
    row('card.clock', el('span', { class: `clock clock-${clock.colour}` }, clock.text)),
    row('card.owner', view.loop?.ownerLevel ? label('level', view.loop.ownerLevel) : null),
    row('card.reporter', [view.reporterName, view.reporterPhone].filter(Boolean).join(' ') || null));
  const description = el('p', { class: 'description' }, view.description ?? '');
  // The reporter's answers to the item's extra questions (anyone hurt? how many people?).
  const answered = answerLines(view.answers);
  const answers = answered.length === 0 ? null : el('dl', { class: 'facts answers', id: 'case-answers' },
    answered.map((a) => [el('dt', { dataset: { question: a.code } }, a.question), el('dd', {}, a.answer)]));

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
      const body = form ? requestBody(action, form) : { action };
      if (action === 'MERGE') {
        const typed = body.intoNumber;
        delete body.intoNumber;
        if (typed) {
          const found = (await incidents({ number: typed, size: 1 })).items?.[0];
          if (!found) throw Object.assign(new Error(t('form.intoUnknown', { number: typed })), { field: 'intoNumber' });
          body.intoId = found.id;
        }
        if (!body.intoId) throw Object.assign(new Error(t('form.intoMissing')), { field: 'intoId' });
      }
      await act(view.id, body);
      message.textContent = t('form.done', { action: actionLabel(action, view.status) });
      const [nextView, nextLoop] = await Promise.all([incident(view.id), timeline(view.id)]);
      render(container, nextView, nextLoop, team, callbacks);
      container.querySelector('.action-message').textContent = t('form.done', { action: actionLabel(action, view.status) });
      callbacks.onActed(nextView);
    } catch (error) {
      if (submitButton) submitButton.disabled = false;
      message.className = 'action-message error';
      message.textContent = error.field && !hasMessage(`form.${error.field}`) ? `${error.field}: ${error.message}` : error.message;
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
      form.append(...[await fieldFor(name, action, view, team)].flat());
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

  const names = { memberName: (code) => team.find((m) => m.code === code)?.name ?? null, departmentName };
  const events = el('ol', { class: 'timeline' }, loop.events.map((e) => {
    const reason = reasonText(e, departmentName);
    const detail = detailText(e, names);
    return el('li', { dataset: { action: e.action } },
      el('time', { datetime: e.at }, formatDateTime(e.at)), ' ',
      el('strong', {}, label('action', e.action)), ' ',
      e.actor ? el('span', { class: 'actor' }, actorText(e)) : null,
      e.to && e.to !== e.from ? el('span', { class: 'muted' }, ` → ${label('status', e.to)}`) : null,
      reason ? el('div', { class: 'reason' }, reason) : null,
      detail ? el('div', { class: 'detail muted' }, detail) : null,
      offlineNote(e),
      (e.photos ?? []).length ? el('div', { class: 'timeline-photos' }, e.photos.map(timelinePhoto)) : null);
  }));

  // Open cases of the same category reported nearby shortly before this one: the originals it may
  // be merged into. Each opens its own card.
  const duplicates = view.status === 'CANCELLED' || view.possibleDuplicates == null ? null
    : el('section', { class: 'duplicates' }, el('h3', {}, t('card.duplicates')),
      view.possibleDuplicates.length === 0 ? el('p', { class: 'muted' }, t('card.duplicatesNone'))
        : el('ul', {}, view.possibleDuplicates.map((d) => el('li', {},
          el('button', { type: 'button', class: 'link', title: t('card.duplicateOpen', { number: d.number }), onclick: () => callbacks.onOpenCase(d.id) }, d.number),
          ` · ${distanceText(d.distanceMetres)} · ${view.category?.name ?? ''} · `,
          el('span', { class: `status status-${d.status}` }, label('status', d.status)),
          el('span', { class: 'muted' }, ` · ${formatDateTime(d.reportedAt)}`)))));

  // The tools row: "zoom to" and whatever the page adds (callbacks.tools(view) → buttons).
  const tools = el('div', { class: 'card-tools' },
    el('button', { type: 'button', onclick: () => callbacks.onZoom(view) }, t('card.zoomTo')),
    wallButton({ kind: 'CASE', caseNumber: view.number }),
    callbacks.tools(view));

  fill(container,
    header, tools,
    facts, description, answers, actions, duplicates, photos, teamSection,
    el('section', {}, el('h3', {}, t('card.timeline')), events));
  container.dataset.status = view.status;
}
