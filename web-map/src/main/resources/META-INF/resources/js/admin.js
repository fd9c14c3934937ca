// The administration page for ADMINs: users (list, create, unlock, enable/disable, password),
// their personal API tokens (list, issue, revoke), their phones' devices (list, revoke) and the audit trail, all on the existing API
// (/api/admin/**, /api/audit). Everything from the server is put on the page as text nodes or
// attribute values, never as HTML. A 401 goes to /login (api.js); a 403 says 需要管理员权限.
import {
  ApiError,
  SessionEndedError,
  deleteJson,
  getJson,
  logout,
  me,
  postJson,
  putJson,
} from './api.js';

import { AUDIT_ACTIONS, ENTITY_TYPES, ROLES } from './admin-i18n.js';
import {
  t, hasMessage, applyTranslations, setLanguage, currentLanguage, currentLocale, onLanguageChange,
} from './i18n.js';
import { mountNav } from './nav.js';

/** An audit action in the page's language (the code itself only for an action this page does not know). */
const actionName = (code) => (hasMessage(`audit.${code}`) ? t(`audit.${code}`) : code);
const entityTypeName = (code) => (hasMessage(`entity.${code}`) ? t(`entity.${code}`) : code);
const roleNameOf = (role) => (role && hasMessage(`role.${role}`) ? t(`role.${role}`) : role);

const TABS = ['users', 'tokens', 'devices', 'audit'];

const $ = (id) => document.getElementById(id);
const usersPath = (username) => `/api/admin/users/${encodeURIComponent(username)}`;

const state = {
  me: null,
  users: [],
  sort: { key: 'username', direction: 1 },
  filter: '',
  tokenUser: '',
  tokensRequest: 0,
  deviceUser: '',
  devicesRequest: 0,
  audit: { page: 0, size: 50, query: {}, loaded: false, request: 0, events: [], sort: { key: 'at', direction: -1 } },
  tokenSort: { key: 'issuedAt', direction: -1 },
  deviceSort: { key: 'lastUsedAt', direction: -1 },
  forbidden: false,
};

// --- small helpers ---------------------------------------------------------------------------

