// Alarms (报警) on the desk map, the wall and the phone: a banner (a card on the phone) that flashes
// while an alarm is open at a level the user must acknowledge (确认), with a beep every two seconds,
// and a 确认 button (POST /api/alarms/{id}/acknowledge). The wall (html.wall-mode) flashes every
// open alarm of its area in big text, and keeps the acknowledged ones of the last hour with who
// acknowledged and when. Read from GET /api/alarms; refreshed when the live feed brings an ALARM_*
// timeline entry (noteChange), every 20 s, and the countdown ticks every second.
//
// Sound: browsers start Web Audio only after a user gesture on the page. The first click or key on
// the page (signing in on the phone, any click on the desk) turns the sound on; until then the
// banner shows a 开启声音 button that does it.
import { addMessages, t, formatDateTime, onLanguageChange, currentLanguage } from './i18n.js';
import { el, fill } from './dom.js';

addMessages({
  zh: {
    'alarm.title': '报警',
    'alarm.acknowledge': '确认',
    'alarm.acknowledging': '正在确认…',
    'alarm.waiting': '待{area}（{level}）确认',
    'alarm.left': '剩余 {time}',
    'alarm.overdue': '已超时 {time}',
    'alarm.acknowledged': '{who} 已于 {time} 确认（{level}）',
    'alarm.level.GRID': '网格长',
    'alarm.level.COMMUNITY': '社区中心',
    'alarm.level.STREET': '街道中心',
    'alarm.level.DISTRICT': '区中心',
    'alarm.reason.ITEM': '报警事项',
    'alarm.reason.RULE': '高风险·多人',
    'alarm.soundOn': '开启声音',
    'alarm.soundOnTitle': '浏览器要求先点击一次页面才能发声：点此开启报警声音',
    'alarm.failed': '确认失败：{message}',
    'alarm.more': '另有 {n} 条报警',
    'action.ALARM_RAISED': '报警',
    'action.ALARM_CLIMBED': '报警上提',
    'action.ALARM_ACKNOWLEDGED': '报警已确认',
    'action.ALARM_OVERDUE': '报警超时',
  },
  en: {
    'alarm.title': 'Alarm',
    'alarm.acknowledge': 'Acknowledge',
    'alarm.acknowledging': 'Acknowledging…',
    'alarm.waiting': 'Waiting for the {level}, {area}',
    'alarm.left': '{time} left',
    'alarm.overdue': '{time} overdue',
    'alarm.acknowledged': 'Acknowledged by {who} at {time} ({level})',
    'alarm.level.GRID': 'grid leader',
    'alarm.level.COMMUNITY': 'community centre',
    'alarm.level.STREET': 'street centre',
    'alarm.level.DISTRICT': 'district centre',
    'alarm.reason.ITEM': 'alarm item',
    'alarm.reason.RULE': 'high risk, many people',
    'alarm.soundOn': 'Sound on',
    'alarm.soundOnTitle': 'Browsers play sound only after a click on the page: click to turn the alarm sound on',
    'alarm.failed': 'Could not acknowledge: {message}',
    'alarm.more': '{n} more alarms',
    'action.ALARM_RAISED': 'Alarm raised',
    'action.ALARM_CLIMBED': 'Alarm climbed',
    'action.ALARM_ACKNOWLEDGED': 'Alarm acknowledged',
    'action.ALARM_OVERDUE': 'Alarm overdue',
  },
});

const REFRESH_MS = 20_000;
const BEEP_EVERY_MS = 2_000;
const ROWS = 3;
const WALL_ROWS = 5;

// --- Sound ------------------------------------------------------------------------------------------

let audio = null;
function unlockAudio() {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') audio.resume().catch(() => {});
  } catch {
    audio = null;
  }
}
['pointerdown', 'keydown', 'touchstart'].forEach((type) => document.addEventListener(type, unlockAudio, { capture: true, passive: true }));
const soundReady = () => audio != null && audio.state === 'running';

/** Two short tones (880 Hz, 660 Hz); silent until the page has had a user gesture. */
function beep() {
  if (!soundReady()) return false;
  const now = audio.currentTime;
  [[880, 0], [660, 0.25]].forEach(([frequency, offset]) => {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'square';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, now + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, now + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.2);
    osc.connect(gain).connect(audio.destination);
    osc.start(now + offset);
    osc.stop(now + offset + 0.22);
  });
  window.wanggeAlarmBeeps = (window.wanggeAlarmBeeps ?? 0) + 1;
  return true;
}

// --- The banner ---------------------------------------------------------------------------------------

