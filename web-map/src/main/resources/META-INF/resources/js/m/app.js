// The grid member's phone app (/m/): sign-in for a shift, 我的任务 (the inbox, live), my grid on a
// map, the case screen, 上报 and 巡查. Views are switched by the address's hash (#tasks, #map,
// #report, #patrol, #case/<id>) so the phone's back button works. Everything that changes data
// goes through the outbox (outbox.js); what was read last is cached by the service worker.
import './messages.js';
import { t, applyTranslations, setLanguage, currentLanguage, onLanguageChange, formatDateTime, formatNumber } from '../i18n.js';
import { el } from '../dom.js';
import { ApiError, ROLE_NAMES } from '../api.js';
import { connectLive } from '../live.js';
import { mountAlarms } from '../alarms.js';
import { get, request, renewSession, signInWithPassword, signOut, onSignedOut, OfflineError, SignedOutError } from './net.js';
import { kv } from './store.js';
import { flush, items as queuedItems, discard, retry, onOutbox } from './outbox.js';
import { watchPosition, lastFix, metresBetween } from './geo.js';
import { showGridMap, refreshGridMap } from './grid-map.js';
import { clockOf, timeLeft, distanceText } from './app-util.js';
import { showCase, caseChanged } from './case.js';
import { showReport } from './report.js';
import { showPatrol, resumePatrol } from './patrol.js';

const $ = (id) => document.getElementById(id);
const VIEWS = ['signin', 'tasks', 'map', 'case', 'report', 'patrol'];

/** What the views share. */
export const app = {
  me: null,
  member: null,
  tasks: [],
  tasksAt: null,
  tasksStale: false,
  caseInfo: new Map(),
  view: null,
  live: null,
  online: navigator.onLine,
  liveState: 'connecting',
  notice,
  go,
  refreshTasks,
  caseInfo: null,
};
const caseInfo = new Map();
app.caseInfo = caseInfo;

// --- Notices: stay until the member taps 知道了 ---------------------------------------------------

/** Shows a message that stays until read; `kind`: 'ok' | 'warn' | 'error'. Several pile up. */
export function notice(text, kind = 'ok') {
  const box = $('m-notice');
  const p = $('m-notice-text');
  if (box.hidden) {
    p.textContent = text;
  } else {
    p.textContent = `${p.textContent}\n${text}`;
    if (kind === 'error' || (kind === 'warn' && box.dataset.kind === 'ok')) box.dataset.kind = kind;
  }
  if (box.hidden) box.dataset.kind = kind;
  box.hidden = false;
  box.scrollIntoView?.({ block: 'nearest' });
}
$('m-notice-ok').addEventListener('click', () => { $('m-notice').hidden = true; $('m-notice-text').textContent = ''; });

// --- Views ------------------------------------------------------------------------------------------

export function go(hash) {
  if (window.location.hash === `#${hash}`) {
    route();
  } else {
    window.location.hash = hash;
  }
}