/** An element with attributes (`text` sets its text, `className` its classes) and children (nodes or text). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'text') {
      node.textContent = value;
    } else if (name === 'className') {
      node.className = value;
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child); // strings become text nodes
    }
  }
  return node;
}

/** An instant from the API (ISO-8601 text, or epoch seconds) as a Date, or null. */
function toDate(value) {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dateTime = () => new Intl.DateTimeFormat(currentLocale(), {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** An instant in the browser's local time, e.g. 2026/11/22 16:48:06; `fallback` when there is none. */
function formatTime(value, fallback = '—') {
  const date = toDate(value);
  return date ? dateTime().format(date) : fallback;
}

/** A time cell: local time as text, the exact instant as its tooltip. */
function timeCell(value, fallback) {
  const date = toDate(value);
  return el('td', { className: 'time', title: date ? date.toISOString() : null }, formatTime(value, fallback));
}

/** The local midnight starting the day `plusDays` after a date input's value (yyyy-mm-dd), as an ISO instant. */
function localDayStart(value, plusDays = 0) {
  const [year, month, day] = value.split('-').map(Number);
  return new Date(year, month - 1, day + plusDays).toISOString();
}

const isSessionEnded = (error) => error instanceof SessionEndedError;
const isAdmin = () => state.me?.role === 'ADMIN';
const compareText = (a, b) => String(a ?? '').localeCompare(String(b ?? ''), currentLocale(), { numeric: true });

/** Compares two values of a column: numbers and dates as such, text by the locale. */
function compareValues(a, b) {
  if (a == null || a === '') return b == null || b === '' ? 0 : 1; // empty last
  if (b == null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(a, b);
}

/** Marks the sorted column of a table (aria-sort on its header cells). */
function markSort(table, sort) {
  for (const th of table.querySelectorAll('th[aria-sort]')) {
    const key = th.querySelector('[data-sort]').dataset.sort;
    th.setAttribute('aria-sort', key !== sort.key ? 'none' : sort.direction > 0 ? 'ascending' : 'descending');
  }
}

/** Sorts rows by `sort` with the table's key functions. */
function sortedBy(rows, keys, sort) {
  const key = keys[sort.key];
  return [...rows].sort((a, b) => sort.direction * compareValues(key(a), key(b)));
}

/** Clicks on a table's header buttons toggle its sort and redraw it. */
function sortable(table, getSort, setSort, redraw) {
  table.querySelector('thead').addEventListener('click', (event) => {
    const button = event.target.closest('[data-sort]');
    if (!button) return;
    const key = button.dataset.sort;
    const sort = getSort();
    setSort({ key, direction: sort.key === key ? -sort.direction : 1 });
    redraw();
  });
}
const timeValue = (value) => toDate(value)?.getTime() ?? null;

// --- banners ---------------------------------------------------------------------------------

const notice = $('notice');

function showNotice(text, kind = 'info') {
  if (state.forbidden) {
    return;
  }
  notice.textContent = text;
  notice.className = `banner banner-${kind}`;
  notice.hidden = false;
}

function hideNotice() {
  notice.hidden = true;
  notice.textContent = '';
}

/** The signed-in user is no ADMIN (the API answered 403): say so and show nothing else. */
function showForbidden() {
  state.forbidden = true;
  hideNotice();
  $('forbidden').hidden = false;
  $('tabs').hidden = true;
  document.querySelector('.admin-main').hidden = true;
  for (const dialog of document.querySelectorAll('dialog[open]')) {
    dialog.close();
  }
}

/** Reports a failed request outside a form: 403 as 需要管理员权限 (or out of jurisdiction), else the detail. */
function showError(error, what) {
  if (isSessionEnded(error)) {
    return;
  }
  if (error instanceof ApiError && error.status === 403) {
    if (!isAdmin()) {
      showForbidden();
      return;
    }
    showNotice(t('admin.failedOutside', { what, message: error.message }), 'error');
    return;
  }
  showNotice(t('admin.failed', { what, message: error.message }), 'error');
}

window.addEventListener('unhandledrejection', (event) => {
  if (!isSessionEnded(event.reason)) {
    showNotice(String(event.reason?.message ?? event.reason), 'error');
  }
});

// --- field errors of forms -------------------------------------------------------------------

function clearFormErrors(form) {
  for (const target of form.querySelectorAll('[data-field-error]')) {
    target.textContent = '';
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
  }
}

/** Shows a message next to the named field (its `[data-field-error]`), or for the whole form when it has none. */
function showFieldError(form, field, message) {
  let target = field ? form.querySelector(`[data-field-error="${CSS.escape(field)}"]`) : null;
  const input = field ? form.elements.namedItem(field) : null;
  if (!target || (input && input.closest('[hidden]'))) {
    target = form.querySelector('[data-field-error=""]');
  }
  target.textContent = message;
  if (input instanceof HTMLElement) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

/** Reports a failed form request: the problem's detail next to the field it names. */
function showFormError(form, error) {
  if (isSessionEnded(error)) {
    return;
  }
  if (error instanceof ApiError && error.status === 403) {
    if (!isAdmin()) {
      showForbidden();
      return;
    }
    showFieldError(form, form.dataset.forbiddenField || '', t('admin.outside', { message: error.message }));
    return;
  }
  showFieldError(form, error instanceof ApiError ? error.field : null, error.message);
}

/** Runs a request with the form's submit button disabled. */
async function whileBusy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

// --- dialogs ---------------------------------------------------------------------------------

/** Asks for a confirmation in a modal dialog; resolves to true when confirmed. */
function confirmAction(title, message, confirmLabel) {
  const dialog = $('confirm-dialog');
  $('confirm-title').textContent = title;
  $('confirm-message').textContent = message;
  $('confirm-ok').textContent = confirmLabel;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
    $('confirm-cancel').focus();
  });
}

// --- the signed-in user ----------------------------------------------------------------------

function showUser(user) {
  $('user-name').textContent = user.displayName || user.username;
  $('user-name').title = user.username;
  $('user-role').textContent = roleNameOf(user.role) || user.roleName || '';
  const area = $('user-area');
  area.textContent = user.jurisdiction?.name || '';
  area.title = user.jurisdiction?.code || '';
  area.hidden = !user.jurisdiction?.name;
  $('user-bar').hidden = false;
  if (user.jurisdiction?.code) {
    $('new-area-code').placeholder = t('admin.areaPlaceholder', { code: user.jurisdiction.code, name: user.jurisdiction.name || t('admin.yourArea') });
  }
}

const logoutButton = $('logout');
logoutButton.addEventListener('click', () => {
  logoutButton.disabled = true;
  logout().catch((error) => {
    logoutButton.disabled = false;
    if (!isSessionEnded(error)) {
      showNotice(t('admin.logoutFailed', { message: error.message }), 'error');
    }
  });
});

// --- tabs ------------------------------------------------------------------------------------

function selectTab(name, { focus = false } = {}) {
  const tab = TABS.includes(name) ? name : 'users';
  for (const button of document.querySelectorAll('#tabs [role="tab"]')) {
    const selected = button.dataset.tab === tab;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    $(button.getAttribute('aria-controls')).hidden = !selected;
    if (selected && focus) {
      button.focus();
    }
  }
  if (window.location.hash !== `#${tab}`) {
    history.replaceState(null, '', `#${tab}`);
  }
  if (state.me === null || state.forbidden) {
    return; // loaded once we know who is signed in
  }
  if (tab === 'tokens') {
    loadTokens();
  } else if (tab === 'devices') {
    loadDevices();
  } else if (tab === 'audit' && !state.audit.loaded) {
    loadAudit();
  }
}

$('tabs').addEventListener('click', (event) => {
  const button = event.target.closest('[role="tab"]');
  if (button) {
    selectTab(button.dataset.tab);
  }
});

$('tabs').addEventListener('keydown', (event) => {
  const current = TABS.indexOf(event.target.dataset?.tab);
  if (current < 0) {
    return;
  }
  const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: TABS.length - 1 }[event.key];
  if (next !== undefined) {
    event.preventDefault();
    selectTab(TABS[(next + TABS.length) % TABS.length], { focus: true });
  }
});

// --- users -----------------------------------------------------------------------------------

function isLocked(user) {
  const until = toDate(user.lockedUntil);
  return until !== null && until > new Date();
}

/** The status badges of a user: 已锁定至 …, 已停用, 演示账户, or 正常. */
function statusOf(user) {
  const badges = [];
  if (isLocked(user)) {
    badges.push({ kind: 'locked', text: t('admin.lockedUntil', { time: formatTime(user.lockedUntil) }) });
  }
  if (!user.enabled) {
    badges.push({ kind: 'disabled', text: t('admin.disabled') });
  }
  if (user.demo) {
    badges.push({ kind: 'demo', text: t('admin.demo') });
  }
  if (badges.length === 0) {
    badges.push({ kind: 'ok', text: t('admin.ok') });
  }
  return badges;
}

const roleName = (user) => roleNameOf(user.role) || user.roleName;

/** Sort keys of the users table's columns. */
const SORT_KEYS = {
  username: (u) => u.username,
  displayName: (u) => u.displayName,
  role: (u) => roleName(u),
  areaCode: (u) => u.areaCode ?? '',
  // Locked first, then disabled, then demo accounts, then the rest.
  status: (u) => `${isLocked(u) ? 0 : 1}${u.enabled ? 1 : 0}${u.demo ? 0 : 1}`,
};

function matchesFilter(user, filter) {
  if (!filter) {
    return true;
  }
  const haystack = [
    user.username, user.displayName, user.role, roleName(user), user.areaCode, user.departmentCode,
    ...statusOf(user).map((b) => b.text),
  ].filter(Boolean).join(' ').toLowerCase();
  return filter.split(/\s+/).every((word) => haystack.includes(word));
}

function userRow(user) {
  const self = user.username === state.me?.username;
  const name = el('td', { className: 'username' }, el('code', { text: user.username }));
  if (self) {
    name.append(' ', el('span', { className: 'tag', text: t('admin.self') }));
  }
  const area = el('td', { className: 'area-code' }, user.areaCode ? el('code', { text: user.areaCode }) : t('admin.allAreas'));
  if (user.departmentCode) {
    area.append(' ', el('span', { className: 'tag', title: t('admin.department'), text: t('admin.departmentTag', { code: user.departmentCode }) }));
  }
  const status = el('td', { className: 'status' },
    statusOf(user).map((b) => el('span', { className: `badge badge-${b.kind}`, text: b.text })));
  if (user.failedAttempts > 0 && !isLocked(user)) {
    status.append(el('span', { className: 'badge badge-warn', text: t('admin.failedAttempts', { n: user.failedAttempts }) }));
  }
  const actions = el('td', { className: 'actions' });
  const button = (action, label, extra = {}) =>
    el('button', { type: 'button', className: 'button button-small', 'data-action': action, 'data-username': user.username, ...extra }, label);
  if (isLocked(user) || user.failedAttempts > 0) {
    actions.append(button('unlock', t('admin.unlock')));
  }
  actions.append(
    user.enabled
      ? button('disable', t('admin.disable'), self ? { disabled: true, title: t('admin.cannotDisableSelf') } : {})
      : button('enable', t('admin.enable')),
    button('password', t('admin.setPassword')),
    button('tokens', t('admin.tokens')),
  );
  return el('tr', { 'data-username': user.username, className: user.enabled ? null : 'row-disabled' },
    name, el('td', { text: user.displayName }), el('td', { text: roleName(user) }), area, status, actions);
}

function renderUsers() {
  const filter = state.filter.trim().toLowerCase();
  const key = SORT_KEYS[state.sort.key];
  const rows = state.users
    .filter((u) => matchesFilter(u, filter))
    .sort((a, b) => state.sort.direction * compareText(key(a), key(b)) || compareText(a.username, b.username));
  $('users-body').replaceChildren(...rows.map(userRow));
  $('users-empty').hidden = rows.length > 0;
  $('user-count').textContent =
    rows.length === state.users.length
      ? t('admin.userCount', { n: state.users.length })
      : t('admin.userCountFiltered', { shown: rows.length, n: state.users.length });
  for (const th of document.querySelectorAll('#users-table th[aria-sort]')) {
    const sortKey = th.querySelector('[data-sort]').dataset.sort;
    th.setAttribute('aria-sort', sortKey !== state.sort.key ? 'none' : state.sort.direction > 0 ? 'ascending' : 'descending');
  }
  renderTokenUsers();
  renderDeviceUsers();
}

function replaceUser(view) {
  const index = state.users.findIndex((u) => u.username === view.username);
  if (index >= 0) {
    state.users[index] = view;
  } else {
    state.users.push(view);
  }
  renderUsers();
}

async function loadUsers() {
  try {
    state.users = await getJson('/api/admin/users');
    renderUsers();
  } catch (error) {
    showError(error, t('admin.what.loadUsers'));
  }
}

document.querySelector('#users-table thead').addEventListener('click', (event) => {
  const button = event.target.closest('[data-sort]');
  if (!button) {
    return;
  }
  const key = button.dataset.sort;
  state.sort = { key, direction: state.sort.key === key ? -state.sort.direction : 1 };
  renderUsers();
});

$('user-filter').addEventListener('input', (event) => {
  state.filter = event.target.value;
  renderUsers();
});

$('users-reload').addEventListener('click', () => {
  hideNotice();
  loadUsers();
});

async function unlock(user, button) {
  try {
    const view = await whileBusy(button, () => postJson(`${usersPath(user.username)}/unlock`));
    replaceUser(view);
    showNotice(t('admin.unlocked', { username: user.username }), 'success');
  } catch (error) {
    showError(error, t('admin.what.unlock', { username: user.username }));
  }
}

async function setEnabled(user, enabled, button) {
  if (!enabled) {
    const confirmed = await confirmAction(
      t('admin.disableTitle'),
      t('admin.disableMessage', { username: user.username, name: user.displayName }),
      t('admin.disable'));
    if (!confirmed) {
      return;
    }
  }
  try {
    const view = await whileBusy(button, () => putJson(usersPath(user.username), { enabled }));
    replaceUser(view);
    showNotice(t(enabled ? 'admin.enabledUser' : 'admin.disabledUser', { username: user.username }), 'success');
  } catch (error) {
    showError(error, t(enabled ? 'admin.what.enable' : 'admin.what.disable', { username: user.username }));
  }
}

$('users-body').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  const user = button && state.users.find((u) => u.username === button.dataset.username);
  if (!user) {
    return;
  }
  hideNotice();
  switch (button.dataset.action) {
    case 'unlock': unlock(user, button); break;
    case 'disable': setEnabled(user, false, button); break;
    case 'enable': setEnabled(user, true, button); break;
    case 'password': openPasswordDialog(user); break;
    case 'tokens':
      state.tokenUser = user.username;
      renderTokenUsers();
      selectTab('tokens', { focus: true });
      break;
    default: break;
  }
});

