// 权责清单 (the responsibility list), ADMIN: GET /api/responsibility-list[?version=N] as a tree
// (class → subclass → item) with search by code, name or department, or as a sortable table of the
// items; a form for every field of a node (co-departments, extra questions) that saves with PUT or
// POST …/nodes and retires with DELETE, each naming the version it was made against (a stale one is
// answered 409: reload); the history (GET …/versions, who, when, what) whose entries show the list as
// of that version (read-only); import (POST …/import, a dry run listing every bad row, then the
// commit) and export (xlsx, CSV).
//
// Hooks for the browser test: html[data-ready="true"] once the list is drawn (again after each
// change); window.wangge = { list, selected }.
import { getJson, postJson, putJson, deleteJson, csrfToken, ApiError } from './api.js';
import { t, addMessages, onLanguageChange, formatDateTime, currentLanguage } from './i18n.js';
import { el, fill } from './dom.js';
import { startPage, showError, sortableTable, isSessionEnded } from './desk-page.js';

addMessages({
  zh: {
    'rl.title': '权责清单',
    'rl.search': '搜索',
    'rl.searchPlaceholder': '编码、名称或部门',
    'rl.view': '视图',
    'rl.viewTree': '树形',
    'rl.viewTable': '事项表',
    'rl.addClass': '新增大类',
    'rl.addChild': '新增下级',
    'rl.exportXlsx': '导出 xlsx',
    'rl.exportCsv': '导出 CSV',
    'rl.import': '导入…',
    'rl.tree': '大类 → 小类 → 事项',
    'rl.items': '事项',
    'rl.count': '{count} 项',
    'rl.summary': '第 {version} 版（{at}，{by}）：{classes} 个大类、{subclasses} 个小类、{items} 个事项。',
    'rl.matches': '搜索“{q}”：{count} 个节点。',
    'rl.asOf': '正在查看第 {version} 版（{at}）——只读。',
    'rl.backToCurrent': '返回现行版本',
    'rl.pick': '选择一个节点',
    'rl.pickHint': '在左侧树或事项表中点击一个节点查看和编辑；修改保存后生成新版本，已受理的案件仍按原版本办理。',
    'rl.editing': '编辑 {code} {name}',
    'rl.adding': '新增节点',
    'rl.readOnly': '查看 {code} {name}（第 {version} 版，只读）',
    'rl.level.CLASS': '大类',
    'rl.level.SUBCLASS': '小类',
    'rl.level.ITEM': '事项',
    'rl.clock.WORKING_HOURS': '工作小时',
    'rl.clock.CALENDAR_HOURS': '自然小时（全天候）',
    'rl.gridTeam': '（无：网格承办）',
    'rl.f.code': '编码',
    'rl.f.level': '层级',
    'rl.f.parentCode': '上级编码',
    'rl.f.name': '名称',
    'rl.f.nameEn': '英文名称',
    'rl.f.leadDepartment': '牵头部门',
    'rl.f.coDepartments': '协办部门',
    'rl.f.gridAdmitted': '网格可承办（职责准入）',
    'rl.f.deadlineHours': '时限（小时）',
    'rl.f.clockType': '计时方式',
    'rl.f.defaultRisk': '默认风险',
    'rl.f.dedupRadiusMetres': '查重半径（米）',
    'rl.f.raisesAlarm': '上报即触发四级报警',
    'rl.f.questions': '追加问题',
    'rl.f.expectedVersion': '版本',
    'rl.f.file': '文件',
    'rl.f.version': '版本',
    'rl.q.code': '代码',
    'rl.q.text': '问题',
    'rl.q.textEn': '英文',
    'rl.q.type': '类型',
    'rl.q.choices': '选项（用逗号分隔）',
    'rl.q.required': '必答',
    'rl.q.remove': '删除',
    'rl.q.YES_NO': '是/否',
    'rl.q.NUMBER': '数字',
    'rl.q.TEXT': '文字',
    'rl.q.CHOICE': '选择',
    'rl.addQuestion': '添加问题',
    'rl.save': '保存',
    'rl.retire': '停用',
    'rl.cancel': '取消',
    'rl.saved': '已保存为第 {version} 版。新上报的案件按新版本办理，已受理的案件不变。',
    'rl.unchanged': '没有修改，未生成新版本。',
    'rl.retired': '{code} 已停用（第 {version} 版）。',
    'rl.confirmRetire': '停用 {code} {name}？已受理的案件不受影响，新案件不能再选择它。',
    'rl.conflict': '清单已被他人修改（现为第 {version} 版）：已重新加载，请检查后再次保存。',
    'rl.history': '版本记录',
    'rl.current': '现行',
    'rl.showVersion': '查看此版本',
    'rl.col.code': '编码',
    'rl.col.name': '名称',
    'rl.col.lead': '牵头部门',
    'rl.col.deadline': '时限（小时）',
    'rl.col.clock': '计时',
    'rl.col.risk': '风险',
    'rl.col.alarm': '报警',
    'rl.col.grid': '网格准入',
    'rl.yes': '是',
    'rl.no': '否',
    'rl.importTitle': '导入检查',
    'rl.importOk': '文件共 {rows} 行，无问题：将新增 {added} 项、修改 {changed} 项、停用 {retired} 项（文件即完整清单，文件中没有的节点将停用；已受理案件不受影响）。',
    'rl.importNothing': '文件共 {rows} 行，与现行清单相同，无需导入。',
    'rl.importBad': '文件共 {rows} 行，发现 {count} 个问题，不能导入。请按下表逐行改正后重新选择文件。',
    'rl.importDone': '已导入为第 {version} 版：新增 {added} 项、修改 {changed} 项、停用 {retired} 项。',
    'rl.importCommit': '确认导入',
    'rl.p.row': '行',
    'rl.p.column': '列',
    'rl.p.code': '编码',
    'rl.p.message': '问题',
    'rl.missing': '{field}：请填写。',
  },
  en: {
    'rl.title': 'Responsibility list',
    'rl.search': 'Search',
    'rl.searchPlaceholder': 'Code, name or department',
    'rl.view': 'View',
    'rl.viewTree': 'Tree',
    'rl.viewTable': 'Items table',
    'rl.addClass': 'Add class',
    'rl.addChild': 'Add below',
    'rl.exportXlsx': 'Export xlsx',
    'rl.exportCsv': 'Export CSV',
    'rl.import': 'Import…',
    'rl.tree': 'Class → subclass → item',
    'rl.items': 'Items',
    'rl.count': '{count}',
    'rl.summary': 'Version {version} ({at}, {by}): {classes} classes, {subclasses} subclasses, {items} items.',
    'rl.matches': 'Search “{q}”: {count} nodes.',
    'rl.asOf': 'Viewing version {version} ({at}) — read-only.',
    'rl.backToCurrent': 'Back to the list in force',
    'rl.pick': 'Pick a node',
    'rl.pickHint': 'Click a node in the tree or the items table to see and edit it; a save makes a new version, cases already filed keep theirs.',
    'rl.editing': 'Edit {code} {name}',
    'rl.adding': 'New node',
    'rl.readOnly': '{code} {name} (version {version}, read-only)',
    'rl.level.CLASS': 'Class',
    'rl.level.SUBCLASS': 'Subclass',
    'rl.level.ITEM': 'Item',
    'rl.clock.WORKING_HOURS': 'Working hours',
    'rl.clock.CALENDAR_HOURS': 'Calendar hours (around the clock)',
    'rl.gridTeam': '(none: the grid team)',
    'rl.f.code': 'Code',
    'rl.f.level': 'Level',
    'rl.f.parentCode': 'Parent code',
    'rl.f.name': 'Name',
    'rl.f.nameEn': 'English name',
    'rl.f.leadDepartment': 'Lead department',
    'rl.f.coDepartments': 'Co-departments',
    'rl.f.gridAdmitted': 'A grid may handle it (admission)',
    'rl.f.deadlineHours': 'Deadline (hours)',
    'rl.f.clockType': 'Clock',
    'rl.f.defaultRisk': 'Default risk',
    'rl.f.dedupRadiusMetres': 'Duplicate radius (m)',
    'rl.f.raisesAlarm': 'A report raises a four-level alarm',
    'rl.f.questions': 'Extra questions',
    'rl.f.expectedVersion': 'Version',
    'rl.f.file': 'File',
    'rl.f.version': 'Version',
    'rl.q.code': 'Code',
    'rl.q.text': 'Question',
    'rl.q.textEn': 'English',
    'rl.q.type': 'Type',
    'rl.q.choices': 'Choices (comma-separated)',
    'rl.q.required': 'Required',
    'rl.q.remove': 'Remove',
    'rl.q.YES_NO': 'Yes/no',
    'rl.q.NUMBER': 'Number',
    'rl.q.TEXT': 'Text',
    'rl.q.CHOICE': 'Choice',
    'rl.addQuestion': 'Add question',
    'rl.save': 'Save',
    'rl.retire': 'Retire',
    'rl.cancel': 'Cancel',
    'rl.saved': 'Saved as version {version}. New reports follow it; cases already filed keep theirs.',
    'rl.unchanged': 'Nothing changed; no new version.',
    'rl.retired': '{code} retired (version {version}).',
    'rl.confirmRetire': 'Retire {code} {name}? Cases already filed are not affected; new cases can no longer choose it.',
    'rl.conflict': 'Someone else changed the list (now version {version}): it has been reloaded; check and save again.',
    'rl.history': 'Versions',
    'rl.current': 'in force',
    'rl.showVersion': 'Show this version',
    'rl.col.code': 'Code',
    'rl.col.name': 'Name',
    'rl.col.lead': 'Lead department',
    'rl.col.deadline': 'Deadline (h)',
    'rl.col.clock': 'Clock',
    'rl.col.risk': 'Risk',
    'rl.col.alarm': 'Alarm',
    'rl.col.grid': 'Grid admitted',
    'rl.yes': 'Yes',
    'rl.no': 'No',
    'rl.importTitle': 'Import check',
    'rl.importOk': '{rows} rows, no problems: adds {added}, changes {changed}, retires {retired} (the file is the whole list: nodes not in it retire; cases already filed are not affected).',
    'rl.importNothing': '{rows} rows, the same as the list in force: nothing to import.',
    'rl.importBad': '{rows} rows, {count} problems: the file cannot be imported. Correct each row below and choose the file again.',
    'rl.importDone': 'Imported as version {version}: added {added}, changed {changed}, retired {retired}.',
    'rl.importCommit': 'Import',
    'rl.p.row': 'Row',
    'rl.p.column': 'Column',
    'rl.p.code': 'Code',
    'rl.p.message': 'Problem',
    'rl.missing': '{field}: please fill it in.',
  },
});

