// The administration page for ADMINs: users (list, create, unlock, enable/disable, password),
// their personal API tokens (list, issue, revoke), their phones' devices (list, revoke) and the audit trail, all on the existing API
// (/api/admin/**, /api/audit). Everything from the server is put on the page as text nodes or
// attribute values, never as HTML. A 401 goes to /login (api.js); a 403 says 需要管理员权限.
import {
  ApiError,
  ROLE_NAMES,
  SessionEndedError,
  deleteJson,
  getJson,
  logout,
  me,
  postJson,
  putJson,
} from './api.js';

const ACTION_NAMES = {
  USER_CREATED: '创建用户',
  USER_CHANGED: '修改用户',
  PASSWORD_CHANGED: '设置密码',
  USER_UNLOCKED: '解锁用户',
  ACCOUNT_LOCKED: '账户锁定',
  TOKEN_ISSUED: '签发令牌',
  TOKEN_REVOKED: '撤销令牌',
  DEVICE_SIGNED_IN: '设备登录',
  DEVICE_SESSION: '设备免密登录',
  DEVICE_SIGNED_OUT: '设备退出',
  DEVICE_REVOKED: '撤销设备',
  MEMBER_ON_DUTY: '上岗',
  MEMBER_OFF_DUTY: '离岗',
  UNMASKED_READ: '查看未脱敏信息',
  INCIDENT_REPORTED: '上报事件',
  DEMO_CITY_LOADED: '加载演示数据',
};

const ENTITY_TYPE_NAMES = {
  user: '用户',
  api_token: '访问令牌',
  device: '设备',
  incident: '事件',
  member: '网格员',
  city: '演示城市',
};

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
  audit: { page: 0, size: 50, query: {}, loaded: false, request: 0 },
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

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** An instant in the browser's local time, e.g. 2026/11/22 16:48:06; `fallback` when there is none. */
function formatTime(value, fallback = '—') {
  const date = toDate(value);
  return date ? DATE_TIME.format(date) : fallback;
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
const compareText = (a, b) => String(a ?? '').localeCompare(String(b ?? ''), 'zh-CN', { numeric: true });

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
    showNotice(`${what}失败：超出您的管辖范围（${error.message}）`, 'error');
    return;
  }
  showNotice(`${what}失败：${error.message}`, 'error');
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
    showFieldError(form, form.dataset.forbiddenField || '', `超出您的管辖范围：${error.message}`);
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
  $('user-role').textContent = ROLE_NAMES[user.role] || user.roleName || user.role || '';
  const area = $('user-area');
  area.textContent = user.jurisdiction?.name || '';
  area.title = user.jurisdiction?.code || '';
  area.hidden = !user.jurisdiction?.name;
  $('user-bar').hidden = false;
  if (user.jurisdiction?.code) {
    $('new-area-code').placeholder = `如 ${user.jurisdiction.code}（${user.jurisdiction.name || '您的辖区'}）`;
  }
}