// --- create a user ---------------------------------------------------------------------------

const createForm = $('create-user-form');
const roleSelect = $('new-role');
function fillRoleSelect() {
  const chosen = roleSelect.value;
  roleSelect.replaceChildren(
    el('option', { value: '', text: t('admin.chooseRole') }),
    ...ROLES.map((code) => el('option', { value: code, text: roleNameOf(code) })),
  );
  roleSelect.value = chosen;
}
fillRoleSelect();

function showDepartmentField() {
  $('department-field').hidden = roleSelect.value !== 'DEPARTMENT_OFFICER';
}
roleSelect.addEventListener('change', showDepartmentField);

const trimmedOrNull = (input) => input.value.trim() || null;

createForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearFormErrors(createForm);
  hideNotice();
  const role = roleSelect.value || null;
  const body = {
    username: $('new-username').value.trim(),
    displayName: $('new-display-name').value.trim(),
    password: $('new-password').value,
    role,
    areaCode: trimmedOrNull($('new-area-code')),
    departmentCode: role === 'DEPARTMENT_OFFICER' ? trimmedOrNull($('new-department-code')) : null,
  };
  try {
    const created = await whileBusy($('create-user-submit'), () => postJson('/api/admin/users', body));
    createForm.reset();
    showDepartmentField();
    replaceUser(created);
    showNotice(t('admin.created', { username: created.username, role: roleName(created) }), 'success');
  } catch (error) {
    showFormError(createForm, error);
  }
});