function showView(name) {
  app.view = name;
  VIEWS.forEach((v) => { $(`v-${v}`).hidden = v !== name; });
  document.querySelectorAll('.m-tab').forEach((tab) => {
    if (tab.dataset.view === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  });
  $('m-tabs').hidden = name === 'signin';
  document.documentElement.dataset.view = name;
}

function route() {
  if (!app.me) {
    showView('signin');
    return;
  }
  const hash = window.location.hash.replace(/^#/, '') || 'tasks';
  const [name, arg] = hash.split('/');
  $('m-menu').hidden = true;
  if (name === 'case' && arg) {
    showView('case');
    showCase(app, Number(arg));
  } else if (name === 'map') {
    showView('map');
    showGridMap(app);
  } else if (name === 'report') {
    showView('report');
    showReport(app);
  } else if (name === 'patrol') {
    showView('patrol');
    showPatrol(app);
  } else {
    showView('tasks');
    if (name === 'tasks') clearBadge();
    renderTasks();
  }
  window.scrollTo(0, 0);
}
window.addEventListener('hashchange', route);
document.querySelectorAll('.m-tab').forEach((tab) => tab.addEventListener('click', () => go(tab.dataset.view)));

// --- Network state --------------------------------------------------------------------------------

async function renderNet() {
  const pending = (await queuedItems()).filter((i) => i.state === 'pending').length;
  const net = $('m-net');
  const offline = !navigator.onLine;
  net.dataset.state = offline ? 'offline' : (app.liveState === 'online' ? 'online' : 'connecting');
  const parts = [];
  if (offline) parts.push(currentLanguage() === 'zh' ? '离线' : 'Offline');
  if (pending) parts.push(`${pending} ${t('m.pending')}`);
  net.textContent = parts.join(' · ');
}
window.addEventListener('online', () => { renderNet(); refreshTasks(); });
window.addEventListener('offline', renderNet);

// --- Sign-in ------------------------------------------------------------------------------------------

/** Marks (once) the moment the first usable screen is up: the sign-in form, or the tasks. */
function usable() {
  if (!performance.getEntriesByName('m-usable').length) performance.mark('m-usable');
}

function showSignIn(message) {
  usable();
  app.me = null;
  app.live?.close();
  app.live = null;
  app.alarms?.clear();
  $('signin-message').textContent = message || '';
  showView('signin');
  kv.get('me').then((me) => {
    if (me?.username && !$('signin-username').value) {
      $('signin-username').value = me.username;
      $('signin-password').focus();
    }
  });
}

onSignedOut((e) => {
  if (e.code === 'NONE') {
    showSignIn('');
    return;
  }
  const why = t(`m.why.${e.code}`);
  showSignIn(t('m.signedOutDevice', { why }));
});

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = $('signin-submit');
  button.disabled = true;
  button.textContent = t('m.signingIn');
  try {
    const me = await signInWithPassword($('signin-username').value.trim(), $('signin-password').value);
    $('signin-password').value = '';
    $('signin-message').textContent = '';
    if ('Notification' in window && Notification.permission === 'default') {
      Notification.requestPermission().catch(() => {});
    }
    await signedIn(me);
  } catch (e) {
    $('signin-message').textContent = e instanceof OfflineError ? t('m.needNetwork', { what: t('m.signIn') })
      : (e instanceof ApiError && e.status === 401 ? `${t('m.badCredentials')} ${e.problem?.detail ?? ''}`.trim() : e.message);
  } finally {
    button.disabled = false;
    button.textContent = t('m.signInButton');
  }
});

