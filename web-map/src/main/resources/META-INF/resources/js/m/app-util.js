// Small words shared by the phone's screens: a case's clock colour, time left and distances.
import { t, formatNumber } from '../i18n.js';

/** Clock colour: red when urged red or past the stage deadline, yellow when urged, else green. */
export function clockOf(task, now = Date.now()) {
  const due = task.stageDueAt ?? task.loop?.stageDueAt;
  const urge = task.urgeLevel ?? task.loop?.urgeLevel ?? 0;
  if (urge >= 2 || (due && Date.parse(due) < now)) return 'red';
  if (urge === 1) return 'yellow';
  return due ? 'green' : 'none';
}

export function duration(ms) {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return t('m.minutes', { min: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('m.hours', { h: hours, min: minutes % 60 });
  return t('m.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

export function timeLeft(due, now = Date.now()) {
  if (!due) return t('m.noClock');
  const left = Date.parse(due) - now;
  return left >= 0 ? t('m.left', { time: duration(left) }) : t('m.over', { time: duration(-left) });
}

export function distanceText(metres) {
  if (metres == null || !Number.isFinite(metres)) return '';
  return metres < 1000 ? t('m.metres', { n: formatNumber(Math.round(metres)) }) : t('m.km', { n: formatNumber(metres / 1000, { maximumFractionDigits: 1 }) });
}

