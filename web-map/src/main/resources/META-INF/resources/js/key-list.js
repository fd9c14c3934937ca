// 重点清单 (the key list): GET /api/key-list?area=CODE — the open high-risk cases of an area not yet
// marked controlled, and those marked (still open) with their mark — as sortable tables. A click on
// a row opens the case's panel: its history (GET /api/key-list/{id}/history: notes and the mark,
// oldest first), a note (POST …/notes, OPERATOR or GRID_LEADER) and the mark controlled (POST
// …/controlled with the note, OPERATOR of the owning centre or above). The case number links to
// the command map (/?case=<number>).
//
// Hooks for the browser test: html[data-ready="true"] once the lists are drawn (again after each
// change); window.wangge = { view, history }.
import { getJson, postJson, ROLE_NAMES } from './api.js';
import { t, addMessages, onLanguageChange, formatDateTime, formatNumber, currentLanguage } from './i18n.js';
import { el } from './dom.js';
import { startPage, showError, fillAreaPicker, sortableTable, isSessionEnded } from './desk-page.js';

addMessages({
  zh: {
    'keyList.title': '重点清单',
    'keyList.open': '未管控的高风险案件',
    'keyList.controlled': '已管控（未办结）',
    'keyList.hint': '高风险且未办结、尚未标为已管控的案件，按上报时间从早到晚。点击一行查看处置记录、添加备注或标为已管控；点击案件编号在指挥地图上打开。',
    'keyList.summary': '{area}：{count} 件高风险案件待管控，其中 {overdue} 件已超时；{controlled} 件已管控未办结。',
    'keyList.count': '{count} 件',
    'keyList.col.number': '案件编号',
    'keyList.col.category': '类别',
    'keyList.col.grid': '网格/区域',
    'keyList.col.status': '状态',
    'keyList.col.owner': '责任中心',
    'keyList.col.reported': '上报时间',
    'keyList.col.due': '处置时限',
    'keyList.col.days': '已持续（天）',
    'keyList.col.controlledAt': '管控时间',
    'keyList.col.controlledBy': '管控人',
    'keyList.col.note': '管控说明',
    'keyList.overdue': '已超时',
    'keyList.onTime': '未超时',
    'keyList.noDue': '无时限',
    'keyList.openOnMap': '在指挥地图上打开 {number}',
    'keyList.close': '关闭',
    'keyList.history': '处置记录',
    'keyList.historyEmpty': '尚无备注或管控记录。',
    'keyList.kind.NOTE': '备注',
    'keyList.kind.CONTROLLED': '标为已管控',
    'keyList.entry': '{kind} · {by} · {at}',
    'keyList.note': '备注 / 管控说明',
    'keyList.notePlaceholder': '写明已采取的措施、责任人、下次回访时间',
    'keyList.addNote': '添加备注',
    'keyList.mark': '标为已管控',
    'keyList.facts': '{category} · {place} · {status} · 责任中心 {owner} · 上报于 {reported}',
    'keyList.controlledFact': '已于 {at} 由 {by} 标为已管控：{note}',
    'keyList.noteRequired': '请填写备注：写明如何管控该风险（已采取的措施、责任人）。',
    'keyList.noteTooLong': '备注最多 1000 字，当前 {length} 字，请精简。',
    'keyList.readOnly': '您的角色（{role}）可查看处置记录；添加备注需指挥中心值班员或网格长，标为已管控需责任中心或上级中心的值班员。',
    'keyList.leaderOnlyNotes': '标为已管控需责任中心或上级中心的值班员；网格长可添加备注。',
    'keyList.saved': '已保存。',
  },
  en: {
    'keyList.title': 'Key list',
    'keyList.open': 'High-risk cases not yet controlled',
    'keyList.controlled': 'Controlled (still open)',
    'keyList.hint': 'Open high-risk cases not yet marked controlled, oldest first. Click a row for its history, to add a note or to mark it controlled; click the case number to open it on the command map.',
    'keyList.summary': '{area}: {count} high-risk cases to control, {overdue} of them overdue; {controlled} controlled but still open.',
    'keyList.count': 'Cases: {count}',
    'keyList.col.number': 'Case',
    'keyList.col.category': 'Category',
    'keyList.col.grid': 'Grid / area',
    'keyList.col.status': 'Status',
    'keyList.col.owner': 'Owning centre',
    'keyList.col.reported': 'Reported',
    'keyList.col.due': 'Deadline',
    'keyList.col.days': 'Days open',
    'keyList.col.controlledAt': 'Controlled at',
    'keyList.col.controlledBy': 'By',
    'keyList.col.note': 'How it is controlled',
    'keyList.overdue': 'Overdue',
    'keyList.onTime': 'On time',
    'keyList.noDue': 'No deadline',
    'keyList.openOnMap': 'Open {number} on the command map',
    'keyList.close': 'Close',
    'keyList.history': 'History',
    'keyList.historyEmpty': 'No notes or marks yet.',
    'keyList.kind.NOTE': 'Note',
    'keyList.kind.CONTROLLED': 'Marked controlled',
    'keyList.entry': '{kind} · {by} · {at}',
    'keyList.note': 'Note / how it is controlled',
    'keyList.notePlaceholder': 'What was done, who is responsible, when it will be checked again',
    'keyList.addNote': 'Add note',
    'keyList.mark': 'Mark controlled',
    'keyList.facts': '{category} · {place} · {status} · owned by {owner} · reported {reported}',
    'keyList.controlledFact': 'Marked controlled at {at} by {by}: {note}',
    'keyList.noteRequired': 'Write a note: how the risk is controlled (measures taken, who is responsible).',
    'keyList.noteTooLong': 'A note has at most 1000 characters; this one has {length}. Shorten it.',
    'keyList.readOnly': 'Your role ({role}) may read the history; notes need an operator or grid leader, and the mark an operator of the owning centre or above.',
    'keyList.leaderOnlyNotes': 'Marking controlled needs an operator of the owning centre or above; grid leaders may add notes.',
    'keyList.saved': 'Saved.',
  },
});