const API = '/api/responsibility-list';
const LEVELS = ['CLASS', 'SUBCLASS', 'ITEM'];
const CLOCKS = ['WORKING_HOURS', 'CALENDAR_HOURS'];
const RISKS = ['HIGH', 'MEDIUM', 'LOW'];
const QUESTION_TYPES = ['YES_NO', 'NUMBER', 'TEXT', 'CHOICE'];
const FIELD_LABELS = Object.fromEntries(['code', 'level', 'parentCode', 'name', 'nameEn', 'leadDepartment', 'coDepartments',
  'gridAdmitted', 'deadlineHours', 'clockType', 'defaultRisk', 'dedupRadiusMetres', 'raisesAlarm', 'questions',
  'expectedVersion', 'file', 'version'].map((f) => [f, `rl.f.${f}`]));

const $ = (id) => document.getElementById(id);
const state = {
  list: null, // { version, changedAt, changedBy, nodes }
  current: 0, // the version in force
  versions: [],
  departments: [],
  selected: null, // code being edited, or null when adding
  adding: null, // { level, parentCode } when adding
  expanded: new Set(),
  view: 'tree',
  importFile: null,
};
window.wangge = state;

const ready = (value) => { document.documentElement.dataset.ready = String(value); };
const deptName = (code) => state.departments.find((d) => d.code === code)?.name ?? code;
const deptLabel = (code) => (code ? `${deptName(code)}（${code}）` : '–');
const nodeName = (n) => (currentLanguage() === 'en' && n.nameEn ? n.nameEn : n.name);
const readOnly = () => state.list && state.list.version !== state.current;
const byCode = (code) => state.list?.nodes.find((n) => n.code === code);