// --- set a password --------------------------------------------------------------------------

const passwordDialog = $('password-dialog');
const passwordForm = $('password-form');
let passwordUser = null;

function openPasswordDialog(user) {
  passwordUser = user;
  passwordForm.reset();
  clearFormErrors(passwordForm);
  $('password-user').textContent = t('admin.passwordFor', { username: user.username, name: user.displayName });
  passwordDialog.showModal();
  $('password-value').focus();
}

$('password-cancel').addEventListener('click', () => passwordDialog.close());
// No password stays in the page once the dialog is closed.
passwordDialog.addEventListener('close', () => passwordForm.reset());

passwordForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearFormErrors(passwordForm);
  const password = $('password-value').value;
  if (password !== $('password-repeat').value) {
    showFieldError(passwordForm, 'passwordRepeat', t('admin.passwordsDiffer'));
    return;
  }
  const user = passwordUser;
  try {
    const view = await whileBusy($('password-submit'), () => postJson(`${usersPath(user.username)}/password`, { password }));
    passwordDialog.close();
    replaceUser(view);
    showNotice(t('admin.passwordSet', { username: user.username }), 'success');
  } catch (error) {
    showFormError(passwordForm, error);
  }
});

// --- tokens ----------------------------------------------------------------------------------

const tokenUserSelect = $('token-user');

