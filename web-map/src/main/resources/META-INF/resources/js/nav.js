// The pages of the desk, one list for every page's top bar: which page, its words, and the roles
// that may use it (the same roles the server allows on the page's API). A page calls
// mountNav(user) once it knows the signed-in user; the links follow the language switch.
import { addMessages, t, onLanguageChange } from './i18n.js';
import { el } from './dom.js';

addMessages({
  zh: {
    'nav.label': '页面',
    'nav.map': '指挥地图',
    'nav.intake': '受理台',
    'nav.inbox': '我的待办',
    'nav.keyList': '重点清单',
    'nav.riskList': '风险隐患清单',
    'nav.evaluation': '考核',
    'nav.coverage': '覆盖检查',
    'nav.planning': '边界规划',
    'nav.exchange': '数据交换',
    'nav.responsibilityList': '权责清单',
    'nav.admin': '系统管理',
    'nav.calendar': '工作日历',
  },
  en: {
    'nav.label': 'Pages',
    'nav.map': 'Command map',
    'nav.intake': 'Intake desk',
    'nav.inbox': 'My tasks',
    'nav.keyList': 'Key list',
    'nav.riskList': 'Risk list',
    'nav.evaluation': 'Evaluation',
    'nav.coverage': 'Coverage',
    'nav.planning': 'Planning',
    'nav.exchange': 'Data exchange',
    'nav.responsibilityList': 'Responsibility list',
    'nav.admin': 'Administration',
    'nav.calendar': 'Working calendar',
  },
});

const DESK = ['OPERATOR', 'GRID_LEADER', 'GRID_MEMBER', 'DEPARTMENT_OFFICER', 'PLANNER', 'ADMIN'];

/** Every desk page: [id, path, message key, roles]. */
export const PAGES = Object.freeze([
  ['map', '/', 'nav.map', DESK],
  ['intake', '/intake.html', 'nav.intake', ['OPERATOR', 'GRID_LEADER']],
  ['inbox', '/inbox.html', 'nav.inbox', ['OPERATOR', 'GRID_LEADER', 'GRID_MEMBER', 'DEPARTMENT_OFFICER']],
  ['keyList', '/key-list.html', 'nav.keyList', DESK],
  ['riskList', '/risk-list.html', 'nav.riskList', DESK],
  ['evaluation', '/evaluation.html', 'nav.evaluation', DESK],
  ['coverage', '/coverage.html', 'nav.coverage', ['OPERATOR', 'GRID_LEADER', 'GRID_MEMBER', 'PLANNER', 'ADMIN']],
  ['planning', '/planning.html', 'nav.planning', ['PLANNER', 'ADMIN']],
  ['exchange', '/exchange.html', 'nav.exchange', ['PLANNER', 'ADMIN']],
  ['responsibilityList', '/responsibility-list.html', 'nav.responsibilityList', ['ADMIN']],
  ['admin', '/admin.html', 'nav.admin', ['ADMIN']],
  ['calendar', '/calendar.html', 'nav.calendar', ['ADMIN']],
]);

/** The pages `role` may open, in top-bar order. */
export const pagesFor = (role) => PAGES.filter(([, , , roles]) => roles.includes(role));

/**
 * Fills `<nav id="page-nav">` (or `container`) with a link per page the user's role may open; the
 * current page is marked with aria-current="page"; each link has the id `<page>-link`. Returns the nav
 * element.
 */
export function mountNav(user, container = document.getElementById('page-nav')) {
  if (!container) return null;
  const here = window.location.pathname === '/index.html' ? '/' : window.location.pathname;
  const draw = () => {
    container.setAttribute('aria-label', t('nav.label'));
    container.replaceChildren(...pagesFor(user.role).map(([id, path, key]) => el('a', {
      id: `${id}-link`,
      class: 'page-link admin-link',
      href: path,
      dataset: { page: id },
      'aria-current': path === here ? 'page' : null,
    }, t(key))));
  };
  draw();
  container.hidden = false;
  onLanguageChange(draw);
  return container;
}