function notice(message) {
  const box = $('notice');
  box.textContent = message || '';
  box.hidden = !message;
}

// ------------------------------------------------------------------ loading

async function load(version) {
  ready(false);
  const [list, versions] = await Promise.all([
    getJson(version ? `${API}?version=${version}` : API),
    getJson(`${API}/versions`),
  ]);
  state.versions = versions;
  state.current = versions[0]?.version ?? list.version;
  state.list = list;
  drawAll();
  ready(true);
}

function drawAll() {
  drawSummary();
  drawTree();
  items.setRows(filtered().filter((n) => n.level === 'ITEM'));
  $('item-count').textContent = t('rl.count', { count: items.rows().length });
  drawVersions();
  drawEditor();
}

function drawSummary() {
  const { list } = state;
  const count = (level) => list.nodes.filter((n) => n.level === level).length;
  const q = $('search').value.trim();
  $('summary').textContent = t('rl.summary', {
    version: list.version, at: formatDateTime(list.changedAt), by: list.changedBy,
    classes: count('CLASS'), subclasses: count('SUBCLASS'), items: count('ITEM'),
  }) + (q ? ` ${t('rl.matches', { q, count: filtered().length })}` : '');
  const asOf = $('as-of');
  if (readOnly()) {
    fill(asOf, t('rl.asOf', { version: list.version, at: formatDateTime(list.changedAt) }), ' ',
      el('button', { type: 'button', id: 'back-to-current', class: 'button', onclick: () => run(() => load()) }, t('rl.backToCurrent')));
    asOf.hidden = false;
  } else {
    asOf.hidden = true;
  }
  for (const id of ['add-class', 'export-xlsx', 'export-csv']) $(id).setAttribute('aria-disabled', String(readOnly()));
  $('import-file').disabled = readOnly();
}

