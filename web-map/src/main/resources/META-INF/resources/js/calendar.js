// 工作日历 (the working calendar, ADMIN): GET /api/calendar?year=Y — the year's holidays and make-up
// working days with the working periods, zone and weekend — drawn as twelve month grids (holidays and
// make-up days coloured and named, weekends marked) and as a sortable list. A click on a day opens
// it in the side panel: an ADMIN sets it as a holiday (放假) or a make-up working day (调休上班) with a
// name (PUT /api/calendar/days/{date}) or clears it (DELETE). Other roles read. The year switcher
// (◀ year ▶, also ?year=Y in the address) loads another year.
//
// Hooks for the browser test: html[data-ready="true"] once the year is drawn (again after each
// change); window.wangge = { year, selected }.
import { getJson, putJson, deleteJson } from './api.js';
import { t, addMessages, onLanguageChange, formatDateTime, currentLocale, currentLanguage } from './i18n.js';
import { el } from './dom.js';
import { startPage, showError, sortableTable, isSessionEnded } from './desk-page.js';

addMessages({
  zh: {
    'calendar.title': '工作日历',
    'calendar.year': '年份',
    'calendar.prevYear': '上一年',
    'calendar.nextYear': '下一年',
    'calendar.weekend': '周末',
    'calendar.kind': '类型',
    'calendar.kind.HOLIDAY': '放假',
    'calendar.kind.MAKEUP_WORKDAY': '调休上班',
    'calendar.name': '名称',
    'calendar.namePlaceholder': '如 春节、春节调休上班',
    'calendar.date': '日期',
    'calendar.entries': '本年节假日与调休',
    'calendar.count': '{count} 天',
    'calendar.summary': '{year} 年：放假 {holidays} 天，调休上班 {makeup} 天，工作日共 {working} 天。',
    'calendar.rules': '工作时间 {periods}（{zone}），周末：{weekend}。工作时间、时区和周末在配置（wangge.calendar.*）中设置；节假日与调休在此维护。',
    'calendar.pickDay': '选择日期',
    'calendar.pickHint': '点击日历中的一天，将其设为放假或调休上班、修改名称或清除。',
    'calendar.save': '保存',
    'calendar.clear': '清除',
    'calendar.saved': '已保存：{date} {kind}（{name}）。',
    'calendar.cleared': '已清除 {date}，恢复为{plain}。',
    'calendar.applies': '修改只影响此后开始计时的时限：已有案件的处置时限不变。其他服务实例在数秒内同步。',
    'calendar.col.date': '日期',
    'calendar.col.weekday': '星期',
    'calendar.col.kind': '类型',
    'calendar.col.name': '名称',
    'calendar.col.changedBy': '修改人',
    'calendar.col.changedAt': '修改时间',
    'calendar.configured': '配置',
    'calendar.state.entry': '{kind}：{name}',
    'calendar.state.changed': '由 {by} 于 {at} 设置。',
    'calendar.state.workday': '工作日',
    'calendar.state.weekend': '周末（休息日）',
    'calendar.state.configured': '此日在配置（wangge.calendar.holidays / working-days）中设置，请在配置中修改。',
    'calendar.keepKind': '要改为另一类型，请先清除此日。',
    'calendar.readOnly': '您的角色（{role}）可查看工作日历；设置节假日需系统管理员。',
    'calendar.nameRequired': '请填写名称，如“春节”或“春节调休上班”。',
    'calendar.nameTooLong': '名称最多 50 个字，当前 {length} 个字，请精简。',
    'calendar.badYear': '请输入 2000 至 2100 之间的年份。',
    'calendar.dayLabel': '{date} {weekday}{state}',
  },
  en: {
    'calendar.title': 'Working calendar',
    'calendar.year': 'Year',
    'calendar.prevYear': 'Previous year',
    'calendar.nextYear': 'Next year',
    'calendar.weekend': 'Weekend',
    'calendar.kind': 'Kind',
    'calendar.kind.HOLIDAY': 'Holiday',
    'calendar.kind.MAKEUP_WORKDAY': 'Make-up working day',
    'calendar.name': 'Name',
    'calendar.namePlaceholder': 'e.g. 春节 (Spring Festival)',
    'calendar.date': 'Date',
    'calendar.entries': 'Holidays and make-up working days of the year',
    'calendar.count': '{count} days',
    'calendar.summary': '{year}: {holidays} holidays, {makeup} make-up working days, {working} working days in all.',
    'calendar.rules': 'Working hours {periods} ({zone}), weekend: {weekend}. Working hours, zone and weekend are configured (wangge.calendar.*); holidays and make-up days are kept here.',
    'calendar.pickDay': 'Pick a day',
    'calendar.pickHint': 'Click a day of the calendar to make it a holiday or a make-up working day, rename it or clear it.',
    'calendar.save': 'Save',
    'calendar.clear': 'Clear',
    'calendar.saved': 'Saved: {date} {kind} ({name}).',
    'calendar.cleared': 'Cleared {date}; it is a {plain} again.',
    'calendar.applies': 'A change applies to clocks started after it: the deadlines of existing cases stay. Other instances of the service follow within seconds.',
    'calendar.col.date': 'Date',
    'calendar.col.weekday': 'Day',
    'calendar.col.kind': 'Kind',
    'calendar.col.name': 'Name',
    'calendar.col.changedBy': 'Changed by',
    'calendar.col.changedAt': 'Changed at',
    'calendar.configured': 'configuration',
    'calendar.state.entry': '{kind}: {name}',
    'calendar.state.changed': 'Set by {by} at {at}.',
    'calendar.state.workday': 'working day',
    'calendar.state.weekend': 'weekend day (off)',
    'calendar.state.configured': 'This day is set in the configuration (wangge.calendar.holidays / working-days); change it there.',
    'calendar.keepKind': 'To make it the other kind, clear the day first.',
    'calendar.readOnly': 'Your role ({role}) may read the working calendar; setting days needs a system administrator.',
    'calendar.nameRequired': 'Write a name, such as 春节 (Spring Festival) or 春节调休上班.',
    'calendar.nameTooLong': 'A name has at most 50 characters; this one has {length}. Shorten it.',
    'calendar.badYear': 'Enter a year from 2000 to 2100.',
    'calendar.dayLabel': '{date} {weekday}{state}',
  },
});

