// Linked screens (三屏联动): the desk's 上大屏 button sends a case or an area to the walls of the
// user's centre (POST /api/wall/commands); a wall follows the commands (GET /api/wall/stream,
// server-sent events) and shows who drives it (GET /api/wall/commands/latest).
import { getJson, postJson } from './api.js';
import { t, addMessages } from './i18n.js';
import { el } from './dom.js';

addMessages({
  zh: {
    'screens.send': '上大屏',
    'screens.sendTitle': '在本中心的大屏上显示',
    'screens.sent': '已发送到大屏',
    'screens.failed': '未能发送到大屏：{message}',
  },
  en: {
    'screens.send': 'To the wall',
    'screens.sendTitle': "Show on this centre's wall screens",
    'screens.sent': 'Sent to the wall',
    'screens.failed': 'Could not send to the wall: {message}',
  },
});

/** Roles that may drive their centre's walls (the server checks again). */
const DRIVERS = new Set(['OPERATOR', 'GRID_LEADER']);
let userRole = null;

/** The signed-in user (from /api/me), so that the send buttons show for the roles that may send. */
export function rememberUser(user) {
  userRole = user?.role ?? null;
}

export const sendToWall = (command) => postJson('/api/wall/commands', command);
export const latestWallCommand = () => getJson('/api/wall/commands/latest');

/**
 * The 上大屏 button of a card: sends `command` ({ kind: 'CASE', caseNumber } or { kind: 'AREA',
 * areaCode }) and says whether it went; null for a role that may not drive the walls.
 */
export function wallButton(command) {
  if (!DRIVERS.has(userRole)) return null;
  const note = el('span', { class: 'wall-send-note', role: 'status', 'aria-live': 'polite' });
  const button = el('button', {
    type: 'button', class: 'wall-send', title: t('screens.sendTitle'), dataset: { kind: command.kind },
    onclick: async () => {
      button.disabled = true;
      note.textContent = '';
      note.classList.remove('error');
      try {
        await sendToWall(command);
        note.textContent = t('screens.sent');
      } catch (error) {
        if (error?.name === 'SessionEndedError') return;
        note.textContent = t('screens.failed', { message: error.message });
        note.classList.add('error');
      } finally {
        button.disabled = false;
      }
    },
  }, t('screens.send'));
  return el('span', { class: 'wall-send-box' }, button, note);
}

/**
 * Follows the wall commands of the user's centre: `onCommand(command)` for each; reconnects by
 * itself (the browser's EventSource) and after an error answer with a growing pause.
 */
export function followWallCommands(onCommand, { onState = () => {} } = {}) {
  let source = null;
  let pause = 1000;
  let timer = null;
  function open() {
    source = new EventSource('/api/wall/stream', { withCredentials: true });
    source.addEventListener('ready', () => {
      pause = 1000;
      onState('online');
    });
    source.addEventListener('focus', (event) => {
      let command;
      try {
        command = JSON.parse(event.data);
      } catch {
        return;
      }
      onCommand(command);
    });
    source.addEventListener('error', () => {
      onState('offline');
      if (source.readyState === EventSource.CLOSED) {
        clearTimeout(timer);
        timer = setTimeout(open, pause);
        pause = Math.min(30_000, pause * 2);
      }
    });
  }
  open();
  return {
    close() {
      clearTimeout(timer);
      source?.close();
    },
  };
}
