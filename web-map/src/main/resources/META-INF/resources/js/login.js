// The login page: a plain form POSTed to /login (username, password, _csrf). The script copies
// the CSRF token from the cookie XSRF-TOKEN into the hidden _csrf input just before submitting
// (asking GET /api/csrf for the cookie first when it is missing), shows the server's verdict
// (/login?error, ?locked, ?logout) and keeps the submit button disabled while submitting.
import { readCsrfCookie, csrfToken } from './api.js';

const MESSAGES = [
  ['locked', 'error', '账户因多次登录失败已被暂时锁定，请稍后再试或联系管理员。'],
  ['error', 'error', '用户名或密码错误，请重新输入。'],
  ['logout', 'info', '已退出登录。'],
];
const REMEMBERED_USERNAME = 'wangge.login.username';

/** sessionStorage, which may be unavailable (privacy settings): then nothing is remembered. */
const remembered = {
  get: () => { try { return sessionStorage.getItem(REMEMBERED_USERNAME); } catch { return null; } },
  set: (value) => { try { sessionStorage.setItem(REMEMBERED_USERNAME, value); } catch { /* not remembered */ } },
  clear: () => { try { sessionStorage.removeItem(REMEMBERED_USERNAME); } catch { /* nothing to clear */ } },
};

const form = document.getElementById('login-form');
const csrfInput = document.getElementById('csrf');
const username = document.getElementById('username');
const password = document.getElementById('password');
const submitButton = document.getElementById('login-submit');
const message = document.getElementById('login-message');
const submitLabel = submitButton.textContent;

function showMessage(text, kind) {
  message.classList.remove('login-message-error', 'login-message-info');
  if (text) {
    message.classList.add(`login-message-${kind}`);
  }
  message.textContent = text;
}

function setBusy(busy) {
  // Only the button is disabled: disabled inputs would not be submitted.
  submitButton.disabled = busy;
  submitButton.textContent = busy ? '正在登录…' : submitLabel;
  form.setAttribute('aria-busy', String(busy));
}

// The server's verdict on the previous attempt, from the query string.
const query = new URLSearchParams(window.location.search);
const verdict = MESSAGES.find(([parameter]) => query.has(parameter));
if (verdict) {
  const [parameter, kind, text] = verdict;
  showMessage(text, kind);
  if (parameter !== 'logout') {
    // Give the user back the name they typed and let them retype only the password.
    const name = remembered.get();
    if (name && !username.value) {
      username.value = name;
      password.focus();
    }
  }
}
if (!verdict || verdict[0] === 'logout') {
  remembered.clear();
}

// Have the cookie ready before the user submits, so the form goes off without a round trip.
if (!readCsrfCookie()) {
  csrfToken().catch(() => { /* retried on submit, where the failure is shown */ });
}

form.addEventListener('submit', (event) => {
  if (submitButton.disabled) {
    event.preventDefault();
    return;
  }
  showMessage('', 'info');
  remembered.set(username.value);
  setBusy(true);
  const token = readCsrfCookie();
  if (token) {
    csrfInput.value = token; // the browser submits the form as usual
    return;
  }
  event.preventDefault();
  csrfToken()
    .then((fresh) => {
      csrfInput.value = fresh;
      form.submit();
    })
    .catch((error) => {
      setBusy(false);
      showMessage(`无法连接服务器，请稍后再试（${error.message}）。`, 'error');
    });
});

// Coming back with the Back button (page restored from the back-forward cache): enable the form again.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    setBusy(false);
  }
});