const logoutButton = $('logout');
logoutButton.addEventListener('click', () => {
  logoutButton.disabled = true;
  logout().catch((error) => {
    logoutButton.disabled = false;
    if (!isSessionEnded(error)) {
      showNotice(`退出登录失败：${error.message}`, 'error');
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
    badges.push({ kind: 'locked', text: `已锁定至 ${formatTime(user.lockedUntil)}` });
  }
  if (!user.enabled) {
    badges.push({ kind: 'disabled', text: '已停用' });
  }
  if (user.demo) {
    badges.push({ kind: 'demo', text: '演示账户' });
  }
  if (badges.length === 0) {
    badges.push({ kind: 'ok', text: '正常' });
  }
  return badges;
}

const roleName = (user) => ROLE_NAMES[user.role] || user.roleName || user.role;

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
    name.append(' ', el('span', { className: 'tag', text: '本人' }));
  }
  const area = el('td', { className: 'area-code' }, user.areaCode ? el('code', { text: user.areaCode }) : '全部');
  if (user.departmentCode) {
    area.append(' ', el('span', { className: 'tag', title: '职能部门', text: `部门 ${user.departmentCode}` }));
  }
  const status = el('td', { className: 'status' },
    statusOf(user).map((b) => el('span', { className: `badge badge-${b.kind}`, text: b.text })));
  if (user.failedAttempts > 0 && !isLocked(user)) {
    status.append(el('span', { className: 'badge badge-warn', text: `连续登录失败 ${user.failedAttempts} 次` }));
  }
  const actions = el('td', { className: 'actions' });
  const button = (action, label, extra = {}) =>
    el('button', { type: 'button', className: 'button button-small', 'data-action': action, 'data-username': user.username, ...extra }, label);
  if (isLocked(user) || user.failedAttempts > 0) {
    actions.append(button('unlock', '解锁'));
  }
  actions.append(
    user.enabled
      ? button('disable', '停用', self ? { disabled: true, title: '不能停用自己的账户' } : {})
      : button('enable', '启用'),
    button('password', '设置密码'),
    button('tokens', '令牌'),
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
    rows.length === state.users.length ? `共 ${state.users.length} 个用户` : `${rows.length} / ${state.users.length} 个用户`;
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
    showError(error, '加载用户列表');
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
    showNotice(`已解锁用户 ${user.username}。`, 'success');
  } catch (error) {
    showError(error, `解锁用户 ${user.username} `);
  }
}

async function setEnabled(user, enabled, button) {
  if (!enabled) {
    const confirmed = await confirmAction(
      '停用用户',
      `确定停用用户 ${user.username}（${user.displayName}）？停用后该用户无法登录，其访问令牌也不能再使用；随时可以重新启用。`,
      '停用');
    if (!confirmed) {
      return;
    }
  }
  try {
    const view = await whileBusy(button, () => putJson(usersPath(user.username), { enabled }));
    replaceUser(view);
    showNotice(`已${enabled ? '启用' : '停用'}用户 ${user.username}。`, 'success');
  } catch (error) {
    showError(error, `${enabled ? '启用' : '停用'}用户 ${user.username} `);
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
roleSelect.append(
  el('option', { value: '', text: '请选择角色' }),
  ...Object.entries(ROLE_NAMES).map(([code, name]) => el('option', { value: code, text: name })),
);

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
    showNotice(`已创建用户 ${created.username}（${roleName(created)}）。可在“访问令牌”中为其签发令牌。`, 'success');
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
  $('password-user').textContent = `用户 ${user.username}（${user.displayName}）`;
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
    showFieldError(passwordForm, 'passwordRepeat', '两次输入的密码不一致。');
    return;
  }
  const user = passwordUser;
  try {
    const view = await whileBusy($('password-submit'), () => postJson(`${usersPath(user.username)}/password`, { password }));
    passwordDialog.close();
    replaceUser(view);
    showNotice(`已为用户 ${user.username} 设置新密码。`, 'success');
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
    return { kind: 'disabled', text: `已撤销（${formatTime(token.revokedAt)}）` };
  }
  const expires = toDate(token.expiresAt);
  if (expires && expires <= new Date()) {
    return { kind: 'locked', text: '已过期' };
  }
  return { kind: 'ok', text: '有效' };
}

function tokenRow(token) {
  const status = tokenStatus(token);
  const actions = el('td', { className: 'actions' });
  if (!token.revokedAt) {
    actions.append(el('button', {
      type: 'button', className: 'button button-small button-danger', 'data-action': 'revoke', 'data-token-id': token.id,
    }, '撤销'));
  }
  return el('tr', { 'data-token-id': token.id, className: token.revokedAt ? 'row-disabled' : null },
    el('td', { text: token.name }),
    el('td', {}, el('code', { text: `${token.prefix}…` })),
    el('td', { text: token.issuedBy ?? '—' }),
    timeCell(token.issuedAt),
    timeCell(token.expiresAt, '长期有效'),
    timeCell(token.lastUsedAt, '从未使用'),
    el('td', {}, el('span', { className: `badge badge-${status.kind}`, text: status.text })),
    actions);
}

let tokens = [];

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
    $('tokens-body').replaceChildren(...list.map(tokenRow));
    $('tokens-empty').hidden = list.length > 0;
  } catch (error) {
    showError(error, `加载 ${username} 的访问令牌`);
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
    '撤销访问令牌',
    `确定撤销用户 ${token.username} 的令牌“${token.name}”（${token.prefix}…）？撤销立即生效，使用它的客户端将无法再访问接口；此操作不可恢复。`,
    '撤销令牌');
  if (!confirmed) {
    return;
  }
  try {
    await whileBusy(button, () => deleteJson(`/api/admin/tokens/${encodeURIComponent(token.id)}`));
    showNotice(`已撤销令牌“${token.name}”。`, 'success');
  } catch (error) {
    showError(error, '撤销令牌');
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
    return { kind: 'disabled', text: `已撤销（${formatTime(device.revokedAt)}）` };
  }
  const expires = toDate(device.expiresAt);
  if (expires && expires <= new Date()) {
    return { kind: 'locked', text: '已过期' };
  }
  return { kind: 'ok', text: '有效' };
}

