// The command map's words in Chinese (default) and English, and locale-aware numbers and dates.
// The language is kept in localStorage ('wangge.lang'); `?lang=en` in the address overrides it.
// Elements carry data-i18n="key" (text), data-i18n-title, data-i18n-placeholder or
// data-i18n-aria-label; applyTranslations(root) fills them in.

const MESSAGES = {
  zh: {
    'title': '网格指挥地图',
    'lang.switch': 'English',
    'lang.switchTitle': 'Switch to English',
    'wall.enter': '大屏模式',
    'wall.leave': '退出大屏',
    'logout': '退出登录',
    'admin': '系统管理',
    'coverage': '覆盖检查',
    'search.placeholder': '案件编号、网格编码或地址',
    'search.button': '搜索',
    'search.none': '未找到：{q}',
    'search.address': '地址',
    'live.connecting': '正在连接实时数据…',
    'role.OPERATOR': '指挥中心值班员',
    'role.GRID_LEADER': '网格长',
    'role.GRID_MEMBER': '网格员',
    'role.DEPARTMENT_OFFICER': '职能部门人员',
    'role.PLANNER': '规划人员',
    'role.ADMIN': '系统管理员',
    'userBar.label': '当前用户',
    'map.label': '网格地图',
    'error.dismiss': '关闭提示',
    'live.online': '实时',
    'live.offline': '离线：实时数据已中断，正在重连…（{since} 起）',
    'filters.title': '筛选',
    'filters.category': '类别',
    'filters.allCategories': '全部类别',
    'filters.categorySearch': '查找类别',
    'filters.categorySearchHint': '名称或编码',
    'filters.allOf': '{name}（全部）',
    'filters.status': '状态',
    'filters.risk': '风险',
    'filters.source': '来源',
    'filters.window': '时间',
    'filters.open': '未办结',
    'filters.overdue': '仅超期',
    'filters.reset': '重置',
    'window.today': '今天',
    'window.7d': '近 7 天',
    'window.30d': '近 30 天',
    'window.90d': '近 90 天',
    'window.all': '全部',
    'list.title': '案件',
    'list.count': '{shown} / {total} 件',
    'list.truncated': '（仅显示最新 {limit} 件）',
    'list.empty': '没有符合条件的案件',
    'list.number': '编号',
    'list.category': '类别',
    'list.status': '状态',
    'list.grid': '网格',
    'list.reported': '上报时间',
    'list.sortBy': '按{col}排序',
    'layers.areas': '区域',
    'layers.cases': '案件',
    'layers.heat': '热力图',
    'layers.members': '网格员位置',
    'layers.patrols': '巡查轨迹',
    'patrolTrack': '{name} 巡查 {distance} 米 · {time}',
    'layers.basemap': '底图',
    'colourBy': '着色',
    'metric.none': '不着色',
    'metric.open': '未办结案件',
    'metric.overdue': '超期案件',
    'metric.highRisk': '高风险案件',
    'metric.closureRate': '结案率（30 天）',
    'metric.householdsPerMember': '专职网格员人均户数',
    'level.CITY': '市',
    'level.DISTRICT': '区县',
    'level.STREET': '街道',
    'level.COMMUNITY': '社区',
    'level.GRID': '网格',
    'status.REPORTED': '待派遣',
    'status.DISPATCHED': '已派遣',
    'status.ACCEPTED': '已签收',
    'status.IN_PROGRESS': '处置中',
    'status.HANDLED': '待核查',
    'status.CLOSED': '已结案',
    'status.FOLLOWED_UP': '已回访',
    'status.CANCELLED': '已作废',
    'risk.HIGH': '高',
    'risk.MEDIUM': '中',
    'risk.LOW': '低',
    'source.PATROL': '网格员巡查',
    'source.CITIZEN': '群众上报',
    'source.HOTLINE': '12345 热线',
    'source.SENSOR': '物联感知',
    'source.DEPARTMENT': '部门移交',
    'urge.0': '正常',
    'urge.1': '黄灯预警',
    'urge.2': '红灯超时',
    'action.DISPATCH': '派遣',
    'action.REASSIGN': '改派',
    'action.ACCEPT': '签收',
    'action.START': '开始处置',
    'action.HANDLE': '处置反馈',
    'action.CLOSE': '核查结案',
    'action.FOLLOW_UP': '回访',
    'action.RETURN': '回退',
    'action.ESCALATE': '上报',
    'action.REOPEN': '返工',
    'action.EXTEND': '延期',
    'action.CANCEL': '作废',
    'action.WHISTLE': '吹哨',
    'action.WHISTLE_DONE': '报到反馈',
    'action.MERGE': '合并',
    'action.URGE': '督办',
    'action.REPORT': '上报案件',
    'action.MERGED_IN': '并入案件',
    'action.ESCALATED': '自动上报',
    'card.close': '关闭',
    'card.loading': '正在加载…',
    'card.category': '类别',
    'card.status': '状态',
    'card.risk': '风险',
    'card.source': '来源',
    'card.grid': '网格',
    'card.assignee': '处置人',
    'card.department': '部门',
    'card.reported': '上报',
    'card.due': '办结期限',
    'card.stageDue': '本环节期限',
    'card.clock': '时限',
    'card.owner': '主办中心',
    'card.reporter': '上报人',
    'card.timeline': '处置过程',
    'card.photos': '照片',
    'photo.TAKEN_BEFORE_DISPATCH': '拍摄于派遣之前',
    'photo.FAR_FROM_CASE': '距案件位置 {distance}',
    'photo.takenAt': '拍摄于 {time}',
    'photo.fromFile': '（照片自带）',
    'photo.fromPhone': '（手机上报）',
    'photo.noFacts': '无拍摄时间和位置',
    'timeline.late': '离线记录于 {time}，{days} 天后才送达',
    'timeline.offline': '离线记录于 {time}',
    'action.RATE': '群众评价',
    'card.team': '网格团队',
    'card.actions': '可办理',
    'card.noActions': '当前角色在此状态下无可办理操作',
    'card.zoomTo': '定位',
    'card.households': '户数',
    'card.residents': '人口',
    'card.members': '网格人员',
    'card.noTeam': '无人负责：该网格尚未配备人员',
    'card.onDuty': '在岗',
    'card.offDuty': '不在岗',
    'card.drillDown': '进入下级',
    'card.children': '下级区域',
    'card.figures': '概况',
    'form.assignee': '处置人',
    'form.department': '或部门',
    'form.none': '（不选）',
    'form.reason': '原因',
    'form.note': '说明',
    'form.level': '上报至',
    'form.dueAt': '新期限',
    'form.satisfaction': '满意度（1–5）',
    'form.departments': '吹哨部门',
    'form.intoId': '并入原案件',
    'form.submit': '提交',
    'form.cancel': '取消',
    'form.done': '已办理：{action}',
    'fig.reportsToday': '今日上报',
    'fig.open': '未办结',
    'fig.overdue': '超期',
    'fig.highRisk': '高风险',
    'fig.closureRate': '结案率',
    'fig.onTimeRate': '按期办结率',
    'wall.byChild': '各{level}未办结 / 超期',
    'wall.trend': '近 30 天上报与结案',
    'wall.reported': '上报',
    'wall.closed': '结案',
    'wall.rotating': '轮播：{name}',
    'wall.clock': '{time}',
    'summary.loading': '正在加载…',
    'summary.text': '{open} 件未办结 · {overdue} 件超期 · {today} 件今日上报',
    'legend.case': '案件状态',
    'legend.new': '新上报',
    'legend.working': '处置中',
    'legend.yellow': '黄灯',
    'legend.red': '红灯 / 超期',
    'legend.closed': '已办结',
    'breadcrumb.label': '区域层级',
    'error.load': '加载失败：{message}',
    'error.user': '无法获取当前用户：{message}',
    'member': '网格员',
    'memberSeen': '最后定位 {time}',
    'memberRole.GRID_LEADER': '网格长',
    'memberRole.FULL_TIME': '专职网格员',
    'memberRole.PART_TIME': '兼职网格员',
    'memberRole.BUILDING_LEADER': '楼栋长',
    'memberRole.JOINT_HOUSEHOLD_LEADER': '联户长',
    'newCase': '新案件 {number}',
    'planning': '边界规划',
    'exchange': '数据交换',
  },
  en: {
    'title': 'Grid command map',
    'lang.switch': '中文',
    'lang.switchTitle': '切换到中文',
    'wall.enter': 'Wall mode',
    'wall.leave': 'Leave wall mode',
    'logout': 'Sign out',
    'admin': 'Administration',
    'coverage': 'Coverage',
    'search.placeholder': 'Case number, grid code or address',
    'search.button': 'Search',
    'search.none': 'Nothing found: {q}',
    'search.address': 'Address',
    'live.connecting': 'Connecting to live data…',
    'role.OPERATOR': 'Command centre operator',
    'role.GRID_LEADER': 'Grid leader',
    'role.GRID_MEMBER': 'Grid member',
    'role.DEPARTMENT_OFFICER': 'Department officer',
    'role.PLANNER': 'Planner',
    'role.ADMIN': 'Administrator',
    'userBar.label': 'Signed-in user',
    'map.label': 'Grid map',
    'error.dismiss': 'Dismiss',
    'live.online': 'Live',
    'live.offline': 'Offline: live data interrupted, reconnecting… (since {since})',
    'filters.title': 'Filters',
    'filters.category': 'Category',
    'filters.allCategories': 'All categories',
    'filters.categorySearch': 'Find a category',
    'filters.categorySearchHint': 'name or code',
    'filters.allOf': '{name} (all)',
    'filters.status': 'Status',
    'filters.risk': 'Risk',
    'filters.source': 'Source',
    'filters.window': 'Time',
    'filters.open': 'Open',
    'filters.overdue': 'Overdue only',
    'filters.reset': 'Reset',
    'window.today': 'Today',
    'window.7d': 'Last 7 days',
    'window.30d': 'Last 30 days',
    'window.90d': 'Last 90 days',
    'window.all': 'All',
    'list.title': 'Cases',
    'list.count': '{shown} of {total}',
    'list.truncated': ' (newest {limit} only)',
    'list.empty': 'No case matches',
    'list.number': 'Number',
    'list.category': 'Category',
    'list.status': 'Status',
    'list.grid': 'Grid',
    'list.reported': 'Reported',
    'list.sortBy': 'Sort by {col}',
    'layers.areas': 'Areas',
    'layers.cases': 'Cases',
    'layers.heat': 'Heat map',
    'layers.members': 'Grid members',
    'layers.patrols': 'Patrol tracks',
    'patrolTrack': '{name} patrolled {distance} m · {time}',
    'layers.basemap': 'Basemap',
    'colourBy': 'Colour by',
    'metric.none': 'No colour',
    'metric.open': 'Open cases',
    'metric.overdue': 'Overdue cases',
    'metric.highRisk': 'High-risk cases',
    'metric.closureRate': 'Closure rate (30 days)',
    'metric.householdsPerMember': 'Households per full-time member',
    'level.CITY': 'City',
    'level.DISTRICT': 'District',
    'level.STREET': 'Street',
    'level.COMMUNITY': 'Community',
    'level.GRID': 'Grid',
    'status.REPORTED': 'To dispatch',
    'status.DISPATCHED': 'Dispatched',
    'status.ACCEPTED': 'Accepted',
    'status.IN_PROGRESS': 'In progress',
    'status.HANDLED': 'To verify',
    'status.CLOSED': 'Closed',
    'status.FOLLOWED_UP': 'Followed up',
    'status.CANCELLED': 'Cancelled',
    'risk.HIGH': 'High',
    'risk.MEDIUM': 'Medium',
    'risk.LOW': 'Low',
    'source.PATROL': 'Patrol',
    'source.CITIZEN': 'Citizen',
    'source.HOTLINE': '12345 hotline',
    'source.SENSOR': 'Sensor',
    'source.DEPARTMENT': 'Department',
    'urge.0': 'On time',
    'urge.1': 'Yellow warning',
    'urge.2': 'Red: overdue',
    'action.DISPATCH': 'Dispatch',
    'action.REASSIGN': 'Reassign',
    'action.ACCEPT': 'Accept',
    'action.START': 'Start work',
    'action.HANDLE': 'Report handled',
    'action.CLOSE': 'Verify and close',
    'action.FOLLOW_UP': 'Follow up',
    'action.RETURN': 'Return',
    'action.ESCALATE': 'Escalate',
    'action.REOPEN': 'Rework',
    'action.EXTEND': 'Extend',
    'action.CANCEL': 'Cancel',
    'action.WHISTLE': 'Whistle (call departments)',
    'action.WHISTLE_DONE': 'Report part done',
    'action.MERGE': 'Merge',
    'action.URGE': 'Urge',
    'action.REPORT': 'Reported',
    'action.MERGED_IN': 'Merged in',
    'action.ESCALATED': 'Escalated automatically',
    'card.close': 'Close',
    'card.loading': 'Loading…',
    'card.category': 'Category',
    'card.status': 'Status',
    'card.risk': 'Risk',
    'card.source': 'Source',
    'card.grid': 'Grid',
    'card.assignee': 'Handler',
    'card.department': 'Department',
    'card.reported': 'Reported',
    'card.due': 'Deadline',
    'card.stageDue': 'Stage deadline',
    'card.clock': 'Clock',
    'card.owner': 'Owning centre',
    'card.reporter': 'Reporter',
    'card.timeline': 'Timeline',
    'card.photos': 'Photos',
    'photo.TAKEN_BEFORE_DISPATCH': 'Taken before the case was dispatched',
    'photo.FAR_FROM_CASE': '{distance} from the case',
    'photo.takenAt': 'Taken {time}',
    'photo.fromFile': '(from the photo)',
    'photo.fromPhone': '(from the phone)',
    'photo.noFacts': 'No capture time or place',
    'timeline.late': 'Made offline {time}, arrived {days} days later',
    'timeline.offline': 'Made offline {time}',
    'action.RATE': 'Citizen rating',
    'card.team': 'Grid team',
    'card.actions': 'Actions',
    'card.noActions': 'Your role can do nothing with the case in this state',
    'card.zoomTo': 'Zoom to',
    'card.households': 'Households',
    'card.residents': 'Residents',
    'card.members': 'Team members',
    'card.noTeam': 'Nobody responsible: the grid has no team yet',
    'card.onDuty': 'on duty',
    'card.offDuty': 'off duty',
    'card.drillDown': 'Drill down',
    'card.children': 'Sub-areas',
    'card.figures': 'Figures',
    'form.assignee': 'Handler',
    'form.department': 'or department',
    'form.none': '(none)',
    'form.reason': 'Reason',
    'form.note': 'Note',
    'form.level': 'Escalate to',
    'form.dueAt': 'New deadline',
    'form.satisfaction': 'Satisfaction (1–5)',
    'form.departments': 'Departments',
    'form.intoId': 'Merge into the original case',
    'form.submit': 'Submit',
    'form.cancel': 'Cancel',
    'form.done': 'Done: {action}',
    'fig.reportsToday': 'Reports today',
    'fig.open': 'Open',
    'fig.overdue': 'Overdue',
    'fig.highRisk': 'High risk',
    'fig.closureRate': 'Closure rate',
    'fig.onTimeRate': 'On-time rate',
    'wall.byChild': 'Open / overdue by {level}',
    'wall.trend': 'Reported and closed, last 30 days',
    'wall.reported': 'Reported',
    'wall.closed': 'Closed',
    'wall.rotating': 'Touring: {name}',
    'wall.clock': '{time}',
    'summary.loading': 'Loading…',
    'summary.text': '{open} open · {overdue} overdue · {today} reported today',
    'legend.case': 'Case status',
    'legend.new': 'New',
    'legend.working': 'Being handled',
    'legend.yellow': 'Yellow',
    'legend.red': 'Red / overdue',
    'legend.closed': 'Finished',
    'breadcrumb.label': 'Area levels',
    'error.load': 'Could not load: {message}',
    'error.user': 'Could not read the signed-in user: {message}',
    'member': 'Grid member',
    'memberSeen': 'last seen {time}',
    'memberRole.GRID_LEADER': 'Grid leader',
    'memberRole.FULL_TIME': 'Full-time member',
    'memberRole.PART_TIME': 'Part-time member',
    'memberRole.BUILDING_LEADER': 'Building leader',
    'memberRole.JOINT_HOUSEHOLD_LEADER': 'Household-group leader',
    'newCase': 'New case {number}',
    'planning': 'Boundary planning',
    'exchange': 'Data exchange',
  },
};

