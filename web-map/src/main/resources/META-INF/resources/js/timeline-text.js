// What a timeline entry says, in the page's language: who did it (a user, the system, or the
// channel a report came in by), the reason and the entry's detail (stored as JSON by the server:
// {"assignee":"M…","assigneeName":"…"}, {"called":[…]}, {"urge":"RED",…}) as sentences, and the
// server's English routing and urging texts in the page's language. Names, not codes: members by
// name, departments by name (from GET /api/departments), levels, stages and roles by their words.
import { addMessages, t, hasMessage, formatDateTime, currentLanguage } from './i18n.js';

addMessages({
  zh: {
    'actor.system': '系统',
    'actor.CITIZEN': '群众',
    'stage.ACCEPT': '签收',
    'stage.HANDLE': '处置',
    'stage.VERIFY': '核查',
    'routing.INSIDE_GRID': '位于网格 {grid} 内',
    'routing.SHARED_EDGE': '位于 {count} 个网格的共同边界上，由编码最小的网格 {grid} 负责',
    'routing.NEAREST_GRID': '不在任何网格内，最近的网格 {grid} 相距 {distance} 米（容差 {tolerance} 米）',
    'routing.AREA_CENTRE': '{tolerance} 米内没有网格，由覆盖该点的区域 {area} 的中心处置',
    'routing.department': '该类别由 {department} 处置',
    'routing.queue': '网格团队无人在岗，案件在社区 {community} 的队列中等候',
    'routing.assigned': '派给 {name}（{role}，在岗）',
    'timeline.assignee': '派给 {name}',
    'timeline.department': '部门：{department}',
    'timeline.called': '吹哨：{departments}',
    'timeline.calledDue': '{department}（{time} 前报到）',
    'timeline.satisfaction': '满意度 {value}/5',
    'timeline.rework': '第 {value} 次返工',
    'timeline.level': '升级到{level}（{area}）',
    'timeline.due': '办结期限 {from} → {to}',
    'timeline.approvedBy': '批准人 {user}',
    'timeline.into': '并入案件 {number}',
    'timeline.from': '重复案件 {number} 已并入',
    'timeline.photos': '照片 {count} 张',
    'timeline.comment': '评价：{comment}',
    'timeline.grids': '网格 {from} → {to}',
    'timeline.urge.YELLOW': '黄灯预警：{stage}环节将于 {time} 到期',
    'timeline.urge.RED': '红灯超时：{stage}环节已于 {time} 到期',
    'timeline.escalateByRule': '红灯超时，按规则自动上提一级',
    'timeline.replan': '网格边界因规划方案 {plan} 重新划定',
    'timeline.manual': '人工操作',
    'timeline.alarm.level.GRID': '网格长',
    'timeline.alarm.level.COMMUNITY': '社区中心',
    'timeline.alarm.level.STREET': '街道中心',
    'timeline.alarm.level.DISTRICT': '区中心',
    'timeline.alarm.raised': '报警：请{level}（{area}）于 {time} 前确认',
    'timeline.alarm.climbed': '{from}（{fromArea}）未按时确认，报警上提至{level}（{area}），{time} 前确认',
    'timeline.alarm.acknowledged': '{level}（{area}）已确认，用时 {minutes} 分钟',
    'timeline.alarm.overdue': '{from}（{fromArea}）超时未确认',
  },
  en: {
    'actor.system': 'System',
    'actor.CITIZEN': 'Citizen',
    'stage.ACCEPT': 'accept',
    'stage.HANDLE': 'handling',
    'stage.VERIFY': 'verification',
    'routing.INSIDE_GRID': 'Inside grid {grid}',
    'routing.SHARED_EDGE': 'On the shared boundary of {count} grids; the lowest code, grid {grid}, takes it',
    'routing.NEAREST_GRID': 'Outside every grid; grid {grid} is the nearest, {distance} m away (tolerance {tolerance} m)',
    'routing.AREA_CENTRE': 'No grid within {tolerance} m; area {area} covers the point, so its centre handles it',
    'routing.department': '{department} handles the category',
    'routing.queue': 'No one in the grid team is on duty: the case waits in community {community}\'s queue',
    'routing.assigned': 'Assigned to {name} ({role}, on duty)',
    'timeline.assignee': 'To {name}',
    'timeline.department': 'Department: {department}',
    'timeline.called': 'Called in: {departments}',
    'timeline.calledDue': '{department} (report by {time})',
    'timeline.satisfaction': 'Satisfaction {value}/5',
    'timeline.rework': 'Rework no. {value}',
    'timeline.alarm.level.GRID': 'grid leader',
    'timeline.alarm.level.COMMUNITY': 'community centre',
    'timeline.alarm.level.STREET': 'street centre',
    'timeline.alarm.level.DISTRICT': 'district centre',
    'timeline.alarm.raised': 'Alarm: the {level} ({area}) to acknowledge by {time}',
    'timeline.alarm.climbed': 'Not acknowledged by the {from} ({fromArea}) in time: the alarm climbs to the {level} ({area}), to acknowledge by {time}',
    'timeline.alarm.acknowledged': 'Acknowledged by the {level} ({area}) after {minutes} min',
    'timeline.alarm.overdue': 'Not acknowledged by the {from} ({fromArea}) in time',
    'timeline.level': 'Escalated to {level} ({area})',
    'timeline.due': 'Deadline {from} → {to}',
    'timeline.approvedBy': 'Approved by {user}',
    'timeline.into': 'Merged into case {number}',
    'timeline.from': 'Duplicate case {number} merged in',
    'timeline.photos': '{count} photo(s)',
    'timeline.comment': 'Comment: {comment}',
    'timeline.grids': 'Grid {from} → {to}',
    'timeline.urge.YELLOW': 'Yellow warning: the {stage} stage is due at {time}',
    'timeline.urge.RED': 'Red: the {stage} stage was due at {time}',
    'timeline.escalateByRule': 'Red: moved one level up by rule',
    'timeline.replan': 'Grid boundaries re-drawn by plan {plan}',
    'timeline.manual': 'by hand',
  },
});

