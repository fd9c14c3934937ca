// The area card (team, households, figures, drill-down) and the breadcrumb that climbs back up.
import { area } from './api.js';
import { t, formatNumber, formatPercent, hasMessage } from './i18n.js';
import { el, fill } from './dom.js';
import { wallButton } from './screens.js';

const details = new Map();

/** An area's detail (parents, bbox, team), cached for the page's life. */
export function areaDetail(code) {
  if (!details.has(code)) {
    details.set(code, area(code).catch((error) => {
      details.delete(code);
      throw error;
    }));
  }
  return details.get(code);
}

/**
 * Shows area `code` in `container`: its figures (from `figures`, the /api/map/areas row when the
 * level is loaded), households, team (grids) and a drill-down button; `tools(detail)` adds buttons
 * to the card's tools row.
 */
export async function showAreaCard(container, code, { figures = null, onDrill = () => {}, onClose = () => {}, tools = () => [] } = {}) {
  container.hidden = false;
  container.dataset.caseId = '';
  container.dataset.areaCode = code;
  container.replaceChildren(el('p', { class: 'card-loading' }, t('card.loading')));
  const detail = await areaDetail(code);
  if (container.dataset.areaCode !== code) {
    return;
  }
  const f = figures ?? {};
  const level = hasMessage(`level.${detail.level}`) ? t(`level.${detail.level}`) : detail.level;
  const team = detail.team ?? [];
  const parents = (detail.parents ?? []).map((p) => p.name).filter(Boolean).join(' › ');
  fill(container,
    el('header', { class: 'card-head' },
      el('h2', {}, detail.name),
      el('button', { type: 'button', class: 'card-close', 'aria-label': t('card.close'), title: t('card.close'), onclick: onClose }, '×')),
    el('p', { class: 'muted' }, `${level} · ${detail.code}`),
    parents ? el('p', {}, parents) : null,
    el('dl', { class: 'facts' },
      el('dt', {}, t('card.households')), el('dd', {}, formatNumber(detail.households)),
      el('dt', {}, t('card.residents')), el('dd', {}, formatNumber(detail.residents)),
      el('dt', {}, t('card.members')), el('dd', {}, formatNumber(f.members ?? detail.memberCount)),
      el('dt', {}, t('fig.open')), el('dd', {}, formatNumber(f.open)),
      el('dt', {}, t('fig.overdue')), el('dd', { class: f.overdue > 0 ? 'bad' : '' }, formatNumber(f.overdue)),
      el('dt', {}, t('fig.highRisk')), el('dd', {}, formatNumber(f.highRisk)),
      el('dt', {}, t('fig.reportsToday')), el('dd', {}, formatNumber(f.reportedToday)),
      el('dt', {}, t('metric.closureRate')), el('dd', {}, formatPercent(f.closureRate)),
      el('dt', {}, t('metric.householdsPerMember')), el('dd', {}, formatNumber(f.householdsPerMember, { maximumFractionDigits: 0 }))),
    detail.level === 'GRID'
      ? el('section', { class: 'team' }, el('h3', {}, t('card.team')),
        team.length === 0 ? el('p', { class: 'warn' }, t('card.noTeam'))
          : el('ul', {}, team.map((m) => el('li', {}, `${hasMessage(`memberRole.${m.role}`) ? t(`memberRole.${m.role}`) : m.role ?? ''} ${m.name ?? ''} `,
            el('span', { class: m.onDuty ? 'duty' : 'off' }, m.onDuty ? t('card.onDuty') : t('card.offDuty')), ` ${m.phone ?? ''}`))))
      : null,
    el('div', { class: 'card-tools' },
      el('button', { type: 'button', class: 'primary drill', onclick: () => onDrill(detail) },
        detail.level === 'GRID' ? t('card.zoomTo') : t('card.drillDown')),
      tools(detail),
      wallButton({ kind: 'AREA', areaCode: detail.code })));
}

/**
 * Draws the breadcrumb of `detail` (its parents, then itself) in `nav`, starting at the user's
 * jurisdiction; `onPick(code | null)` climbs to an area (null: the whole jurisdiction).
 */
export function drawBreadcrumb(nav, detail, rootName, rootCode, onPick) {
  const items = [el('li', {}, el('button', { type: 'button', dataset: { code: rootCode ?? '' }, onclick: () => onPick(null) }, rootName))];
  if (detail) {
    const chain = [...(detail.parents ?? []), { code: detail.code, name: detail.name }]
      .filter((p) => !rootCode || (p.code.startsWith(rootCode) && p.code !== rootCode));
    chain.forEach((p, i) => {
      const last = i === chain.length - 1;
      items.push(el('li', {}, last
        ? el('span', { 'aria-current': 'page', dataset: { code: p.code } }, p.name)
        : el('button', { type: 'button', dataset: { code: p.code }, onclick: () => onPick(p.code) }, p.name)));
    });
  }
  nav.replaceChildren(el('ol', {}, items));
}