const FIELDS = { date: 'calendar.date', kind: 'calendar.kind', name: 'calendar.name', year: 'calendar.year' };
const DAY_NUMBER = { SUNDAY: 0, MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6 };
const MAX_NAME = 50;

const root = document.documentElement;
const yearInput = document.getElementById('year');
const months = document.getElementById('months');
const form = document.getElementById('day-form');
const nameInput = document.getElementById('day-name');
const dayError = document.getElementById('day-error');
const clearButton = document.getElementById('day-clear');
const state = { user: null, year: null, byDate: new Map(), weekend: new Set(), selected: null };
const wangge = { year: null, selected: null };
window.wangge = wangge;

const pad = (n) => String(n).padStart(2, '0');
const iso = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const utc = (date) => new Date(`${date}T00:00:00Z`);
const weekdayOf = (date) => utc(date).getUTCDay();
const weekdayName = (date, style = 'short') => new Intl.DateTimeFormat(currentLocale(), { weekday: style, timeZone: 'UTC' }).format(utc(date));
const longDate = (date) => new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(utc(date));
const isAdmin = () => state.user?.role === 'ADMIN';
const kindClass = (kind) => (kind === 'HOLIDAY' ? 'day-holiday' : 'day-makeup');

function isWorking(date) {
  const entry = state.byDate.get(date);
  if (entry?.kind === 'MAKEUP_WORKDAY') return true;
  if (entry?.kind === 'HOLIDAY') return false;
  return !state.weekend.has(weekdayOf(date));
}

const entries = sortableTable(document.getElementById('entries'), {
  sort: { key: 'date', direction: 'ascending' },
  rowAttributes: (d) => ({ dataset: { date: d.date, kind: d.kind }, tabindex: '0', class: state.selected === d.date ? 'selected' : null }),
  onRow: (d) => select(d.date),
  columns: [
    { key: 'date', label: 'calendar.col.date', value: (d) => d.date, cell: (d) => d.date },
    { key: 'weekday', label: 'calendar.col.weekday', value: (d) => (weekdayOf(d.date) + 6) % 7, cell: (d) => weekdayName(d.date) },
    { key: 'kind', label: 'calendar.col.kind', value: (d) => t(`calendar.kind.${d.kind}`),
      cell: (d) => el('span', { class: `kind-badge ${kindClass(d.kind)}` }, t(`calendar.kind.${d.kind}`)) },
    { key: 'name', label: 'calendar.col.name', value: (d) => d.name ?? '', cell: (d) => d.name ?? t('calendar.configured') },
    { key: 'changedBy', label: 'calendar.col.changedBy', value: (d) => d.changedBy ?? '',
      cell: (d) => (d.source === 'CONFIGURATION' ? t('calendar.configured') : d.changedBy) },
    { key: 'changedAt', label: 'calendar.col.changedAt', value: (d) => d.changedAt ?? '', cell: (d) => (d.changedAt ? formatDateTime(d.changedAt) : '–') },
  ],
});