const SOURCES = new Set(['PATROL', 'CITIZEN', 'HOTLINE', 'SENSOR', 'DEPARTMENT']);
const word = (prefix, value) => (value == null ? '' : hasMessage(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : String(value));

/** Who made an entry: a user (with their role), the system, or the channel of a report. */
export function actorText(event) {
  const actor = event.actor;
  if (!actor) return '';
  if (actor === 'system') return t('actor.system');
  if (SOURCES.has(actor) && !event.actorRole) return word('source', actor);
  if (!event.actorRole) return actor;
  return currentLanguage() === 'zh' ? `${actor}（${word('role', event.actorRole)}）` : `${actor} (${word('role', event.actorRole)})`;
}

/** The server's routing explanation (English sentences after 'REASON: ') in the page's language. */
function routingText(reason, departmentName) {
  const match = /^(INSIDE_GRID|SHARED_EDGE|NEAREST_GRID|AREA_CENTRE|null): ?(.*)$/s.exec(reason);
  if (!match) return null;
  const rest = match[2];
  const parts = [];
  let m;
  if ((m = /On the shared boundary of (\d+) grids; the lowest code, grid (\d+), takes it\./.exec(rest))) {
    parts.push(t('routing.SHARED_EDGE', { count: m[1], grid: m[2] }));
  } else if ((m = /Inside grid (\d+)\./.exec(rest))) {
    parts.push(t('routing.INSIDE_GRID', { grid: m[1] }));
  } else if ((m = /Outside every grid; grid (\d+) is the nearest, ([\d.]+) m away \(tolerance (\d+) m\)\./.exec(rest))) {
    parts.push(t('routing.NEAREST_GRID', { grid: m[1], distance: m[2], tolerance: m[3] }));
  } else if ((m = /No grid within (\d+) m; area (\d+) covers the point, so its centre handles it\./.exec(rest))) {
    parts.push(t('routing.AREA_CENTRE', { tolerance: m[1], area: m[2] }));
  }
  if ((m = /(?:The category is handled by department|Department) (\w+)/.exec(rest))) {
    parts.push(t('routing.department', { department: departmentName(m[1]) }));
  }
  if ((m = /waits in community (\d+)'s queue/.exec(rest))) {
    parts.push(t('routing.queue', { community: m[1] }));
  }
  if ((m = /Assigned to (.+) \((\w+), on duty\)\./.exec(rest))) {
    parts.push(t('routing.assigned', { name: m[1], role: word('memberRole', m[2]) }));
  }
  return parts.length ? parts.join(currentLanguage() === 'zh' ? '；' : '; ') : null;
}

/** The entry's reason in the page's language (null: none). */
export function reasonText(event, departmentName) {
  const reason = event.reason;
  if (!reason) return null;
  if (event.action === 'REPORT') return routingText(reason, departmentName) ?? reason;
  if (/^ALARM_/.test(event.action ?? '') && event.detail) return null; // said by the detail
  if (event.action === 'URGE' && /^(YELLOW|RED): the \w+ stage/.test(reason)) return null; // said by the detail
  if (reason === 'RED: one level up by rule') return t('timeline.escalateByRule');
  let m;
  if ((m = /^Grid boundaries re-drawn by plan (.+)$/.exec(reason))) return t('timeline.replan', { plan: m[1] });
  if ((m = /^duplicate (\d+) merged in$/.exec(reason))) return null; // said by the detail
  return reason;
}

/** The entry's detail (JSON from the server) as sentences; text that is not JSON as it is. */
export function detailText(event, { memberName = () => null, departmentName = (code) => code } = {}) {
  if (!event.detail) return null;
  let detail;
  try {
    detail = JSON.parse(event.detail);
  } catch {
    return event.detail;
  }
  if (detail == null || typeof detail !== 'object') return String(detail);
  if ('alarmId' in detail) return alarmText(event.action, detail);
  const lines = [];
  const said = new Set();
  const say = (keys, text) => {
    keys.forEach((k) => said.add(k));
    if (text) lines.push(text);
  };
  if ('assignee' in detail || 'assigneeName' in detail) {
    say(['assignee', 'assigneeName'], t('timeline.assignee', { name: detail.assigneeName ?? memberName(detail.assignee) ?? detail.assignee }));
  }
  if ('department' in detail) say(['department'], t('timeline.department', { department: departmentName(detail.department) }));
  if (Array.isArray(detail.called)) {
    say(['called'], t('timeline.called', {
      departments: detail.called.map((c) => t('timeline.calledDue', { department: departmentName(c.department), time: formatDateTime(c.dueAt) })).join('、'),
    }));
  }
  if ('urge' in detail) {
    say(['urge', 'stage', 'stageDueAt'], t(`timeline.urge.${detail.urge === 'RED' ? 'RED' : 'YELLOW'}`, {
      stage: word('stage', detail.stage), time: formatDateTime(detail.stageDueAt),
    }));
  }
  if ('level' in detail) say(['level', 'ownerAreaCode'], t('timeline.level', { level: word('level', detail.level), area: detail.ownerAreaCode ?? '–' }));
  if ('satisfaction' in detail) say(['satisfaction'], t('timeline.satisfaction', { value: detail.satisfaction }));
  if ('rework' in detail) say(['rework'], t('timeline.rework', { value: detail.rework }));
  if ('dueAt' in detail) say(['dueAt', 'previousDueAt'], t('timeline.due', { from: formatDateTime(detail.previousDueAt), to: formatDateTime(detail.dueAt) }));
  if ('approvedBy' in detail) say(['approvedBy'], t('timeline.approvedBy', { user: detail.approvedBy }));
  if ('into' in detail) say(['into'], t('timeline.into', { number: detail.into }));
  if ('from' in detail) say(['from'], t('timeline.from', { number: detail.from }));
  if ('fromGrid' in detail) say(['fromGrid', 'toGrid', 'fromGridVersion', 'toGridVersion'], t('timeline.grids', { from: detail.fromGrid ?? '–', to: detail.toGrid ?? '–' }));
  if (typeof detail.photos === 'number') say(['photos'], detail.photos > 0 ? t('timeline.photos', { count: detail.photos }) : null);
  if ('comment' in detail) say(['comment'], t('timeline.comment', { comment: detail.comment }));
  if ('description' in detail) say(['description'], detail.description);
  if ('manual' in detail) say(['manual'], detail.manual ? t('timeline.manual') : null);
  if ('note' in detail) say(['note'], detail.note);
  // Anything else as "key: value", never as JSON.
  Object.entries(detail).filter(([key]) => !said.has(key)).forEach(([key, value]) => {
    if (value != null && typeof value !== 'object') lines.push(`${key}: ${value}`);
  });
  return lines.length ? lines.join(currentLanguage() === 'zh' ? '；' : '; ') : null;
}

/** An alarm entry's detail (package alarm): which level was asked, climbed past or acknowledged. */
function alarmText(action, d) {
  const level = (code) => t(`timeline.alarm.level.${code}`);
  const params = {
    level: level(d.level ?? d.from), area: d.areaCode ?? '–', time: formatDateTime(d.dueAt),
    from: d.from ? level(d.from) : '', fromArea: d.fromAreaCode ?? '–', minutes: d.minutes,
  };
  switch (action) {
    case 'ALARM_RAISED': return t('timeline.alarm.raised', params);
    case 'ALARM_CLIMBED': return t('timeline.alarm.climbed', params);
    case 'ALARM_ACKNOWLEDGED': return t('timeline.alarm.acknowledged', params);
    case 'ALARM_OVERDUE': return t('timeline.alarm.overdue', params);
    default: return null;
  }
}