/** The nodes matching the search (code prefix, name in either language, lead or co-department code or name). */
function filtered() {
  const q = $('search').value.trim().toLowerCase();
  if (!q) return state.list.nodes;
  const depts = (n) => [n.leadDepartment, ...n.coDepartments].filter(Boolean).flatMap((d) => [d, deptName(d)]);
  return state.list.nodes.filter((n) => n.code.startsWith(q)
    || [n.name, n.nameEn, ...depts(n)].some((s) => s && s.toLowerCase().includes(q)));
}

// ------------------------------------------------------------------ tree

function drawTree() {
  const q = $('search').value.trim();
  const matches = new Set(filtered().map((n) => n.code));
  // A node shows when it or something below it matches; a search opens the branches it reaches.
  const shown = (n) => matches.has(n.code) || state.list.nodes.some((m) => m.code.startsWith(n.code) && matches.has(m.code));
  const children = (code) => state.list.nodes.filter((n) => n.parentCode === code && shown(n));
  const item = (n) => {
    const kids = n.level === 'ITEM' ? [] : children(n.code);
    const open = q ? true : state.expanded.has(n.code);
    const li = el('li', {
      role: 'treeitem',
      dataset: { code: n.code, level: n.level },
      'aria-expanded': n.level === 'ITEM' ? null : String(open),
      'aria-selected': String(state.selected === n.code),
      class: matches.has(n.code) && q ? 'match' : null,
    },
    el('div', { class: 'rl-node' },
      n.level === 'ITEM' ? el('span', { class: 'rl-toggle-space' }) : el('button', {
        type: 'button', class: 'rl-toggle', 'aria-label': n.code, onclick: () => {
          if (state.expanded.has(n.code)) state.expanded.delete(n.code); else state.expanded.add(n.code);
          drawTree();
        },
      }, open ? '▾' : '▸'),
      el('button', { type: 'button', class: 'rl-pick', onclick: () => select(n.code) },
        el('span', { class: 'rl-code' }, n.code), ' ', nodeName(n),
        n.level === 'ITEM' ? el('span', { class: 'rl-facts' }, ` · ${n.leadDepartment ? deptName(n.leadDepartment) : t('rl.gridTeam')} · ${n.deadlineHours} h`
          + (n.clockType === 'CALENDAR_HOURS' ? ' ⏱' : '')) : null,
        n.raisesAlarm ? el('span', { class: 'badge badge-overdue rl-alarm' }, t('rl.col.alarm')) : null)));
    if (open && kids.length) li.append(el('ul', { role: 'group' }, kids.map(item)));
    return li;
  };
  fill($('tree'), state.list.nodes.filter((n) => n.level === 'CLASS' && shown(n)).map(item));
}