function renderTokenUsers() {
  const users = [...state.users].sort((a, b) => compareText(a.username, b.username));
  if (!state.tokenUser && users.length > 0) {
    state.tokenUser = users[0].username;
  }
  tokenUserSelect.replaceChildren(
    ...users.map((u) => el('option', { value: u.username, text: `${u.username}（${u.displayName}）` })));
  tokenUserSelect.value = state.tokenUser;
}

tokenUserSelect.addEventListener('change', () => {
  state.tokenUser = tokenUserSelect.value;
  hideNotice();
  loadTokens();
});

function tokenStatus(token) {
  if (token.revokedAt) {
    return { kind: 'disabled', text: t('admin.revoked', { time: formatTime(token.revokedAt) }), rank: 2 };
  }
  const expires = toDate(token.expiresAt);
  if (expires && expires <= new Date()) {
    return { kind: 'locked', text: t('admin.expired'), rank: 1 };
  }
  return { kind: 'ok', text: t('admin.valid'), rank: 0 };
}

function tokenRow(token) {
  const status = tokenStatus(token);
  const actions = el('td', { className: 'actions' });
  if (!token.revokedAt) {
    actions.append(el('button', {
      type: 'button', className: 'button button-small button-danger', 'data-action': 'revoke', 'data-token-id': token.id,
    }, t('admin.revoke')));
  }
  return el('tr', { 'data-token-id': token.id, className: token.revokedAt ? 'row-disabled' : null },
    el('td', { text: token.name }),
    el('td', {}, el('code', { text: `${token.prefix}…` })),
    el('td', { text: token.issuedBy ?? '—' }),
    timeCell(token.issuedAt),
    timeCell(token.expiresAt, t('admin.noExpiry')),
    timeCell(token.lastUsedAt, t('admin.neverUsed')),
    el('td', {}, el('span', { className: `badge badge-${status.kind}`, text: status.text })),
    actions);
}

let tokens = [];

const TOKEN_KEYS = {
  name: (x) => x.name,
  prefix: (x) => x.prefix,
  issuedBy: (x) => x.issuedBy,
  issuedAt: (x) => timeValue(x.issuedAt),
  expiresAt: (x) => timeValue(x.expiresAt),
  lastUsedAt: (x) => timeValue(x.lastUsedAt),
  status: (x) => tokenStatus(x).rank,
};