function dayButton(date) {
  const entry = state.byDate.get(date);
  const weekend = state.weekend.has(weekdayOf(date));
  const classes = ['day'];
  if (weekend) classes.push('day-weekend');
  if (entry) classes.push(kindClass(entry.kind));
  if (state.selected === date) classes.push('day-selected');
  const label = t('calendar.dayLabel', {
    date: longDate(date),
    weekday: weekdayName(date, 'long'),
    state: entry ? ` ${t(`calendar.kind.${entry.kind}`)}${entry.name ? ` ${entry.name}` : ''}` : '',
  });
  return el('button', {
    type: 'button',
    class: classes.join(' '),
    dataset: { date },
    title: entry?.name ?? null,
    'aria-label': label,
    'aria-pressed': state.selected === date ? 'true' : 'false',
    onclick: () => select(date),
  }, el('span', { class: 'day-number' }, String(Number(date.slice(8)))),
  entry?.name ? el('span', { class: 'day-name' }, entry.name) : null);
}

function drawMonths() {
  const year = state.year.year;
  const heads = [1, 2, 3, 4, 5, 6, 0].map((n) => el('th', { scope: 'col', class: state.weekend.has(n) ? 'weekend-head' : null },
    new Intl.DateTimeFormat(currentLocale(), { weekday: 'narrow', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + n)))));
  months.replaceChildren(...Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const lead = (new Date(Date.UTC(year, i, 1)).getUTCDay() + 6) % 7;
    const cells = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, d) => iso(year, month, d + 1))];
    while (cells.length % 7) cells.push(null);
    const weeks = [];
    for (let w = 0; w < cells.length; w += 7) {
      weeks.push(el('tr', {}, cells.slice(w, w + 7).map((date) => el('td', {}, date ? dayButton(date) : null))));
    }
    const title = new Intl.DateTimeFormat(currentLocale(), { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, i, 1)));
    return el('section', { class: 'month', dataset: { month: String(month) }, 'aria-label': title },
      el('h3', {}, title),
      el('table', { class: 'month-grid' }, el('thead', {}, el('tr', {}, heads.map((h) => h.cloneNode(true)))), el('tbody', {}, weeks)));
  }));
}

function drawSummary() {
  const y = state.year;
  const days = y.days;
  let working = 0;
  for (let d = utc(`${y.year}-01-01`); d.getUTCFullYear() === y.year; d = new Date(d.getTime() + 86_400_000)) {
    if (isWorking(d.toISOString().slice(0, 10))) working += 1;
  }
  document.getElementById('summary').textContent = t('calendar.summary', {
    year: y.year,
    holidays: days.filter((d) => d.kind === 'HOLIDAY').length,
    makeup: days.filter((d) => d.kind === 'MAKEUP_WORKDAY').length,
    working,
  });
  const weekendNames = y.weekend.map((name) => new Intl.DateTimeFormat(currentLocale(), { weekday: 'long', timeZone: 'UTC' })
    .format(new Date(Date.UTC(2024, 0, 7 + DAY_NUMBER[name]))));
  document.getElementById('rules').textContent = t('calendar.rules', {
    periods: y.workingPeriods.join(currentLanguage() === 'zh' ? '、' : ', '),
    zone: y.zone,
    weekend: weekendNames.join(currentLanguage() === 'zh' ? '、' : ', '),
  });
  document.getElementById('entries-count').textContent = t('calendar.count', { count: days.length });
}

