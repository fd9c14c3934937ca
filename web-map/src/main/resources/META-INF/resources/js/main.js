// Entry point of the grid map page: shows the signed-in user, then draws the current grids
// coloured by community (and, for an ADMIN, a link to the administration page). Without a
// session (401) the page goes to /login.
import { me, logout, ROLE_NAMES, SessionEndedError } from './api.js';
import { createGridMap } from './grid-map.js';

const errorBox = document.getElementById('error');
const summary = document.getElementById('summary');

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

const isSessionEnded = (error) => error instanceof SessionEndedError;

window.addEventListener('unhandledrejection', (event) => {
  if (!isSessionEnded(event.reason)) {
    showError(String(event.reason));
  }
});

function showUser(user) {
  const name = user.displayName || user.username;
  const roleName = ROLE_NAMES[user.role] || user.roleName || user.role || '';
  const jurisdiction = user.jurisdiction;
  document.getElementById('user-name').textContent = name;
  document.getElementById('user-name').title = user.username;
  document.getElementById('user-role').textContent = roleName;
  const areaElement = document.getElementById('user-area');
  areaElement.textContent = jurisdiction?.name || '';
  areaElement.title = jurisdiction?.code || '';
  areaElement.hidden = !jurisdiction?.name;
  // Only a convenience: the administration API itself answers 403 to everyone else.
  document.getElementById('admin-link').hidden = user.role !== 'ADMIN';
  document.getElementById('user-bar').hidden = false;
}

const logoutButton = document.getElementById('logout');
logoutButton.addEventListener('click', () => {
  logoutButton.disabled = true;
  logout().catch((error) => {
    logoutButton.disabled = false;
    if (!isSessionEnded(error)) {
      showError(error.message);
    }
  });
});

async function start() {
  try {
    showUser(await me());
  } catch (error) {
    if (isSessionEnded(error)) {
      return;
    }
    showError(`无法获取当前用户：${error.message}`);
  }
  try {
    window.wangge = await createGridMap(document.getElementById('map'), {
      onSummary: (text) => { summary.textContent = text; },
    });
  } catch (error) {
    if (!isSessionEnded(error)) {
      showError(`网格加载失败：${error.message}`);
    }
  }
}

start();