function deviceRow(device) {
  const status = deviceStatus(device);
  const actions = el('td', { className: 'actions' });
  if (!device.revokedAt) {
    actions.append(el('button', {
      type: 'button', className: 'button button-small button-danger', 'data-action': 'revoke', 'data-device-id': device.id,
    }, '撤销'));
  }
  return el('tr', { 'data-device-id': device.id, className: device.revokedAt ? 'row-disabled' : null },
    el('td', { text: device.deviceName }),
    timeCell(device.createdAt),
    timeCell(device.lastUsedAt, '从未使用'),
    timeCell(device.expiresAt),
    el('td', {}, el('span', { className: `badge badge-${status.kind}`, text: status.text })),
    actions);
}

let devices = [];

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
    $('devices-body').replaceChildren(...list.map(deviceRow));
    $('devices-empty').hidden = list.length > 0;
  } catch (error) {
    showError(error, `加载 ${username} 的设备`);
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
    '撤销设备',
    `确定撤销用户 ${device.username} 的设备“${device.deviceName}”？撤销立即生效，该设备将退出登录，须重新输入密码；此操作不可恢复。`,
    '撤销设备');
  if (!confirmed) {
    return;
  }
  try {
    await whileBusy(button, () => deleteJson(`/api/admin/devices/${encodeURIComponent(device.id)}`));
    showNotice(`已撤销设备“${device.deviceName}”。`, 'success');
  } catch (error) {
    showError(error, '撤销设备');
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
  $('token-secret-for').textContent = `已为用户 ${issued.token.username} 签发令牌“${issued.token.name}”：`;
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
    status.textContent = '已复制到剪贴板。';
  } catch {
    // No clipboard API (or no permission): select the text for Ctrl+C, and try the old way.
    secretValue.focus();
    secretValue.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch { /* not supported */ }
    status.textContent = copied ? '已复制到剪贴板。' : '无法自动复制：令牌已选中，请按 Ctrl+C 复制。';
  }
});

issueForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearFormErrors(issueForm);
  hideNotice();
  const username = state.tokenUser;
  if (!username) {
    showFieldError(issueForm, '', '请先选择用户。');
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
$('audit-actions').append(
  ...Object.entries(ACTION_NAMES).map(([code, name]) => el('option', { value: code, label: `${name} ${code}` })));
$('audit-entity-types').append(
  ...Object.entries(ENTITY_TYPE_NAMES).map(([code, name]) => el('option', { value: code, label: `${name} ${code}` })));

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
  const label = event.before && event.after ? '变更前 / 变更后' : event.after ? '变更后' : '变更前';
  const parts = [];
  if (event.before) {
    parts.push(el('div', { className: 'state' }, el('h3', { text: '变更前' }), el('pre', { text: prettyJson(event.before) })));
  }
  if (event.after) {
    parts.push(el('div', { className: 'state' }, el('h3', { text: '变更后' }), el('pre', { text: prettyJson(event.after) })));
  }
  return el('td', { className: 'change' },
    el('details', {}, el('summary', { text: label }), el('div', { className: 'states' }, parts)));
}

function auditRow(event) {
  const action = el('td', { className: 'action' });
  if (ACTION_NAMES[event.action]) {
    action.append(el('span', { text: ACTION_NAMES[event.action] }), ' ');
  }
  action.append(el('code', { text: event.action }));
  const entityName = ENTITY_TYPE_NAMES[event.entityType] || event.entityType || '';
  const entity = el('td', { className: 'entity', title: event.entityType || null }, entityName);
  if (event.entityId) {
    entity.append(' ', el('code', { text: event.entityId }));
  }
  return el('tr', { 'data-audit-id': event.id, 'data-action': event.action },
    timeCell(event.at),
    el('td', { text: event.actor ?? '—' }),
    el('td', { text: ROLE_NAMES[event.actorRole] || event.actorRole || '—' }),
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
    action: $('audit-action').value.trim(),
    entityType: $('audit-entity-type').value.trim(),
    entityId: $('audit-entity-id').value.trim(),
    from: from ? localDayStart(from) : '',
    to: to ? localDayStart(to, 1) : '', // the whole last day
  };
}

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
    $('audit-body').replaceChildren(...events.map(auditRow));
    $('audit-empty').hidden = events.length > 0;
    $('audit-page').textContent = `第 ${page + 1} 页 · 本页 ${events.length} 条`;
    $('audit-prev').disabled = page === 0;
    $('audit-next').disabled = events.length < size;
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      showFormError(auditForm, error);
    } else {
      showError(error, '加载审计日志');
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

async function start() {
  selectTab(window.location.hash.slice(1));
  try {
    state.me = await me();
    showUser(state.me);
  } catch (error) {
    if (isSessionEnded(error)) {
      return;
    }
    state.me = { role: null };
    showNotice(`无法获取当前用户：${error.message}`, 'error');
  }
  await loadUsers();
  if (!state.forbidden) {
    selectTab(window.location.hash.slice(1));
  }
}

start();