const LOCALES = { zh: 'zh-CN', en: 'en-GB' };
const STORAGE_KEY = 'wangge.lang';

function initialLanguage() {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked && MESSAGES[asked]) {
    return asked;
  }
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored && MESSAGES[stored]) {
      return stored;
    }
  } catch { /* storage blocked: the default will do */ }
  return 'zh';
}

let language = initialLanguage();
const listeners = new Set();

/** The current language: 'zh' or 'en'. */
export const currentLanguage = () => language;

/** The current locale for Intl: 'zh-CN' or 'en-GB'. */
export const currentLocale = () => LOCALES[language];

/** The message `key` with `{name}` placeholders filled from `params`; the key itself when unknown. */
export function t(key, params = {}) {
  const text = MESSAGES[language][key] ?? MESSAGES.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Whether a message exists (in the current or the default language). */
export const hasMessage = (key) => key in MESSAGES[language] || key in MESSAGES.zh;

/** Switches the language, remembers it, re-translates the page and tells the listeners. */
export function setLanguage(next) {
  if (!MESSAGES[next] || next === language) {
    return;
  }
  language = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch { /* not remembered then */ }
  applyTranslations(document);
  listeners.forEach((listener) => listener(next));
}

/** Calls `listener(language)` after every language switch. */
export const onLanguageChange = (listener) => listeners.add(listener);

/** Fills every data-i18n* attribute under `root` and sets the document's language. */
export function applyTranslations(root = document) {
  document.documentElement.lang = currentLocale();
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel)); });
}

