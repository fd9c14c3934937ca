// 我的待办 (the inbox): the signed-in user's tasks from GET /api/inbox, for every desk role, in one
// table sortable by clock colour (the server's order: red, yellow, nearest deadline), deadline,
// number, task, category, status, grid and received time. The clock is shown in colour and words.
// A row opens the case on the command map (/?case=<number>). The list follows the live feed
// (/api/live: reloaded a moment after a change) and reloads every 30 s in any case.
//
// Hooks for the browser test: <html data-ready>, data-loads (how many loads finished).
import { getJson, SessionEndedError, mapConfig } from './api.js';
import { addMessages, t, formatDateTime, formatNumber, onLanguageChange, hasMessage } from './i18n.js';
import { el } from './dom.js';
import { connectLive } from './live.js';
import { mountHeader, sortableHead, compare, clockColour } from './desk-page.js';

addMessages({
  zh: {
    'inbox.title': '我的待办',
    'inbox.col.clock': '时钟',
    'inbox.col.deadline': '时限',
    'inbox.col.number': '编号',
    'inbox.col.why': '待办事项',
    'inbox.col.category': '类别',
    'inbox.col.status': '状态',
    'inbox.col.grid': '网格',
    'inbox.col.received': '上报时间',
    'inbox.count': '共 {total} 件待办',
    'inbox.countSome': '共 {total} 件待办（显示最急的 {shown} 件）',
    'inbox.empty': '没有待办：新的任务会自动出现在这里。',
    'inbox.refreshed': '更新于 {time}',
    'inbox.open': '在指挥地图上打开 {number}',
    'inbox.overdueBy': '已超 {time}',
    'inbox.left': '剩 {time}',
    'inbox.days': '{n} 天',
    'inbox.hours': '{n} 小时',
    'inbox.minutes': '{n} 分钟',
    'why.ASSIGNED': '派给我办理',
    'why.CALLED_IN': '吹哨报到（本部门）',
    'why.OWNED': '上级指挥中心督办',
    'why.TO_DISPATCH': '待派遣',
    'why.TO_VERIFY': '待核查',
    'why.TO_FOLLOW_UP': '待回访',
    'live.online': '实时',
    'live.connecting': '正在连接实时数据…',
    'inbox.liveOffline': '实时数据中断，每 30 秒刷新',
  },
  en: {
    'inbox.title': 'My tasks',
    'inbox.col.clock': 'Clock',
    'inbox.col.deadline': 'Deadline',
    'inbox.col.number': 'Number',
    'inbox.col.why': 'Task',
    'inbox.col.category': 'Category',
    'inbox.col.status': 'Status',
    'inbox.col.grid': 'Grid',
    'inbox.col.received': 'Received',
    'inbox.count': '{total} tasks',
    'inbox.countSome': '{total} tasks (the {shown} most urgent shown)',
    'inbox.empty': 'Nothing to do: new tasks appear here by themselves.',
    'inbox.refreshed': 'Updated {time}',
    'inbox.open': 'Open {number} on the command map',
    'inbox.overdueBy': '{time} overdue',
    'inbox.left': '{time} left',
    'inbox.days': '{n} d',
    'inbox.hours': '{n} h',
    'inbox.minutes': '{n} min',
    'why.ASSIGNED': 'Assigned to me',
    'why.CALLED_IN': 'Called in (my department)',
    'why.OWNED': 'Owned by our centre (escalated)',
    'why.TO_DISPATCH': 'To dispatch',
    'why.TO_VERIFY': 'To verify',
    'why.TO_FOLLOW_UP': 'To follow up',
    'live.online': 'Live',
    'live.connecting': 'Connecting to live data…',
    'inbox.liveOffline': 'Live feed lost: refreshing every 30 s',
  },
});

const REFRESH_MS = 30_000;
const PAGE_SIZE = 200;
const CLOCK_ORDER = { red: 0, yellow: 1, green: 2, none: 3 };
const root = document.documentElement;
const $ = (id) => document.getElementById(id);
const state = { page: null, loadedAt: null };

/** A task's clock: the current stage's deadline (else the case's), and its colour. */
const deadlineOf = (task) => task.stageDueAt ?? task.dueAt;
const colourOf = (task) => clockColour({ dueAt: deadlineOf(task), urgeLevel: task.urgeLevel });

