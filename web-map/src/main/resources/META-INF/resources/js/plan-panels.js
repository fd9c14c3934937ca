// The planning page's panels: the sortable list of plans, and for the open plan its validation
// problems, impact (moves, per-grid balance, members' load before/after, open cases) and edit history.
import { el } from './dom.js';
import { t, formatNumber, formatDateTime, currentLanguage } from './i18n.js';

const byId = (id) => document.getElementById(id);
const NORM = 200; // households per full-time member (wangge.coverage.households-per-full-time-member's default)

// --- The list of plans ----------------------------------------------------------------------------

/** Draws the plans, sorted by `sort = { key, dir }`; `onOpen(id)` opens one. */
export function renderPlanList(list, sort, onOpen, openId) {
  const rows = [...list].sort((a, b) => {
    const x = a[sort.key] ?? '';
    const y = b[sort.key] ?? '';
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
    return sort.dir === 'ascending' ? order : -order;
  });
  document.querySelectorAll('#plan-table th').forEach((th) => {
    const sorted = [...th.querySelectorAll('button')].some((b) => b.dataset.sort === sort.key);
    th.setAttribute('aria-sort', sorted ? sort.dir : 'none');
    th.querySelectorAll('button').forEach((b) => b.classList.toggle('sorted', b.dataset.sort === sort.key));
  });
  byId('plan-rows').replaceChildren(...rows.map((p) => el('tr', {
    class: p.id === openId ? 'selected' : null,
    dataset: { planId: String(p.id), status: p.status },
    tabindex: '0',
    onclick: () => onOpen(p.id),
    onkeydown: (event) => { if (event.key === 'Enter') onOpen(p.id); },
  },
  el('td', { class: 'plan-name-cell', title: p.name }, el('span', { class: 'plan-name-text' }, p.name), el('small', { class: 'muted' }, p.areaCode)),
  el('td', {}, el('span', { class: `plan-status status-${p.status}` }, t(`plan.status.${p.status}`))),
  el('td', { class: 'num' }, formatNumber(p.edits)),
  el('td', { class: 'plan-when' }, formatDateTime(p.updatedAt ?? p.createdAt, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
    el('small', { class: 'muted' }, p.createdBy ?? '')))));
  byId('plan-empty').hidden = rows.length > 0;
}

// --- The open plan --------------------------------------------------------------------------------

const table = (headings, rows, className = '') => el('table', { class: `case-table impact-table ${className}` },
  el('thead', {}, el('tr', {}, headings.map((h) => el('th', {}, h)))),
  el('tbody', {}, rows));

/**
 * The validation: its state line and one item per problem (click: zoom to it), then the staffing
 * warnings (the coverage report's rule on the grids the plan changes): a plan with warnings is
 * never shown as simply passed.
 */
export function renderValidation(validation, labelOf, zoomTo) {
  const problems = validation?.problems ?? [];
  const warnings = validation?.warnings ?? [];
  const stateLine = byId('validation-state');
  const valid = Boolean(validation?.valid);
  stateLine.textContent = !valid ? t('plan.invalid', { n: problems.length })
    : warnings.length ? t('plan.validWithWarnings', { n: warnings.length }) : t('plan.valid');
  stateLine.className = `validation-state ${!valid ? 'invalid' : warnings.length ? 'warn' : 'valid'}`;
  stateLine.dataset.valid = String(valid);
  stateLine.dataset.warnings = String(warnings.length);
  const english = currentLanguage() === 'en';
  const warningItems = warnings.length ? [
    el('li', { class: 'warning-head' }, t('plan.warnings')),
    ...warnings.map((w) => el('li', { class: `problem warning severity-${w.severity}`, dataset: { kind: w.kind, warning: 'true' } },
      el('strong', {}, t(`plan.problem.${w.kind}`)), ' ', el('span', { class: 'severity' }, t(`plan.severity.${w.severity}`)), ' ',
      (w.codes ?? []).map(labelOf).join('、'))),
    el('li', { class: 'warning-next muted' }, t('plan.warnNext'), ' ', el('a', { href: '/exchange.html' }, t('nav.exchange'))),
  ] : [];
  byId('problems').replaceChildren(...warningItems, ...problems.map((p) => el('li', { class: `problem severity-${p.severity}`, dataset: { kind: p.kind } },
    el('button', { type: 'button', disabled: !p.geometry, onclick: () => zoomTo(p.geometry) },
      el('strong', {}, t(`plan.problem.${p.kind}`)), ' ',
      el('span', { class: 'severity' }, t(`plan.severity.${p.severity}`)), ' ',
      (p.codes ?? []).map(labelOf).join('、'), ' ',
      p.areaSquareMetres ? el('span', { class: 'muted' }, t('plan.area', { m2: formatNumber(p.areaSquareMetres, { maximumFractionDigits: 1 }) })) : null),
    english && p.message ? el('small', { class: 'muted problem-message' }, p.message) : null)));
}

/** The impact: the moved figures, then the moves, the per-grid balance, the members' load and the open cases. */
export function renderImpact(impact, labelOf) {
  const figures = [
    ['addressesMoved', impact?.addressesMoved],
    ['householdsMoved', impact?.householdsMoved],
    ['residentsMoved', impact?.residentsMoved],
    ['openCasesMoved', impact?.openCasesMoved],
  ];
  byId('impact-figures').replaceChildren(...figures.flatMap(([key, value]) => [
    el('dt', {}, t(`plan.${key}`)),
    el('dd', { id: `impact-${key}`, dataset: { value: String(value ?? 0) } }, formatNumber(value ?? 0)),
  ]));
  const moves = impact?.moves ?? [];
  const grids = impact?.grids ?? [];
  const members = impact?.members ?? [];
  const cases = impact?.openCases ?? [];
  const parts = [];
  parts.push(el('h4', {}, t('plan.moves')));
  parts.push(moves.length === 0 ? el('p', { class: 'muted' }, t('plan.noMoves')) : table(
    [t('plan.from.col'), t('plan.to.col'), t('plan.addresses'), t('plan.households'), t('plan.residents')],
    moves.map((m) => el('tr', {}, el('td', {}, m.fromCode), el('td', {}, labelOf(m.toKey)),
      el('td', { class: 'num' }, formatNumber(m.addresses)), el('td', { class: 'num' }, formatNumber(m.households)),
      el('td', { class: 'num' }, formatNumber(m.residents)))), 'moves-table'));
  const counts = grids.map((g) => g.households ?? 0);
  const mean = counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0;
  parts.push(el('h4', {}, t('plan.balance')));
  parts.push(table(
    [t('plan.grid'), t('plan.households'), t('plan.residents'), t('plan.fullTimeMembers'), t('plan.perMember')],
    grids.map((g) => {
      const per = g.householdsPerFullTimeMember;
      const load = per == null ? 'load-none' : per > NORM ? 'load-over' : per < NORM / 2 ? 'load-under' : 'load-ok';
      return el('tr', { dataset: { key: g.key } },
        el('td', {}, labelOf(g.key)),
        el('td', { class: 'num' }, el('meter', { class: 'balance-bar', min: '0', max: String(Math.max(1, 2 * mean)), value: String(g.households ?? 0) }), ' ', formatNumber(g.households)),
        el('td', { class: 'num' }, formatNumber(g.residents)),
        el('td', { class: 'num' }, formatNumber(g.fullTimeMembers)),
        el('td', { class: `num ${load}` }, per == null ? '–' : formatNumber(per, { maximumFractionDigits: 0 })));
    }), 'balance-table'));
  if (members.length) {
    parts.push(el('h4', {}, t('plan.members')));
    parts.push(table(
      [t('plan.member'), t('plan.role'), t('plan.grid'), t('plan.before'), t('plan.after')],
      members.map((m) => el('tr', { class: m.householdsBefore !== m.householdsAfter ? 'changed-row' : null },
        el('td', {}, m.name ?? m.code ?? ''), el('td', {}, t(`memberRole.${m.role}`)),
        el('td', {}, (m.gridCodes ?? []).map((c) => c.slice(-3)).join('、')),
        el('td', { class: 'num' }, formatNumber(m.householdsBefore)), el('td', { class: 'num' }, formatNumber(m.householdsAfter)))),
      'members-table'));
  }
  if (cases.length) {
    parts.push(el('h4', {}, t('plan.openCases')));
    parts.push(table([t('plan.case'), t('plan.from.col'), t('plan.to.col')],
      cases.map((c) => el('tr', {}, el('td', {}, c.number), el('td', {}, c.fromCode), el('td', {}, labelOf(c.toKey)))), 'cases-table'));
  }
  byId('impact-tables').replaceChildren(...parts);
}

/** A grid as an edit names it: its short code (or "new k7") and its name. */
function gridName(ref) {
  const label = ref.code ? ref.code.slice(-3) : t('plan.newGrid', { key: ref.key });
  return ref.name ? `${label} ${ref.name}` : label;
}

/** An edit in the page's language, from its kind and the grids it removed and added. */
function describeEdit(e) {
  const removed = e.removed ?? [];
  const added = e.added ?? [];
  const sep = currentLanguage() === 'zh' ? '、' : ', ';
  const names = (refs) => refs.map(gridName).join(sep);
  const addedKeys = new Set(added.map((g) => g.key));
  switch (e.kind) {
    case 'SPLIT':
    case 'AUTO_SPLIT': {
      const removedKeys = new Set(removed.map((r) => r.key));
      const parts = added.filter((g) => !removedKeys.has(g.key)); // neighbours that only gained a vertex keep their key
      const whole = removed[0];
      const made = parts.length ? parts : added;
      return t(`plan.hist.${e.kind}`, { from: whole ? gridName(whole) : '', n: made.length, to: names(made) });
    }
    case 'MERGE': {
      const merged = removed.filter((r) => !addedKeys.has(r.key));
      const result = added.find((g) => !removed.some((r) => r.key === g.key)) ?? added[0];
      return t('plan.hist.MERGE', { from: names(merged), to: result ? gridName(result) : '' });
    }
    case 'REPLACE': {
      const main = removed[0];
      const others = removed.slice(1);
      return others.length
        ? t('plan.hist.REPLACE_NEIGHBOURS', { main: main ? gridName(main) : '', others: names(others) })
        : t('plan.hist.REPLACE', { main: main ? gridName(main) : '' });
    }
    case 'MOVE_EDGE':
      return t('plan.hist.MOVE_EDGE', { from: names(removed.slice(0, 2)) });
    case 'RENAME':
      return t('plan.hist.RENAME', { from: removed[0] ? gridName(removed[0]) : '', name: added[0]?.name ?? '' });
    default:
      return '';
  }
}

/** The edit history, newest last, with who and when; undone edits struck through. */
export function renderHistory(edits) {
  const list = byId('history');
  if (!edits?.length) {
    list.replaceChildren(el('li', { class: 'muted' }, t('plan.noEdits')));
    return;
  }
  list.replaceChildren(...edits.map((e) => el('li', { class: e.undone ? 'undone' : null, dataset: { seq: String(e.seq), kind: e.kind } },
    el('strong', {}, t(`plan.edit.${e.kind}`)), ' ', describeEdit(e),
    el('small', { class: 'muted' }, ` — ${e.actor} · ${formatDateTime(e.at, { dateStyle: 'short', timeStyle: 'medium' })}`,
      e.undone ? ` · ${t('plan.undone')}` : ''))));
}