function renderTokens() {
  $('tokens-body').replaceChildren(...sortedBy(tokens, TOKEN_KEYS, state.tokenSort).map(tokenRow));
  $('tokens-empty').hidden = tokens.length > 0;
  markSort($('tokens-table'), state.tokenSort);
}
sortable($('tokens-table'), () => state.tokenSort, (sort) => { state.tokenSort = sort; }, renderTokens);

async function loadTokens() {
  const username = state.tokenUser;
  const request = ++state.tokensRequest;
  if (!username) {
    tokens = [];
    $('tokens-body').replaceChildren();
    $('tokens-empty').hidden = false;
    return;
  }
  try {
    const list = await getJson(`${usersPath(username)}/tokens`);
    if (request !== state.tokensRequest) {
      return; // another user was chosen meanwhile
    }
    tokens = list;
    renderTokens();
  } catch (error) {
    showError(error, t('admin.what.loadTokens', { username }));
  }
}

$('tokens-body').addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action="revoke"]');
  const token = button && tokens.find((t) => String(t.id) === button.dataset.tokenId);
  if (!token) {
    return;
  }
  hideNotice();
  const confirmed = await confirmAction(
    t('admin.revokeTokenTitle'),
    t('admin.revokeTokenMessage', { username: token.username, name: token.name, prefix: token.prefix }),
    t('admin.what.revokeToken'));
  if (!confirmed) {
    return;
  }
  try {
    await whileBusy(button, () => deleteJson(`/api/admin/tokens/${encodeURIComponent(token.id)}`));
    showNotice(t('admin.tokenRevoked', { name: token.name }), 'success');
  } catch (error) {
    showError(error, t('admin.what.revokeToken'));
  }
  await loadTokens();
});

// --- devices ---------------------------------------------------------------------------------

const deviceUserSelect = $('device-user');

function renderDeviceUsers() {
  const users = [...state.users].sort((a, b) => compareText(a.username, b.username));
  if (!state.deviceUser && users.length > 0) {
    state.deviceUser = (users.find((u) => u.memberCode) ?? users[0]).username;
  }
  deviceUserSelect.replaceChildren(
    ...users.map((u) => el('option', { value: u.username, text: `${u.username}（${u.displayName}）` })));
  deviceUserSelect.value = state.deviceUser;
}

deviceUserSelect.addEventListener('change', () => {
  state.deviceUser = deviceUserSelect.value;
  hideNotice();
  loadDevices();
});

function deviceStatus(device) {
  if (device.revokedAt) {
    return { kind: 'disabled', text: t('admin.revoked', { time: formatTime(device.revokedAt) }), rank: 2 };
  }
  const expires = toDate(device.expiresAt);
  if (expires && expires <= new Date()) {
    return { kind: 'locked', text: t('admin.expired'), rank: 1 };
  }
  return { kind: 'ok', text: t('admin.valid'), rank: 0 };
}

function deviceRow(device) {
  const status = deviceStatus(device);
  const actions = el('td', { className: 'actions' });
  if (!device.revokedAt) {
    actions.append(el('button', {
      type: 'button', className: 'button button-small button-danger', 'data-action': 'revoke', 'data-device-id': device.id,
    }, t('admin.revoke')));
  }
  return el('tr', { 'data-device-id': device.id, className: device.revokedAt ? 'row-disabled' : null },
    el('td', { text: device.deviceName }),
    timeCell(device.createdAt),
    timeCell(device.lastUsedAt, t('admin.neverUsed')),
    timeCell(device.expiresAt),
    el('td', {}, el('span', { className: `badge badge-${status.kind}`, text: status.text })),
    actions);
}

let devices = [];

const DEVICE_KEYS = {
  deviceName: (x) => x.deviceName,
  createdAt: (x) => timeValue(x.createdAt),
  lastUsedAt: (x) => timeValue(x.lastUsedAt),
  expiresAt: (x) => timeValue(x.expiresAt),
  status: (x) => deviceStatus(x).rank,
};

function renderDevices() {
  $('devices-body').replaceChildren(...sortedBy(devices, DEVICE_KEYS, state.deviceSort).map(deviceRow));
  $('devices-empty').hidden = devices.length > 0;
  markSort($('devices-table'), state.deviceSort);
}
sortable($('devices-table'), () => state.deviceSort, (sort) => { state.deviceSort = sort; }, renderDevices);