const root = document.documentElement;
const picker = document.getElementById('area-picker');
const panel = document.getElementById('case-panel');
const noteText = document.getElementById('note-text');
const noteError = document.getElementById('note-error');
const state = { user: null, view: null, selected: null, history: null };
const wangge = { view: null, history: null };
window.wangge = wangge;

const place = (c) => c.gridCode || c.areaCode;
const caseLink = (c) => el('a', {
  class: 'case-link',
  href: `/?case=${encodeURIComponent(c.number)}`,
  title: t('keyList.openOnMap', { number: c.number }),
}, c.number);
const dueCell = (c) => (c.dueAt
  ? [formatDateTime(c.dueAt), ' ', el('span', { class: `badge ${c.overdue ? 'badge-overdue' : 'badge-ontime'}` }, t(c.overdue ? 'keyList.overdue' : 'keyList.onTime'))]
  : t('keyList.noDue'));
const select = (c, tr) => openCase(c, tr);

const common = [
  { key: 'number', label: 'keyList.col.number', value: (c) => c.number, cell: caseLink },
  { key: 'category', label: 'keyList.col.category', value: (c) => c.category.name, cell: (c) => c.category.name },
  { key: 'grid', label: 'keyList.col.grid', value: place, cell: place },
  { key: 'status', label: 'keyList.col.status', value: (c) => t(`status.${c.status}`), cell: (c) => t(`status.${c.status}`) },
];
const openTable = sortableTable(document.getElementById('open-cases'), {
  columns: [
    ...common,
    { key: 'owner', label: 'keyList.col.owner', value: (c) => c.owner.name || c.owner.code, cell: (c) => c.owner.name || c.owner.code },
    { key: 'reported', label: 'keyList.col.reported', value: (c) => c.reportedAt, cell: (c) => formatDateTime(c.reportedAt) },
    { key: 'due', label: 'keyList.col.due', value: (c) => c.dueAt, cell: dueCell },
    { key: 'days', label: 'keyList.col.days', numeric: true, value: (c) => c.daysOpen, cell: (c) => formatNumber(c.daysOpen) },
  ],
  rowAttributes: (c) => ({ dataset: { id: c.id, number: c.number }, class: state.selected?.id === c.id ? 'selected' : null }),
  onRow: select,
});
const controlledTable = sortableTable(document.getElementById('controlled-cases'), {
  columns: [
    ...common,
    { key: 'controlledAt', label: 'keyList.col.controlledAt', value: (c) => c.control.controlledAt, cell: (c) => formatDateTime(c.control.controlledAt) },
    { key: 'controlledBy', label: 'keyList.col.controlledBy', value: (c) => c.control.controlledBy, cell: (c) => c.control.controlledBy },
    { key: 'note', label: 'keyList.col.note', value: (c) => c.control.note, cell: (c) => [el('span', { class: 'badge badge-controlled' }, t('keyList.kind.CONTROLLED')), ' ', c.control.note] },
  ],
  rowAttributes: (c) => ({ dataset: { id: c.id, number: c.number }, class: state.selected?.id === c.id ? 'selected' : null }),
  onRow: select,
});

function drawSummary() {
  const view = state.view;
  if (!view) return;
  document.getElementById('summary').textContent = t('keyList.summary', {
    area: view.areaName,
    count: formatNumber(view.count),
    overdue: formatNumber(view.cases.filter((c) => c.overdue).length),
    controlled: formatNumber(view.controlled.length),
  });
  document.getElementById('open-count').textContent = t('keyList.count', { count: formatNumber(view.count) });
  document.getElementById('controlled-count').textContent = t('keyList.count', { count: formatNumber(view.controlled.length) });
}

