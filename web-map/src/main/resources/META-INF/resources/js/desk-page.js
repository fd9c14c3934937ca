// What the desk pages without the map (受理台 intake, 我的待办 inbox) share: the header (user, page
// links, language switch), a sortable table head (click a column header; aria-sort set), the
// red / yellow / green clock of a case in words and colour, and the error line.
import { me } from './api.js';
import { addMessages, t, setLanguage, currentLanguage, applyTranslations, onLanguageChange } from './i18n.js';
import { mountNav } from './nav.js';

addMessages({
  zh: {
    'clock.red': '超时',
    'clock.yellow': '临期',
    'clock.green': '正常',
    'clock.none': '无时限',
    'desk.sortBy': '按“{col}”排序',
  },
  en: {
    'clock.red': 'Overdue',
    'clock.yellow': 'Due soon',
    'clock.green': 'On time',
    'clock.none': 'No deadline',
    'desk.sortBy': 'Sort by “{col}”',
  },
});

/**
 * The colour of a case's clock: red when the deadline has passed or the case was urged red,
 * yellow once warned (urged yellow, or past its warning time), else green; 'none' without a deadline.
 */
export function clockColour({ dueAt, warningAt, urgeLevel = 0 }, now = Date.now()) {
  if (urgeLevel >= 2 || (dueAt && Date.parse(dueAt) < now)) return 'red';
  if (urgeLevel === 1 || (warningAt && Date.parse(warningAt) < now)) return 'yellow';
  return dueAt ? 'green' : 'none';
}

/** Signs the header in: the user's name, the page links, the language switch. Resolves to the user. */
export async function mountHeader() {
  applyTranslations(document);
  document.getElementById('lang-toggle').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
  const user = await me();
  const name = document.getElementById('user-name');
  name.textContent = user.displayName || user.username;
  name.title = `${user.username} · ${user.jurisdiction?.name ?? ''}`;
  mountNav(user);
  return user;
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
  const order = typeof a === 'string' ? a.localeCompare(b) : a - b;
  return descending ? -order : order;
}