async function signedIn(me) {
  app.me = me;
  await kv.set('me', me);
  $('m-user').textContent = `${me.displayName ?? me.username} · ${ROLE_NAMES[me.role] ?? me.roleName ?? ''}${me.jurisdiction?.name ? ` · ${me.jurisdiction.name}` : ''}`;
  try {
    app.member = me.memberCode ? await get('/api/members/me') : null;
  } catch (e) {
    app.member = e instanceof OfflineError ? ((await kv.get('member')) ?? null) : null;
  }
  if (app.member) await kv.set('member', app.member);
  $('m-duty').checked = Boolean(app.member?.onDuty);
  $('m-duty').disabled = !me.memberCode;
  route();
  connect();
  // Alarms: a flashing card with 确认 for the level this user answers for (the grid leader's).
  app.alarms ??= mountAlarms($('m-alarms'), {
    load: () => get('/api/alarms'),
    acknowledge: (id) => request('POST', `/api/alarms/${encodeURIComponent(id)}/acknowledge`, {
      json: {}, headers: { 'Idempotency-Key': crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}` },
    }),
    openCase: (id) => go(`#case/${id}`),
    phone: true,
    active: () => app.live != null,
  });
  app.alarms.refresh();
  await refreshTasks();
  flush();
  resumePatrol(app);
}

$('m-signout').addEventListener('click', async () => {
  const waiting = (await queuedItems()).length;
  if (waiting && !window.confirm(t('m.signOutQueued', { n: waiting }))) return;
  await signOut();
  const { outbox } = await import('./store.js');
  await outbox.clear();
  await Promise.all(['m-data', 'm-photos'].map((name) => caches?.delete(name).catch(() => {})));
  caseInfo.clear();
  app.tasks = [];
  showSignIn('');
});

$('m-menu-button').addEventListener('click', () => {
  const menu = $('m-menu');
  menu.hidden = !menu.hidden;
  $('m-menu-button').setAttribute('aria-expanded', String(!menu.hidden));
});

$('m-lang').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
onLanguageChange(() => { renderNet(); if (app.me) route(); });

// --- Duty and position sharing -----------------------------------------------------------------------

let sharedAt = 0;
let sharedFix = null;
$('m-duty').addEventListener('change', async (event) => {
  const onDuty = event.target.checked;
  try {
    const answer = await request('PUT', '/api/members/me/duty', { json: { onDuty } });
    if (app.member) app.member.onDuty = answer?.onDuty ?? onDuty;
    notice(t(onDuty ? 'm.dutyOn' : 'm.dutyOff'));
    if (onDuty) sharePosition(lastFix(), true);
  } catch (e) {
    event.target.checked = !onDuty;
    notice(e instanceof OfflineError ? t('m.needNetwork', { what: t('m.onDuty') }) : e.message, 'error');
  }
});

function sharePosition(fix, now = false) {
  if (!fix || !app.member?.onDuty) return;
  const moved = sharedFix ? metresBetween(sharedFix, fix) : Infinity;
  if (!now && Date.now() - sharedAt < 30_000 && moved < 25) return;
  sharedAt = Date.now();
  sharedFix = fix;
  request('POST', '/api/members/me/position', { json: { lon: fix.lon, lat: fix.lat } }).catch(() => {});
}

// --- 我的任务 -------------------------------------------------------------------------------------------

let knownTaskIds = null;
let badge = 0;

function clearBadge() {
  badge = 0;
  $('tab-badge').hidden = true;
}

function announce(newTasks) {
  if (!newTasks.length) return;
  badge += newTasks.length;
  $('tab-badge').textContent = String(badge);
  $('tab-badge').hidden = app.view === 'tasks' && !document.hidden ? badge === 0 : false;
  navigator.vibrate?.([200, 100, 200]);
  const text = newTasks.length === 1
    ? t('m.newTask', { category: newTasks[0].categoryName, number: newTasks[0].number })
    : t('m.newTasks', { n: newTasks.length });
  if ('Notification' in window && Notification.permission === 'granted') {
    navigator.serviceWorker?.getRegistration('/m/').then((reg) => reg?.showNotification(text, { tag: 'wangge-task', icon: '/m/icons/icon-192.png', data: { url: `/m/#case/${newTasks[0].id}` } })).catch(() => {});
  }
}

let refreshing = null;
export function refreshTasks() {
  if (!app.me) return Promise.resolve();
  if (!refreshing) {
    refreshing = (async () => {
      document.documentElement.dataset.tasksLoading = 'true';
      try {
        const page = await get('/api/inbox?size=200');
        app.tasks = page.items;
        app.tasksTotal = page.total;
        app.tasksAt = new Date().toISOString();
        app.tasksStale = false;
        await kv.set('inbox', { at: app.tasksAt, items: page.items, total: page.total });
      } catch (e) {
        if (!(e instanceof OfflineError)) {
          if (!(e instanceof SignedOutError)) notice(e.message, 'error');
          return;
        }
        const cached = await kv.get('inbox');
        app.tasks = cached?.items ?? [];
        app.tasksTotal = cached?.total ?? app.tasks.length;
        app.tasksAt = cached?.at ?? null;
        app.tasksStale = true;
      } finally {
        document.documentElement.dataset.tasksLoading = 'false';
      }
      const ids = new Set(app.tasks.map((task) => task.id));
      if (knownTaskIds) {
        announce(app.tasks.filter((task) => !knownTaskIds.has(task.id) && task.why === 'ASSIGNED'));
      }
      app.freshIds = knownTaskIds ? new Set([...ids].filter((id) => !knownTaskIds.has(id))) : new Set();
      knownTaskIds = ids;
      renderTasks();
      usable();
      refreshGridMap(app);
      loadCaseInfo();
    })().finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** Each task's place and address text (for the distance and the row), cached on the phone. */
async function loadCaseInfo() {
  const missing = app.tasks.filter((task) => !caseInfo.has(task.id));
  for (const task of missing) {
    const cached = await kv.get(`case-info:${task.id}`);
    if (cached) caseInfo.set(task.id, cached);
  }
  const queue = app.tasks.filter((task) => !caseInfo.has(task.id));
  const worker = async () => {
    while (queue.length) {
      const task = queue.shift();
      try {
        const view = await get(`/api/incidents/${task.id}`);
        const info = { lon: view.lon, lat: view.lat, address: null };
        try {
          const near = await get(`/api/geocode/reverse?lon=${view.lon}&lat=${view.lat}&maxDistance=300`);
          info.address = near?.address?.fullText ?? null;
        } catch { /* no address near: the row shows the grid */ }
        caseInfo.set(task.id, info);
        kv.set(`case-info:${task.id}`, info);
        updateRow(task);
      } catch { /* offline: later */ }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  refreshGridMap(app);
}

function rowOf(task) {
  const info = caseInfo.get(task.id);
  const fix = lastFix();
  const distance = info && fix ? t('m.distance', { d: distanceText(metresBetween(fix, info)) }) : '';
  const status = t(`status.${task.status}`);
  return el('li', {},
    el('button', {
      type: 'button', class: `m-task${app.freshIds?.has(task.id) ? ' m-task-new' : ''}`,
      dataset: { clock: clockOf(task), id: String(task.id), why: task.why },
      onclick: () => go(`case/${task.id}`),
    },
    el('span', { class: 'm-clock', 'aria-hidden': 'true' }),
    el('span', { class: 'm-task-cat' }, task.categoryName),
    el('span', { class: 'm-task-left' }, task.status === 'CLOSED' ? status : timeLeft(task.stageDueAt)),
    el('span', { class: 'm-task-addr' }, info?.address ?? task.gridCode ?? ''),
    el('span', { class: 'm-task-meta' }, [t(`m.why.${task.why}`), status, distance, task.number].filter(Boolean).join(' · '))));
}

function updateRow(task) {
  const old = document.querySelector(`.m-task[data-id="${task.id}"]`)?.parentElement;
  if (old) old.replaceWith(rowOf(task));
}

function renderTasks() {
  const list = $('tasks');
  $('tasks-count').textContent = app.tasks.length ? t('m.tasksCount', { n: app.tasks.length }) : '';
  list.replaceChildren(...app.tasks.map(rowOf));
  if (!app.tasks.length) list.append(el('li', { class: 'm-muted' }, t('m.tasksEmpty')));
  if (app.tasksStale && app.tasksAt) list.prepend(el('li', { class: 'm-muted' }, t('m.tasksStale', { time: formatDateTime(app.tasksAt) })));
  renderOutbox();
}

$('tasks-refresh').addEventListener('click', () => { clearBadge(); refreshTasks(); });

// Pull to refresh: a downward drag from the top of the list.
let pullFrom = null;
$('v-tasks').addEventListener('touchstart', (e) => { pullFrom = window.scrollY <= 0 ? e.touches[0].clientY : null; }, { passive: true });
$('v-tasks').addEventListener('touchmove', (e) => {
  if (pullFrom != null) $('pull-hint').classList.toggle('m-pulling', e.touches[0].clientY - pullFrom > 70);
}, { passive: true });
$('v-tasks').addEventListener('touchend', () => {
  if ($('pull-hint').classList.contains('m-pulling')) {
    clearBadge();
    refreshTasks();
  }
  $('pull-hint').classList.remove('m-pulling');
  pullFrom = null;
});

// --- The outbox on screen ---------------------------------------------------------------------------

function conflictText(item) {
  const allowed = (item.problem?.allowedActions ?? []).map((a) => t(`action.${a}`)).join('、') || '–';
  return t('m.conflictText', {
    action: item.label, number: item.number ?? item.incidentId, status: t(`status.${item.problem?.currentStatus}`), allowed,
  });
}

async function renderOutbox() {
  const box = $('outbox');
  const list = await queuedItems();
  box.replaceChildren(...list.map((item) => {
    const tag = { pending: t('m.pending'), failed: t('m.failed'), conflict: t('m.conflict') }[item.state];
    const old = Date.now() - Date.parse(item.createdAt) > 7 * 24 * 3600_000;
    return el('div', { class: 'm-queued', dataset: { state: item.state, key: item.key, kind: item.kind } },
      el('span', { class: 'm-tag' }, tag), ' ',
      el('strong', {}, item.label), ' ',
      el('span', { class: 'm-muted' }, t('m.late', { time: formatDateTime(item.createdAt) })),
      old ? el('p', { class: 'm-hint' }, t('m.tooOld')) : null,
      item.state === 'conflict' ? el('p', {}, conflictText(item)) : null,
      item.state === 'failed' ? el('p', {}, item.message) : null,
      item.state !== 'pending' ? el('div', { class: 'm-actions' },
        item.state === 'failed' ? el('button', { type: 'button', class: 'm-button', onclick: () => retry(item.key) }, t('m.retry')) : null,
        el('button', { type: 'button', class: 'm-button m-danger', onclick: () => discard(item.key) }, t('m.discard'))) : null);
  }));
  renderNet();
}

onOutbox((event) => {
  if (event.type === 'changed') {
    renderOutbox();
  } else if (event.type === 'sent' && event.item.attempts > 0) {
    // Sent later than it was made: say so (what was sent at once is confirmed by its own screen).
    const number = event.answer?.number ?? event.item.number ?? '';
    notice(event.item.kind === 'report' ? t('m.sentReport', { number }) : t('m.sentAction', { action: event.item.label, number }));
    refreshTasks();
  } else if (event.type === 'conflict') {
    notice(conflictText(event.item), 'error');
  } else if (event.type === 'failed') {
    notice(`${event.item.label}: ${event.item.message}`, 'error');
  }
});

// --- Live: new tasks arrive while the app is open --------------------------------------------------

let liveTimer = null;
function connect() {
  if (app.live) return;
  app.live = connectLive('/api/live', {
    onChange(change) {
      app.alarms?.noteChange(change);
      caseChanged(app, change);
      clearTimeout(liveTimer);
      liveTimer = setTimeout(() => refreshTasks(), 150);
    },
    onState(state) {
      app.liveState = state;
      renderNet();
    },
  });
}

// --- Start ---------------------------------------------------------------------------------------------

watchPosition((fix) => {
  if (!fix) return;
  sharePosition(fix);
  if (app.view === 'tasks') {
    document.querySelectorAll('.m-task').forEach((row) => {
      const task = app.tasks.find((x) => String(x.id) === row.dataset.id);
      if (task) updateRow(task);
    });
  }
});

navigator.serviceWorker?.addEventListener('message', (event) => {
  if (event.data?.type === 'open' && event.data.url) window.location.assign(event.data.url);
});

async function start() {
  applyTranslations(document);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(() => {});
  }
  renderNet();
  // Without a remembered device there is nothing to try: the sign-in form. With one, the device
  // token signs the session in (and is replaced); offline, the app starts on what it cached.
  if (!(await kv.get('device'))) {
    showSignIn('');
  } else {
    try {
      await signedIn(await renewSession());
    } catch (e) {
      if (e instanceof OfflineError) {
        await signedIn(await kv.get('me'));
      } else if (e instanceof SignedOutError) {
        showSignIn(t('m.signedOutDevice', { why: t(`m.why.${e.code}`) }));
      } else {
        showSignIn(e.message);
      }
    }
  }
  document.documentElement.dataset.ready = 'true';
}

start();