async function load() {
  root.dataset.ready = 'false';
  try {
    const area = picker.value;
    const view = await getJson(`/api/key-list${area ? `?area=${encodeURIComponent(area)}` : ''}`);
    state.view = view;
    wangge.view = view;
    openTable.setRows(view.cases);
    controlledTable.setRows(view.controlled);
    drawSummary();
    showError(null);
    const url = new URL(window.location.href);
    if (area) url.searchParams.set('area', area);
    window.history.replaceState(null, '', url);
    if (state.selected) {
      const again = [...view.cases, ...view.controlled].find((c) => c.id === state.selected.id);
      if (again) await openCase(again); else closePanel();
    }
  } catch (error) {
    showError(error, { area: 'desk.area' });
  } finally {
    root.dataset.ready = 'true';
  }
}

function closePanel() {
  state.selected = null;
  panel.hidden = true;
  openTable.redraw();
  controlledTable.redraw();
}

function drawPanel() {
  const c = state.selected;
  const history = state.history;
  if (!c) return;
  document.getElementById('panel-title').replaceChildren(caseLink(c));
  document.getElementById('panel-facts').textContent = t('keyList.facts', {
    category: c.category.name,
    place: place(c),
    status: t(`status.${c.status}`),
    owner: c.owner.name || c.owner.code,
    reported: formatDateTime(c.reportedAt),
  });
  const control = document.getElementById('panel-control');
  const mark = history?.control ?? c.control;
  control.hidden = !mark;
  control.textContent = mark ? t('keyList.controlledFact', { at: formatDateTime(mark.controlledAt), by: mark.controlledBy, note: mark.note }) : '';
  const list = document.getElementById('history');
  const entries = history?.entries ?? [];
  list.replaceChildren(...(entries.length
    ? entries.map((e) => el('li', { dataset: { kind: e.kind, id: e.id } },
      el('div', { class: 'when' }, t('keyList.entry', { kind: t(`keyList.kind.${e.kind}`), by: e.by, at: formatDateTime(e.at) })),
      el('div', { class: 'text' }, e.note)))
    : [el('li', { class: 'muted' }, t('keyList.historyEmpty'))]));
  const role = state.user.role;
  const mayNote = role === 'OPERATOR' || role === 'GRID_LEADER';
  const mayMark = role === 'OPERATOR' && !c.control;
  document.getElementById('add-note').hidden = !mayNote;
  document.getElementById('mark-controlled').hidden = !mayMark;
  noteText.hidden = !mayNote;
  document.querySelector('label[for="note-text"]').hidden = !mayNote;
  const roles = document.getElementById('note-roles');
  roles.hidden = role === 'OPERATOR';
  roles.textContent = mayNote ? t('keyList.leaderOnlyNotes') : t('keyList.readOnly', { role: currentLanguage() === 'zh' ? (ROLE_NAMES[role] || role) : role });
}

async function openCase(c) {
  if (state.selected?.id !== c.id) {
    noteText.value = '';
    setNoteError(null);
  }
  state.selected = c;
  state.history = null;
  panel.hidden = false;
  openTable.redraw();
  controlledTable.redraw();
  drawPanel();
  try {
    state.history = await getJson(`/api/key-list/${c.id}/history`);
    wangge.history = state.history;
    drawPanel();
  } catch (error) {
    showError(error);
  }
}

function setNoteError(message) {
  noteError.hidden = !message;
  noteError.textContent = message || '';
  if (message) noteText.setAttribute('aria-invalid', 'true'); else noteText.removeAttribute('aria-invalid');
}

/** The note, or null after naming what is wrong with it. */
function checkedNote() {
  const note = noteText.value.trim();
  if (!note) {
    setNoteError(t('keyList.noteRequired'));
    noteText.focus();
    return null;
  }
  if (note.length > 1000) {
    setNoteError(t('keyList.noteTooLong', { length: note.length }));
    return null;
  }
  setNoteError(null);
  return note;
}

async function send(path) {
  const note = checkedNote();
  if (note == null || !state.selected) return;
  const buttons = [document.getElementById('add-note'), document.getElementById('mark-controlled')];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    await postJson(`/api/key-list/${state.selected.id}/${path}`, { note });
    noteText.value = '';
    await load();
  } catch (error) {
    if (isSessionEnded(error)) return;
    if (error.field === 'note') setNoteError(error.message); else showError(error);
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

document.getElementById('note-form').addEventListener('submit', (event) => {
  event.preventDefault();
  send('notes');
});
document.getElementById('mark-controlled').addEventListener('click', () => send('controlled'));
document.getElementById('panel-close').addEventListener('click', closePanel);
noteText.addEventListener('input', () => setNoteError(null));
picker.addEventListener('change', () => { closePanel(); load(); });
onLanguageChange(() => { drawSummary(); drawPanel(); });

async function start() {
  state.user = await startPage();
  const requested = new URLSearchParams(window.location.search).get('area');
  await fillAreaPicker(picker, state.user, requested && /^\d{1,15}$/.test(requested) ? requested : state.user.jurisdiction?.code);
  await load();
}

start().catch((error) => {
  showError(t('desk.error.load', { message: error?.message ?? String(error) }));
  root.dataset.ready = 'true';
});