// ------------------------------------------------------------------ items table

const yesNo = (b) => (b ? t('rl.yes') : t('rl.no'));
const items = sortableTable($('items'), {
  sort: { key: 'code', direction: 'ascending' },
  columns: [
    { key: 'code', label: 'rl.col.code', value: (n) => n.code, cell: (n) => n.code },
    { key: 'name', label: 'rl.col.name', value: (n) => nodeName(n), cell: (n) => nodeName(n) },
    { key: 'lead', label: 'rl.col.lead', value: (n) => (n.leadDepartment ? deptName(n.leadDepartment) : ''), cell: (n) => (n.leadDepartment ? deptName(n.leadDepartment) : t('rl.gridTeam')) },
    { key: 'deadline', label: 'rl.col.deadline', numeric: true, value: (n) => n.deadlineHours, cell: (n) => String(n.deadlineHours) },
    { key: 'clock', label: 'rl.col.clock', value: (n) => n.clockType, cell: (n) => t(`rl.clock.${n.clockType}`) },
    { key: 'risk', label: 'rl.col.risk', value: (n) => RISKS.indexOf(n.defaultRisk), cell: (n) => t(`risk.${n.defaultRisk}`) },
    { key: 'alarm', label: 'rl.col.alarm', value: (n) => (n.raisesAlarm ? 0 : 1), cell: (n) => yesNo(n.raisesAlarm) },
    { key: 'grid', label: 'rl.col.grid', value: (n) => (n.gridAdmitted ? 0 : 1), cell: (n) => yesNo(n.gridAdmitted) },
  ],
  rowAttributes: (n) => ({ dataset: { code: n.code }, tabindex: '0', class: state.selected === n.code ? 'selected' : null }),
  onRow: (n) => select(n.code),
});

function setView(view) {
  state.view = view;
  $('tree-view').hidden = view !== 'tree';
  $('table-view').hidden = view !== 'table';
  $('view-tree').setAttribute('aria-selected', String(view === 'tree'));
  $('view-table').setAttribute('aria-selected', String(view === 'table'));
  $('view-tree').classList.toggle('primary', view === 'tree');
  $('view-table').classList.toggle('primary', view === 'table');
}

// ------------------------------------------------------------------ versions

function drawVersions() {
  fill($('versions'), state.versions.map((v) => el('li', {
    dataset: { version: v.version },
    class: v.version === state.list.version ? 'shown' : null,
  },
  el('div', { class: 'rl-version-head' },
    el('strong', {}, `v${v.version}`),
    v.version === state.current ? el('span', { class: 'badge badge-ontime' }, t('rl.current')) : null,
    el('span', { class: 'when' }, formatDateTime(v.changedAt)),
    el('span', { class: 'who' }, v.changedBy)),
  el('div', { class: 'rl-version-summary' }, v.summary),
  v.version === state.list.version ? null : el('button', {
    type: 'button', class: 'sort-button rl-show-version',
    onclick: () => run(() => load(v.version === state.current ? null : v.version)),
  }, t('rl.showVersion')))));
}

// ------------------------------------------------------------------ editor

function select(code) {
  state.selected = code;
  state.adding = null;
  formError(null);
  const n = byCode(code);
  if (n && n.parentCode) {
    state.expanded.add(n.parentCode);
    if (n.parentCode.length === 4) state.expanded.add(n.parentCode.slice(0, 2));
  }
  drawTree();
  items.redraw();
  drawEditor();
}

function startAdding(level, parentCode) {
  state.selected = null;
  state.adding = { level, parentCode };
  formError(null);
  drawEditor();
  $('f-code').focus();
}