async function loadDevices() {
  const username = state.deviceUser;
  const request = ++state.devicesRequest;
  if (!username) {
    devices = [];
    $('devices-body').replaceChildren();
    $('devices-empty').hidden = false;
    return;
  }
  try {
    const list = await getJson(`/api/admin/devices?username=${encodeURIComponent(username)}`);
    if (request !== state.devicesRequest) {
      return; // another user was chosen meanwhile
    }
    devices = list;
    renderDevices();
  } catch (error) {
    showError(error, t('admin.what.loadDevices', { username }));
  }
}

$('devices-body').addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action="revoke"]');
  const device = button && devices.find((d) => String(d.id) === button.dataset.deviceId);
  if (!device) {
    return;
  }
  hideNotice();
  const confirmed = await confirmAction(
    t('admin.revokeDeviceTitle'),
    t('admin.revokeDeviceMessage', { username: device.username, name: device.deviceName }),
    t('admin.what.revokeDevice'));
  if (!confirmed) {
    return;
  }
  try {
    await whileBusy(button, () => deleteJson(`/api/admin/devices/${encodeURIComponent(device.id)}`));
    showNotice(t('admin.deviceRevoked', { name: device.deviceName }), 'success');
  } catch (error) {
    showError(error, t('admin.what.revokeDevice'));
  }
  await loadDevices();
});

const issueForm = $('issue-token-form');
const secretBox = $('token-secret');
const secretValue = $('token-secret-value');

function hideSecret() {
  secretValue.value = '';
  $('token-copy-status').textContent = '';
  secretBox.hidden = true;
}

function showSecret(issued) {
  $('token-secret-for').textContent = t('admin.issuedFor', { username: issued.token.username, name: issued.token.name });
  secretValue.value = issued.secret;
  $('token-copy-status').textContent = '';
  secretBox.hidden = false;
  secretValue.focus();
  secretValue.select();
}

$('token-secret-done').addEventListener('click', hideSecret);

$('token-copy').addEventListener('click', async () => {
  const status = $('token-copy-status');
  try {
    await navigator.clipboard.writeText(secretValue.value);
    status.textContent = t('admin.copied');
  } catch {
    // No clipboard API (or no permission): select the text for Ctrl+C, and try the old way.
    secretValue.focus();
    secretValue.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch { /* not supported */ }
    status.textContent = copied ? t('admin.copied') : t('admin.copyManually');
  }
});

issueForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearFormErrors(issueForm);
  hideNotice();
  const username = state.tokenUser;
  if (!username) {
    showFieldError(issueForm, '', t('admin.chooseUserFirst'));
    return;
  }
  const expires = $('token-expires').value;
  const body = { name: $('token-name').value.trim(), expiresAt: expires ? localDayStart(expires, 1) : null };
  try {
    const issued = await whileBusy($('issue-token-submit'), () => postJson(`${usersPath(username)}/tokens`, body));
    issueForm.reset();
    showSecret(issued);
    await loadTokens();
  } catch (error) {
    showFormError(issueForm, error);
  }
});

// --- audit -----------------------------------------------------------------------------------

const auditForm = $('audit-form');

/** The action and object type pickers: every code the server writes, in the page's language, by name. */
function fillAuditPickers() {
  const fill = (select, anyKey, codes, name) => {
    const chosen = select.value;
    const options = codes.map((code) => ({ code, name: name(code) })).sort((a, b) => compareText(a.name, b.name));
    select.replaceChildren(el('option', { value: '', text: t(anyKey) }),
      ...options.map((o) => el('option', { value: o.code, text: o.name })));
    select.value = chosen;
  };
  fill($('audit-action'), 'admin.anyAction', AUDIT_ACTIONS, actionName);
  fill($('audit-entity-type'), 'admin.anyType', ENTITY_TYPES, entityTypeName);
}
fillAuditPickers();

/** The JSON of a state, indented; as stored when it is not JSON. */
function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function changeCell(event) {
  if (!event.before && !event.after) {
    return el('td', { className: 'muted', text: '—' });
  }
  const label = t(event.before && event.after ? 'admin.beforeAfter' : event.after ? 'admin.after' : 'admin.before');
  const parts = [];
  if (event.before) {
    parts.push(el('div', { className: 'state' }, el('h3', { text: t('admin.before') }), el('pre', { text: prettyJson(event.before) })));
  }
  if (event.after) {
    parts.push(el('div', { className: 'state' }, el('h3', { text: t('admin.after') }), el('pre', { text: prettyJson(event.after) })));
  }
  return el('td', { className: 'change' },
    el('details', {}, el('summary', { text: label }), el('div', { className: 'states' }, parts)));
}