/** A whole or decimal number in the current locale. */
export const formatNumber = (value, options = {}) => (value == null || Number.isNaN(value)
  ? '–' : new Intl.NumberFormat(currentLocale(), options).format(value));

/** A rate 0..1 as a percentage in the current locale ('–' for none). */
export const formatPercent = (rate) => (rate == null ? '–'
  : new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate));

/** A date and time in the city's zone (Asia/Shanghai) and the current locale. */
export function formatDateTime(value, options = { dateStyle: 'short', timeStyle: 'short' }) {
  if (!value) {
    return '–';
  }
  return new Intl.DateTimeFormat(currentLocale(), { timeZone: 'Asia/Shanghai', ...options }).format(new Date(value));
}

/** A date only ('2026-11-30' strings are taken as that day). */
export const formatDate = (value, options = { month: 'numeric', day: 'numeric' }) => (value
  ? new Intl.DateTimeFormat(currentLocale(), { timeZone: 'UTC', ...options }).format(new Date(`${value}T00:00:00Z`)) : '–');

/** A time of day in the city's zone. */
export const formatTime = (value) => formatDateTime(value, { timeStyle: 'medium' });

/**
 * Adds a page's own messages ({ zh: {...}, en: {...} }) to the shared table; keys already there
 * keep their text.
 */
export function addMessages(messages) {
  for (const [lang, table] of Object.entries(messages)) {
    if (MESSAGES[lang]) {
      for (const [key, text] of Object.entries(table)) {
        if (!(key in MESSAGES[lang])) MESSAGES[lang][key] = text;
      }
    }
  }
}