function options(select, values, label, value) {
  fill(select, values.map((v) => el('option', { value: v }, label(v))));
  if (value != null) select.value = value;
}

function drawEditor() {
  const node = state.selected ? byCode(state.selected) : null;
  const form = $('node-form');
  if (!node && !state.adding) {
    $('editor-title').textContent = t('rl.pick');
    $('editor-hint').hidden = false;
    form.hidden = true;
    return;
  }
  $('editor-hint').hidden = true;
  form.hidden = false;
  const parent = state.adding?.parentCode ?? null;
  const n = node ?? {
    code: parent ?? '', level: state.adding.level, name: '', nameEn: '', parentCode: parent, leadDepartment: null,
    coDepartments: [], gridAdmitted: true, deadlineHours: parent ? byCode(parent)?.deadlineHours ?? 24 : 24,
    clockType: 'WORKING_HOURS', defaultRisk: 'LOW', dedupRadiusMetres: 100, raisesAlarm: false, questions: [],
  };
  $('editor-title').textContent = node
    ? t(readOnly() ? 'rl.readOnly' : 'rl.editing', { code: n.code, name: nodeName(n), version: state.list.version })
    : t('rl.adding');
  $('f-code').value = n.code;
  $('f-code').readOnly = Boolean(node);
  options($('f-level'), LEVELS, (v) => t(`rl.level.${v}`), n.level);
  $('f-level').disabled = Boolean(node);
  $('f-parentCode').value = n.parentCode ?? '';
  $('f-parentCode').readOnly = Boolean(node) || Boolean(parent);
  $('f-name').value = n.name ?? '';
  $('f-nameEn').value = n.nameEn ?? '';
  fill($('f-leadDepartment'), el('option', { value: '' }, t('rl.gridTeam')),
    state.departments.map((d) => el('option', { value: d.code }, `${d.name}（${d.code}）`)));
  $('f-leadDepartment').value = n.leadDepartment ?? '';
  $('f-gridAdmitted').checked = n.gridAdmitted;
  fill($('f-coDepartments'), state.departments.map((d) => el('label', { class: 'rl-check' },
    el('input', { type: 'checkbox', value: d.code, checked: n.coDepartments.includes(d.code) }), ` ${d.name}`)));
  $('f-deadlineHours').value = n.deadlineHours ?? '';
  options($('f-clockType'), CLOCKS, (v) => t(`rl.clock.${v}`), n.clockType);
  options($('f-defaultRisk'), RISKS, (v) => t(`risk.${v}`), n.defaultRisk);
  $('f-dedupRadiusMetres').value = n.dedupRadiusMetres ?? 100;
  $('f-raisesAlarm').checked = n.raisesAlarm;
  fill($('f-questions'), n.questions.map(questionRow));
  $('node-fields').disabled = readOnly();
  for (const id of ['save', 'retire', 'add-child']) $(id).hidden = readOnly();
  $('retire').hidden = readOnly() || !node;
  $('add-child').hidden = readOnly() || !node || node.level === 'ITEM';
}

function questionRow(q = { code: '', text: '', textEn: '', type: 'YES_NO', choices: [], required: false }) {
  const type = el('select', { class: 'q-type', 'aria-label': t('rl.q.type') },
    QUESTION_TYPES.map((v) => el('option', { value: v }, t(`rl.q.${v}`))));
  type.value = q.type;
  const choices = el('input', { class: 'q-choices', value: (q.choices || []).join(', '), placeholder: t('rl.q.choices'), 'aria-label': t('rl.q.choices') });
  const syncChoices = () => { choices.hidden = type.value !== 'CHOICE'; };
  type.addEventListener('change', syncChoices);
  syncChoices();
  const row = el('div', { class: 'rl-question' },
    el('input', { class: 'q-code', value: q.code ?? '', placeholder: t('rl.q.code'), 'aria-label': t('rl.q.code'), size: 12 }),
    el('input', { class: 'q-text', value: q.text ?? '', placeholder: t('rl.q.text'), 'aria-label': t('rl.q.text') }),
    el('input', { class: 'q-textEn', value: q.textEn ?? '', placeholder: t('rl.q.textEn'), 'aria-label': t('rl.q.textEn') }),
    type,
    el('label', { class: 'rl-check' }, el('input', { type: 'checkbox', class: 'q-required', checked: Boolean(q.required) }), ` ${t('rl.q.required')}`),
    el('button', { type: 'button', class: 'button q-remove', onclick: () => row.remove() }, t('rl.q.remove')),
    choices);
  return row;
}