function auditRow(event) {
  // The action by name (the code stays in the tooltip, for searching the API or the logs).
  const action = el('td', { className: 'action', title: event.action }, el('span', { text: actionName(event.action) }));
  const entity = el('td', { className: 'entity', title: event.entityType || null }, entityTypeName(event.entityType || ''));
  if (event.entityId) {
    entity.append(' ', el('code', { text: event.entityId }));
  }
  return el('tr', { 'data-audit-id': event.id, 'data-action': event.action },
    timeCell(event.at),
    el('td', { text: event.actor ?? '—' }),
    el('td', { text: roleNameOf(event.actorRole) || '—' }),
    el('td', { className: 'address', text: event.remoteAddr ?? '—' }),
    action,
    entity,
    el('td', {}, event.areaCode ? el('code', { text: event.areaCode }) : '—'),
    changeCell(event));
}

function readAuditQuery() {
  const from = $('audit-from').value;
  const to = $('audit-to').value;
  return {
    actor: $('audit-actor').value.trim(),
    action: $('audit-action').value,
    entityType: $('audit-entity-type').value,
    entityId: $('audit-entity-id').value.trim(),
    from: from ? localDayStart(from) : '',
    to: to ? localDayStart(to, 1) : '', // the whole last day
  };
}

const AUDIT_KEYS = {
  at: (e) => timeValue(e.at),
  actor: (e) => e.actor,
  role: (e) => roleNameOf(e.actorRole),
  remoteAddr: (e) => e.remoteAddr,
  action: (e) => actionName(e.action),
  entity: (e) => `${entityTypeName(e.entityType || '')} ${e.entityId ?? ''}`,
  areaCode: (e) => e.areaCode,
};

/** The page of audit events, sorted by the chosen column (the server pages newest first). */
function renderAudit() {
  const { events, page } = state.audit;
  $('audit-body').replaceChildren(...sortedBy(events, AUDIT_KEYS, state.audit.sort).map(auditRow));
  $('audit-empty').hidden = events.length > 0;
  $('audit-page').textContent = t('admin.pageRows', { page: page + 1, n: events.length });
  markSort($('audit-table'), state.audit.sort);
}
sortable($('audit-table'), () => state.audit.sort, (sort) => { state.audit.sort = sort; }, renderAudit);

async function loadAudit() {
  const { page, size, query } = state.audit;
  const request = ++state.audit.request;
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value) {
      parameters.set(name, value);
    }
  }
  parameters.set('page', String(page));
  parameters.set('size', String(size));
  try {
    const events = await getJson(`/api/audit?${parameters}`);
    if (request !== state.audit.request) {
      return;
    }
    state.audit.loaded = true;
    state.audit.events = events;
    renderAudit();
    $('audit-prev').disabled = page === 0;
    $('audit-next').disabled = events.length < size;
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      showFormError(auditForm, error);
    } else {
      showError(error, t('admin.what.loadAudit'));
    }
  }
}

auditForm.addEventListener('submit', (event) => {
  event.preventDefault();
  clearFormErrors(auditForm);
  hideNotice();
  state.audit.query = readAuditQuery();
  state.audit.size = Number($('audit-size').value);
  state.audit.page = 0;
  loadAudit();
});

auditForm.addEventListener('reset', () => {
  // The reset event comes before the fields are reset: search once they are.
  setTimeout(() => auditForm.requestSubmit(), 0);
});

$('audit-prev').addEventListener('click', () => {
  if (state.audit.page > 0) {
    state.audit.page -= 1;
    loadAudit();
  }
});

$('audit-next').addEventListener('click', () => {
  state.audit.page += 1;
  loadAudit();
});

// --- start -----------------------------------------------------------------------------------

$('lang-toggle').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
onLanguageChange(() => {
  document.title = `${t('admin.title')} · Wangge`;
  if (state.me?.username) showUser(state.me);
  fillRoleSelect();
  fillAuditPickers();
  renderUsers();
  renderTokens();
  renderDevices();
  if (state.audit.loaded) renderAudit();
});

async function start() {
  applyTranslations(document);
  document.title = `${t('admin.title')} · Wangge`;
  selectTab(window.location.hash.slice(1));
  try {
    state.me = await me();
    showUser(state.me);
    mountNav(state.me);
  } catch (error) {
    if (isSessionEnded(error)) {
      return;
    }
    state.me = { role: null };
    showNotice(t('admin.noUser', { message: error.message }), 'error');
  }
  await loadUsers();
  if (!state.forbidden) {
    selectTab(window.location.hash.slice(1));
  }
}

start();
