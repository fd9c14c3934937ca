// What the desk pages without the map share (受理台, 我的待办, 重点清单, 风险隐患清单, 考核): the top
// bar (user, role, area, the page links of nav.js, language switch, sign-out), an error banner that
// says what is wrong and how to fix it, the area picker over the user's jurisdiction, sortable
// tables (a whole table, or a static head whose page sorts the rows), and a case's clock colour.
import { me, logout, getJson, ROLE_NAMES, SessionEndedError } from './api.js';
import { t, addMessages, applyTranslations, setLanguage, currentLanguage, onLanguageChange } from './i18n.js';
import { el } from './dom.js';
import { mountNav } from './nav.js';
import { caseColour } from './case-clock.js';

addMessages({
  zh: {
    'desk.error.field': '{field}：{message}',
    'desk.error.load': '无法加载：{message}。请检查网络后刷新页面。',
    'desk.area': '区域',
    'desk.area.own': '{name}（本辖区）',
    'desk.level.DISTRICT': '区县',
    'desk.level.STREET': '街道',
    'desk.level.COMMUNITY': '社区',
    'desk.level.GRID': '网格',
    'desk.sorted.ascending': '升序',
    'desk.sorted.descending': '降序',
    'desk.empty': '无',
    'desk.sortBy': '按“{col}”排序',
    'clock.red': '超时',
    'clock.yellow': '临期',
    'clock.green': '正常',
    'clock.none': '无时限',
  },
  en: {
    'desk.error.field': '{field}: {message}',
    'desk.error.load': 'Could not load: {message}. Check the network and reload the page.',
    'desk.area': 'Area',
    'desk.area.own': '{name} (your area)',
    'desk.level.DISTRICT': 'Districts',
    'desk.level.STREET': 'Streets',
    'desk.level.COMMUNITY': 'Communities',
    'desk.level.GRID': 'Grids',
    'desk.sorted.ascending': 'ascending',
    'desk.sorted.descending': 'descending',
    'desk.empty': 'None',
    'desk.sortBy': 'Sort by “{col}”',
    'clock.red': 'Overdue',
    'clock.yellow': 'Due soon',
    'clock.green': 'On time',
    'clock.none': 'No deadline',
  },
});

const LEVELS = ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'GRID'];

/** True when the error ended the session (the page is on its way to the login page). */
export const isSessionEnded = (error) => error instanceof SessionEndedError;

/**
 * Shows `message` in the page's error banner (#error), or hides it when empty. An ApiError naming a
 * field is shown as "<the field's label>: <detail>", the label from `fieldLabels` (message keys).
 */
export function showError(error, fieldLabels = {}) {
  const banner = document.getElementById('error');
  if (!error) {
    banner.hidden = true;
    banner.textContent = '';
    return;
  }
  if (isSessionEnded(error)) return;
  const message = typeof error === 'string' ? error : error.message;
  const field = typeof error === 'object' ? error.field : null;
  banner.textContent = field
    ? t('desk.error.field', { field: fieldLabels[field] ? t(fieldLabels[field]) : field, message })
    : message;
  banner.dataset.field = field || '';
  banner.hidden = false;
}

function showUser(user) {
  document.getElementById('user-name').textContent = user.displayName || user.username;
  document.getElementById('user-name').title = user.username;
  document.getElementById('user-role').textContent = currentLanguage() === 'zh'
    ? (ROLE_NAMES[user.role] || user.roleName || user.role) : user.role;
  const area = document.getElementById('user-area');
  area.textContent = user.jurisdiction?.name || '';
  area.title = user.jurisdiction?.code || '';
  area.hidden = !user.jurisdiction?.name;
  document.getElementById('user-bar').hidden = false;
}

/**
 * Starts a list page: translates it, wires the language switch and sign-out, reads the signed-in
 * user and fills the top bar. Resolves to the user.
 */
export async function startPage() {
  applyTranslations(document);
  document.getElementById('lang-toggle').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
  const logoutButton = document.getElementById('logout');
  logoutButton.addEventListener('click', () => {
    logoutButton.disabled = true;
    logout().catch((error) => {
      logoutButton.disabled = false;
      showError(error);
    });
  });
  const user = await me();
  showUser(user);
  mountNav(user);
  onLanguageChange(() => showUser(user));
  return user;
}

/** The header of the intake desk and the inbox: the same top bar as every list page. */
export const mountHeader = startPage;

/**
 * The colour of an open case's clock by its deadline `dueAt` and urging (the map's rule,
 * caseColour): red past the deadline or urged red, yellow urged yellow, else green; 'none' without
 * a deadline.
 */
export function clockColour({ dueAt, urgeLevel = 0 }, now = Date.now()) {
  const colour = caseColour({ status: 'DISPATCHED', urgeLevel, overdue: dueAt != null && Date.parse(dueAt) < now });
  if (colour === 'red' || colour === 'yellow') return colour;
  return dueAt ? 'green' : 'none';
}