/** The node the form describes, as the API takes it. */
function formNode() {
  const value = (id) => $(id).value.trim();
  const number = (id) => (value(id) === '' ? null : Number(value(id)));
  return {
    code: value('f-code'),
    level: $('f-level').value,
    name: value('f-name'),
    nameEn: value('f-nameEn') || null,
    parentCode: value('f-parentCode') || null,
    leadDepartment: $('f-leadDepartment').value || null,
    coDepartments: [...$('f-coDepartments').querySelectorAll('input:checked')].map((i) => i.value),
    gridAdmitted: $('f-gridAdmitted').checked,
    deadlineHours: number('f-deadlineHours'),
    clockType: $('f-clockType').value,
    defaultRisk: $('f-defaultRisk').value,
    dedupRadiusMetres: number('f-dedupRadiusMetres'),
    raisesAlarm: $('f-raisesAlarm').checked,
    questions: [...$('f-questions').querySelectorAll('.rl-question')].map((row) => ({
      code: row.querySelector('.q-code').value.trim(),
      text: row.querySelector('.q-text').value.trim(),
      textEn: row.querySelector('.q-textEn').value.trim() || null,
      type: row.querySelector('.q-type').value,
      choices: row.querySelector('.q-type').value === 'CHOICE'
        ? row.querySelector('.q-choices').value.split(/[,，、]/).map((c) => c.trim()).filter(Boolean) : [],
      required: row.querySelector('.q-required').checked,
    })),
  };
}