function drawPanel() {
  const date = state.selected;
  const title = document.getElementById('day-title');
  const facts = document.getElementById('day-facts');
  const readOnly = document.getElementById('day-readonly');
  fieldError(null);
  if (!date) {
    title.textContent = t('calendar.pickDay');
    facts.textContent = t('calendar.pickHint');
    form.hidden = true;
    readOnly.hidden = true;
    return;
  }
  const entry = state.byDate.get(date);
  title.textContent = `${longDate(date)} ${weekdayName(date, 'long')}`;
  const lines = [];
  if (entry) {
    lines.push(t('calendar.state.entry', { kind: t(`calendar.kind.${entry.kind}`), name: entry.name ?? t('calendar.configured') }));
    if (entry.source === 'CONFIGURATION') lines.push(t('calendar.state.configured'));
    else lines.push(t('calendar.state.changed', { by: entry.changedBy, at: formatDateTime(entry.changedAt) }));
  } else {
    lines.push(t(state.weekend.has(weekdayOf(date)) ? 'calendar.state.weekend' : 'calendar.state.workday'));
  }
  facts.textContent = lines.join(' ');
  const editable = isAdmin() && entry?.source !== 'CONFIGURATION';
  form.hidden = !editable;
  readOnly.hidden = isAdmin();
  readOnly.textContent = t('calendar.readOnly', { role: state.user?.role ?? '' });
  if (!editable) return;
  const kind = entry?.kind ?? (state.weekend.has(weekdayOf(date)) ? 'MAKEUP_WORKDAY' : 'HOLIDAY');
  form.querySelectorAll('input[name="kind"]').forEach((radio) => {
    radio.checked = radio.value === kind;
    radio.disabled = Boolean(entry) && radio.value !== entry.kind;
    radio.title = radio.disabled ? t('calendar.keepKind') : '';
  });
  nameInput.value = entry?.name ?? '';
  clearButton.hidden = !entry;
}

function drawAll() {
  drawMonths();
  drawSummary();
  entries.setRows(state.year.days);
  drawPanel();
}

function select(date) {
  state.selected = date;
  wangge.selected = date;
  drawMonths();
  entries.redraw();
  drawPanel();
  const button = months.querySelector(`button[data-date="${date}"]`);
  if (button && document.activeElement?.closest?.('#entries')) button.focus();
}

async function load(year) {
  root.dataset.ready = 'false';
  const view = await getJson(`/api/calendar${year ? `?year=${year}` : ''}`);
  state.year = view;
  state.byDate = new Map(view.days.map((d) => [d.date, d]));
  state.weekend = new Set(view.weekend.map((name) => DAY_NUMBER[name]));
  if (state.selected && !state.selected.startsWith(String(view.year))) state.selected = null;
  wangge.year = view;
  yearInput.value = String(view.year);
  const url = new URL(window.location.href);
  url.searchParams.set('year', String(view.year));
  window.history.replaceState(null, '', url);
  drawAll();
  root.dataset.ready = 'true';
}

function fieldError(message) {
  dayError.textContent = message ?? '';
  dayError.hidden = !message;
  nameInput.setAttribute('aria-invalid', message ? 'true' : 'false');
}

async function run(action) {
  showError(null);
  try {
    await action();
  } catch (error) {
    if (!isSessionEnded(error)) {
      root.dataset.ready = 'true';
      if (error.field === 'name') fieldError(error.message);
      else showError(error, FIELDS);
    }
  }
}

function switchYear(year) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    showError(t('calendar.badYear'));
    yearInput.setAttribute('aria-invalid', 'true');
    return;
  }
  yearInput.setAttribute('aria-invalid', 'false');
  run(() => load(year));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const date = state.selected;
  const name = nameInput.value.trim();
  const kind = form.querySelector('input[name="kind"]:checked')?.value;
  if (!name) { fieldError(t('calendar.nameRequired')); nameInput.focus(); return; }
  const length = [...name].length;
  if (length > MAX_NAME) { fieldError(t('calendar.nameTooLong', { length })); nameInput.focus(); return; }
  run(async () => {
    root.dataset.ready = 'false';
    await putJson(`/api/calendar/days/${date}`, { kind, name });
    await load(state.year.year);
    document.getElementById('summary').textContent += ` ${t('calendar.saved', { date, kind: t(`calendar.kind.${kind}`), name })}`;
  });
});

clearButton.addEventListener('click', () => {
  const date = state.selected;
  run(async () => {
    root.dataset.ready = 'false';
    await deleteJson(`/api/calendar/days/${date}`);
    await load(state.year.year);
    document.getElementById('summary').textContent += ` ${t('calendar.cleared', {
      date, plain: t(isWorking(date) ? 'calendar.state.workday' : 'calendar.state.weekend') })}`;
  });
});

document.getElementById('year-prev').addEventListener('click', () => switchYear(state.year.year - 1));
document.getElementById('year-next').addEventListener('click', () => switchYear(state.year.year + 1));
yearInput.addEventListener('change', () => switchYear(Number(yearInput.value)));

onLanguageChange(() => { if (state.year) { drawMonths(); drawSummary(); drawPanel(); } });

startPage()
  .then((user) => {
    state.user = user;
    const asked = Number(new URL(window.location.href).searchParams.get('year'));
    return load(Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : null);
  })
  .catch((error) => { if (!isSessionEnded(error)) showError(t('desk.error.load', { message: error.message })); });