/**
 * Fills an area <select> with the user's own area, then the areas of the next two levels below it
 * (grids only below a community), grouped by level; `selected` is picked when listed.
 */
export async function fillAreaPicker(select, user, selected) {
  const own = user.jurisdiction;
  const ownLevel = own?.level ? LEVELS.indexOf(own.level) : 0;
  const below = LEVELS.slice(ownLevel + 1, ownLevel + 3).filter((level) => level !== 'GRID' || ownLevel >= LEVELS.indexOf('STREET'));
  const lists = await Promise.all(below.map((level) => getJson(`/api/map/areas?level=${level}${own?.code ? `&within=${own.code}` : ''}`)
    .catch((error) => { if (isSessionEnded(error)) throw error; return []; })));
  const draw = () => {
    const options = [];
    if (own?.code) options.push(el('option', { value: own.code }, t('desk.area.own', { name: own.name })));
    below.forEach((level, i) => {
      const areas = [...lists[i]].sort((a, b) => a.code.localeCompare(b.code));
      if (areas.length) {
        options.push(el('optgroup', { label: t(`desk.level.${level}`) },
          areas.map((a) => el('option', { value: a.code }, `${a.name}（${a.code}）`))));
      }
    });
    const current = select.value || selected;
    select.replaceChildren(...options);
    if (current && [...select.options].some((o) => o.value === current)) select.value = current;
  };
  draw();
  onLanguageChange(draw);
}

/**
 * A table sortable by a click on a column header: `columns` are { key, label (message key),
 * value(row) for sorting, cell(row) → text or node, numeric }. The header's th carries aria-sort;
 * every row is a tr with `rowAttributes(row)`. Returns { setRows(rows), redraw(), rows() }.
 */
export function sortableTable(table, { columns, rowAttributes = () => ({}), sort: initial = null, onRow = null }) {
  let rows = [];
  let sort = initial; // { key, direction: 'ascending' | 'descending' }
  const thead = table.tHead ?? table.createTHead();
  const tbody = table.tBodies[0] ?? table.createTBody();

  const byColumn = (column) => (a, b) => compare(column.value(a), column.value(b), sort.direction === 'descending');

  function drawHead() {
    thead.replaceChildren(el('tr', {}, columns.map((column) => el('th', {
      scope: 'col',
      class: column.numeric ? 'number' : null,
      dataset: { key: column.key },
      'aria-sort': sort?.key === column.key ? sort.direction : (column.value ? 'none' : null),
    }, column.value
      ? el('button', {
        type: 'button',
        class: 'sort-button',
        onclick: () => {
          sort = { key: column.key, direction: sort?.key === column.key && sort.direction === 'ascending' ? 'descending' : 'ascending' };
          redraw();
        },
      }, t(column.label), el('span', { class: 'sort-mark', 'aria-hidden': 'true' },
        sort?.key === column.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''))
      : t(column.label)))));
  }

  function drawBody() {
    const column = sort && columns.find((c) => c.key === sort.key);
    const ordered = column ? [...rows].sort(byColumn(column)) : rows;
    if (!ordered.length) {
      tbody.replaceChildren(el('tr', { class: 'empty-row' }, el('td', { colspan: columns.length }, t('desk.empty'))));
      return;
    }
    tbody.replaceChildren(...ordered.map((row) => {
      const tr = el('tr', rowAttributes(row), columns.map((c) => el('td', { class: c.numeric ? 'number' : null, dataset: { key: c.key } }, c.cell(row) ?? '–')));
      if (onRow) tr.addEventListener('click', (event) => { if (!event.target.closest('a, button')) onRow(row, tr); });
      return tr;
    }));
  }

  function redraw() {
    drawHead();
    drawBody();
  }

  onLanguageChange(redraw);
  redraw();
  return {
    setRows(next) { rows = next ?? []; redraw(); },
    redraw,
    rows: () => rows,
  };
}

/**
 * Makes a table's head sortable: each `th[data-sort]` holds a button; a click sorts by that column
 * (again: the other way) and calls `onSort({ key, descending })`. Returns { get, redraw }.
 */
export function sortableHead(table, initial, onSort) {
  let sort = { ...initial };
  const heads = [...table.querySelectorAll('th[data-sort]')];
  const mark = () => heads.forEach((th) => {
    th.setAttribute('aria-sort', th.dataset.sort === sort.key ? (sort.descending ? 'descending' : 'ascending') : 'none');
    const button = th.querySelector('button');
    button.title = t('desk.sortBy', { col: button.textContent });
  });
  heads.forEach((th) => th.querySelector('button').addEventListener('click', () => {
    sort = { key: th.dataset.sort, descending: sort.key === th.dataset.sort ? !sort.descending : false };
    mark();
    onSort(sort);
  }));
  mark();
  onLanguageChange(mark);
  return { get: () => sort, redraw: mark };
}

/** Compares two values for a sort (null last either way). */
export function compare(a, b, descending) {
  if (a == null && b == null) return 0;
  if (a == null) return 1;
  if (b == null) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'zh-CN');
  return descending ? -order : order;
}