const VALUE = {
  clock: (task) => task.rank, // the server's order: red, yellow, then the nearest deadline
  deadline: (task) => deadlineOf(task),
  number: (task) => task.number,
  why: (task) => t(`why.${task.why}`),
  category: (task) => task.categoryName,
  status: (task) => t(`status.${task.status}`),
  grid: (task) => task.gridCode,
  received: (task) => task.reportedAt,
};
const sort = sortableHead($('inbox'), { key: 'clock', descending: false }, () => draw());

function span(ms) {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60000));
  if (minutes >= 48 * 60) return t('inbox.days', { n: Math.floor(minutes / 1440) });
  if (minutes >= 60) return t('inbox.hours', { n: Math.floor(minutes / 60) });
  return t('inbox.minutes', { n: minutes });
}

function draw() {
  const page = state.page;
  if (!page) return;
  const { key, descending } = sort.get();
  const tasks = [...page.items].sort((a, b) => compare(VALUE[key](a), VALUE[key](b), descending) || a.rank - b.rank);
  $('inbox-count').textContent = page.total > page.items.length
    ? t('inbox.countSome', { total: formatNumber(page.total), shown: page.items.length }) : t('inbox.count', { total: formatNumber(page.total) });
  $('inbox-legend').replaceChildren(...['red', 'yellow', 'green'].map((c) => el('span', { class: `clock clock-${c}` },
    `${t(`clock.${c}`)} ${page.items.filter((task) => colourOf(task) === c).length}`)));
  $('refreshed').textContent = t('inbox.refreshed', { time: formatDateTime(state.loadedAt, { timeStyle: 'medium' }) });
  const body = $('inbox').tBodies[0];
  if (!tasks.length) {
    body.replaceChildren(el('tr', {}, el('td', { colspan: '8', class: 'inbox-empty' }, t('inbox.empty'))));
    return;
  }
  const now = Date.now();
  body.replaceChildren(...tasks.map((task) => {
    const colour = colourOf(task);
    const due = deadlineOf(task);
    const left = due ? Date.parse(due) - now : null;
    const open = () => window.location.assign(`/?case=${encodeURIComponent(task.number)}`);
    return el('tr', {
      tabindex: '0',
      class: `clock-row-${colour}`,
      dataset: { number: task.number, clock: colour, id: String(task.id) },
      title: t('inbox.open', { number: task.number }),
      onclick: open,
      onkeydown: (event) => { if (event.key === 'Enter') open(); },
    },
    el('td', {}, el('span', { class: `clock clock-${colour}` }, t(`clock.${colour}`))),
    el('td', {}, formatDateTime(due), left == null ? '' : el('span', { class: left < 0 ? 'late' : 'left' },
      ` · ${t(left < 0 ? 'inbox.overdueBy' : 'inbox.left', { time: span(left) })}`)),
    el('td', { class: `risk-${task.risk}` }, task.number),
    el('td', { class: 'why' }, hasMessage(`why.${task.why}`) ? t(`why.${task.why}`) : task.why),
    el('td', {}, task.categoryName),
    el('td', {}, hasMessage(`status.${task.status}`) ? t(`status.${task.status}`) : task.status),
    el('td', {}, task.gridCode ?? ''),
    el('td', {}, formatDateTime(task.reportedAt)));
  }));
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

let loading = null;
async function load() {
  if (loading) return loading;
  loading = (async () => {
    try {
      const page = await getJson(`/api/inbox?size=${PAGE_SIZE}`);
      page.items.forEach((task, i) => { task.rank = i; });
      state.page = page;
      state.loadedAt = new Date();
      showError('');
      draw();
    } catch (error) {
      if (!(error instanceof SessionEndedError)) showError(error.message);
    } finally {
      loading = null;
      root.dataset.loads = String(Number(root.dataset.loads || 0) + 1);
    }
  })();
  return loading;
}

let soon = null;
const loadSoon = () => {
  clearTimeout(soon);
  soon = setTimeout(load, 800);
};

async function start() {
  await mountHeader();
  const config = await mapConfig().catch(() => null);
  await load();
  setInterval(load, REFRESH_MS);
  const liveStatus = $('live-status');
  connectLive(config?.live?.url ?? '/api/live', {
    onChange: loadSoon,
    onState: (live) => {
      liveStatus.dataset.state = live;
      liveStatus.textContent = live === 'online' ? t('live.online') : live === 'offline' ? t('inbox.liveOffline') : t('live.connecting');
    },
  });
  onLanguageChange(() => draw());
  root.dataset.ready = 'true';
}

start().catch((error) => {
  if (!(error instanceof SessionEndedError)) {
    console.error(error);
    showError(error.message);
  }
});