function clock(ms) {
  const s = Math.max(0, Math.round(Math.abs(ms) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Mounts the alarms in `box`.
 * @param load () => Promise<alarm[]> (GET /api/alarms)
 * @param acknowledge (id) => Promise<alarm> (POST /api/alarms/{id}/acknowledge)
 * @param openCase (incidentId) => void, or null
 * @param phone whether `box` is the phone's card (no wall mode there)
 * @param active () => boolean: whether to refresh now (the phone: while signed in)
 */
export function mountAlarms(box, { load, acknowledge, openCase = null, phone = false, active = () => true }) {
  let alarms = [];
  let error = '';
  let busy = null;
  let lastBeep = 0;
  const isWall = () => !phone && document.documentElement.classList.contains('wall-mode');

  async function refresh() {
    try {
      alarms = (await load()) ?? [];
      error = '';
    } catch {
      // Offline or signed out: keep what was shown; the next refresh tries again.
    }
    draw();
  }

  /** What to show: open alarms (the wall: also those acknowledged lately), the user's own first. */
  function shown() {
    const wall = isWall();
    const list = alarms.filter((a) => a.state === 'OPEN' || (wall && a.acknowledgedBy));
    const rank = (a) => (a.state === 'OPEN' ? (a.mine ? 0 : 1) : 2);
    return list.map((a, i) => [a, i]).sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j).map(([a]) => a);
  }

  function line(a) {
    const now = Date.now();
    const item = currentLanguage() === 'en' && a.itemNameEn ? a.itemNameEn : a.itemName;
    const head = el('span', { class: 'alarm-what' },
      el('strong', {}, `${t('alarm.title')} · ${item}`), ' ',
      openCase ? el('a', { href: '#', class: 'alarm-number', onclick: (e) => { e.preventDefault(); openCase(a.incidentId); } }, a.number)
        : el('span', { class: 'alarm-number' }, a.number),
      ' · ', el('span', { class: 'alarm-place' }, a.placeName ?? a.gridCode ?? a.areaCode ?? ''),
      ' · ', el('span', { class: 'alarm-reason' }, t(`alarm.reason.${a.reason}`)));
    if (a.state !== 'OPEN') {
      return el('div', { class: 'alarm alarm-done', dataset: { alarmId: a.id, level: a.level } }, head,
        el('span', { class: 'alarm-who' }, t('alarm.acknowledged', {
          who: a.acknowledgedBy, time: formatDateTime(a.acknowledgedAt, { timeStyle: 'medium' }), level: t(`alarm.level.${a.level}`),
        })));
    }
    const left = a.dueAt ? new Date(a.dueAt).getTime() - now : null;
    const area = a.levelAreaName ?? a.levelAreaCode;
    const flashing = a.mine || isWall();
    return el('div', { class: `alarm${flashing ? ' alarm-flash' : ''}${a.mine ? ' alarm-mine' : ''}`, dataset: { alarmId: a.id, level: a.level } },
      head,
      el('span', { class: 'alarm-level' }, t('alarm.waiting', { area, level: t(`alarm.level.${a.level}`) })),
      left == null ? null : el('span', { class: 'alarm-clock', dataset: { dueAt: a.dueAt } }),
      a.mine ? el('button', { type: 'button', class: 'alarm-ack', disabled: busy === a.id, onclick: () => ack(a) },
        busy === a.id ? t('alarm.acknowledging') : t('alarm.acknowledge')) : null);
  }

  async function ack(a) {
    busy = a.id;
    error = '';
    draw();
    let failed = '';
    try {
      await acknowledge(a.id);
    } catch (e) {
      failed = t('alarm.failed', { message: e?.message ?? String(e) });
    }
    busy = null;
    await refresh();
    error = failed;
    draw();
  }

  // The banner is rebuilt only when what it shows changes (so a click never lands on a node being
  // replaced); every second only the countdowns are rewritten.
  let drawn = '';
  function draw() {
    const list = shown();
    const wall = isWall();
    const urgent = list.some((a) => a.state === 'OPEN' && (a.mine || wall));
    const limit = wall ? WALL_ROWS : ROWS;
    const signature = JSON.stringify([list.slice(0, limit).map((a) => [a.id, a.state, a.level, a.mine, a.acknowledgedBy]), list.length,
      busy, error, wall, currentLanguage(), urgent && !soundReady()]);
    if (signature !== drawn) {
      drawn = signature;
      box.hidden = list.length === 0 && !error;
      box.classList.toggle('alarm-urgent', urgent);
      const sound = urgent && !soundReady()
        ? el('button', { type: 'button', class: 'alarm-sound', title: t('alarm.soundOnTitle'), onclick: () => { unlockAudio(); setTimeout(draw, 100); } },
          t('alarm.soundOn'))
        : null;
      const more = list.length > limit ? el('p', { class: 'alarm-more' }, t('alarm.more', { n: list.length - limit })) : null;
      fill(box, ...list.slice(0, limit).map(line), more, error ? el('p', { class: 'alarm-error', role: 'alert' }, error) : null, sound);
    }
    box.querySelectorAll('.alarm-clock').forEach((span) => {
      const left = new Date(span.dataset.dueAt).getTime() - Date.now();
      span.classList.toggle('late', left < 0);
      span.textContent = left >= 0 ? t('alarm.left', { time: clock(left) }) : t('alarm.overdue', { time: clock(left) });
    });
    if (urgent && Date.now() - lastBeep >= BEEP_EVERY_MS && beep()) lastBeep = Date.now();
  }

  setInterval(draw, 1000);
  setInterval(() => { if (active() && navigator.onLine !== false) refresh(); }, REFRESH_MS);
  onLanguageChange(() => draw());
  refresh();
  return {
    refresh,
    redraw: draw,
    /** Signed out: nothing shown until the next refresh. */
    clear() {
      alarms = [];
      error = '';
      draw();
    },
    /** A live change: an ALARM_* entry, or any change of a case with an alarm shown, reloads. */
    noteChange(change) {
      if (String(change?.action ?? '').startsWith('ALARM_')) refresh();
    },
  };
}