/** Shows a form error beside the buttons and marks the field it names. */
function formError(error) {
  const box = $('form-error');
  document.querySelectorAll('#node-form [aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  const field = error.field ?? null;
  const root = field ? field.replace(/[[.].*$/, '') : null;
  box.textContent = field && FIELD_LABELS[root] ? `${t(FIELD_LABELS[root])}（${field}）：${error.message}` : error.message;
  box.hidden = false;
  const input = root && $(`f-${root}`);
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    if (input.focus) input.focus();
  }
}

async function save(event) {
  event.preventDefault();
  if (readOnly()) return;
  const node = formNode();
  for (const field of ['code', 'name', 'deadlineHours']) {
    if (node[field] == null || node[field] === '') {
      formError({ field, message: t('rl.missing', { field: t(FIELD_LABELS[field]) }) });
      return;
    }
  }
  const body = { ...node, expectedVersion: state.current };
  await write(async () => (state.adding
    ? postJson(`${API}/nodes`, body)
    : putJson(`${API}/nodes/${encodeURIComponent(state.selected)}`, body)), node.code);
}

async function retire() {
  const node = byCode(state.selected);
  if (!node || !window.confirm(t('rl.confirmRetire', { code: node.code, name: nodeName(node) }))) return;
  await write(() => deleteJson(`${API}/nodes/${encodeURIComponent(node.code)}?expectedVersion=${state.current}`), null);
}

/** Runs a write; on success reloads the list and says what happened; a 409 reloads and says so. */
async function write(send, selectAfter) {
  $('save').disabled = true;
  formError(null);
  showError(null);
  try {
    const result = await send();
    await load();
    if (result.retired?.length && !result.added?.length && !result.changed?.length) {
      state.selected = null;
      notice(t('rl.retired', { code: result.retired[0], version: result.version }));
    } else {
      notice(result.newVersion ? t('rl.saved', { version: result.version }) : t('rl.unchanged'));
      if (selectAfter) select(selectAfter);
    }
    drawEditor();
  } catch (error) {
    if (isSessionEnded(error)) return;
    if (error instanceof ApiError && error.status === 409) {
      const keep = state.selected;
      await load();
      state.selected = keep;
      drawEditor();
      formError({ message: t('rl.conflict', { version: state.current }) });
    } else {
      formError(error);
    }
  } finally {
    $('save').disabled = false;
  }
}

// ------------------------------------------------------------------ import

async function upload(file, dryRun) {
  const data = new FormData();
  data.append('file', file);
  const params = new URLSearchParams({ dryRun: String(dryRun), expectedVersion: String(state.current) });
  const response = await fetch(`${API}/import?${params}`, {
    method: 'POST', body: data, credentials: 'same-origin',
    headers: { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest', 'X-XSRF-TOKEN': await csrfToken() },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok && !(response.status === 400 && Array.isArray(body?.problems))) {
    throw new ApiError(response.status, response.statusText, body);
  }
  return body;
}

const problemsTable = sortableTable($('import-problems'), {
  sort: { key: 'row', direction: 'ascending' },
  columns: [
    { key: 'row', label: 'rl.p.row', numeric: true, value: (p) => p.row, cell: (p) => String(p.row) },
    { key: 'column', label: 'rl.p.column', value: (p) => p.column, cell: (p) => (FIELD_LABELS[p.column] ? `${t(FIELD_LABELS[p.column])} (${p.column})` : p.column) },
    { key: 'code', label: 'rl.p.code', value: (p) => p.code, cell: (p) => p.code },
    { key: 'message', label: 'rl.p.message', cell: (p) => p.message },
  ],
});

async function dryRun(file) {
  state.importFile = file;
  showError(null);
  notice(null);
  $('import-file-name').textContent = file.name;
  const result = await upload(file, true);
  const problems = result.problems || [];
  $('import-summary').textContent = problems.length
    ? t('rl.importBad', { rows: result.rows, count: problems.length })
    : t(result.added + result.changed + result.retired ? 'rl.importOk' : 'rl.importNothing', result);
  problemsTable.setRows(problems);
  $('import-problems').hidden = !problems.length;
  $('import-commit').hidden = problems.length > 0 || !(result.added + result.changed + result.retired);
  $('import-panel').hidden = false;
  $('import-panel').scrollIntoView({ block: 'nearest' });
}

async function commitImport() {
  const result = await upload(state.importFile, false);
  if (result.problems?.length) {
    problemsTable.setRows(result.problems);
    return;
  }
  closeImport();
  await load();
  notice(t('rl.importDone', result));
}

function closeImport() {
  $('import-panel').hidden = true;
  $('import-file').value = '';
  state.importFile = null;
}

// ------------------------------------------------------------------ start

/** Runs an action, showing its error in the banner. */
async function run(action) {
  try {
    await action();
  } catch (error) {
    if (!isSessionEnded(error)) showError(error, FIELD_LABELS);
    ready(true);
  }
}

async function start() {
  await startPage();
  state.departments = await getJson('/api/departments');
  $('search').addEventListener('input', () => { drawSummary(); drawTree(); items.setRows(filtered().filter((n) => n.level === 'ITEM')); $('item-count').textContent = t('rl.count', { count: items.rows().length }); });
  $('view-tree').addEventListener('click', () => setView('tree'));
  $('view-table').addEventListener('click', () => setView('table'));
  $('add-class').addEventListener('click', () => { if (!readOnly()) startAdding('CLASS', null); });
  $('add-child').addEventListener('click', () => {
    const node = byCode(state.selected);
    startAdding(node.level === 'CLASS' ? 'SUBCLASS' : 'ITEM', node.code);
  });
  $('node-form').addEventListener('submit', (event) => run(() => save(event)));
  $('retire').addEventListener('click', () => run(retire));
  $('cancel').addEventListener('click', () => { state.selected = null; state.adding = null; formError(null); drawEditor(); drawTree(); });
  $('add-question').addEventListener('click', () => $('f-questions').append(questionRow()));
  $('import-file').addEventListener('change', (event) => { const [file] = event.target.files; if (file) run(() => dryRun(file)); });
  $('import-commit').addEventListener('click', () => run(commitImport));
  $('import-cancel').addEventListener('click', closeImport);
  onLanguageChange(() => { if (state.list) drawAll(); });
  setView('tree');
  await load();
}

run(start);
