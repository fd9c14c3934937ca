// The grid map: current grids coloured by community, community outlines, a card per grid.
import { map as createMap, geoJSON, control } from 'leaflet';
import { areas, area } from './api.js';

// A qualitative palette (ColorBrewer Set3 + Paired), readable under the outlines.
const PALETTE = ['#8dd3c7', '#ffffb3', '#bebada', '#fb8072', '#80b1d3', '#fdb462', '#b3de69',
  '#fccde5', '#d9d9d9', '#bc80bd', '#ccebc5', '#ffed6f', '#a6cee3', '#b2df8a'];

const ROLE_NAMES = {
  GRID_LEADER: '网格长',
  FULL_TIME: '专职网格员',
  PART_TIME: '兼职网格员',
  BUILDING_LEADER: '楼栋长',
  JOINT_HOUSEHOLD_LEADER: '联户长',
};

const numberFormat = new Intl.NumberFormat('zh-CN');

/** A stable colour per community: neighbouring community codes get different colours. */
function communityColour(communityCode) {
  const sequence = Number.parseInt(communityCode.slice(-3), 10) + Number.parseInt(communityCode.slice(-6, -3), 10) * 5;
  return PALETTE[sequence % PALETTE.length];
}

function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function teamHtml(team) {
  if (team.length === 0) {
    return '<p class="warn">无人负责：该网格尚未配备人员</p>';
  }
  const items = team.map((m) => `<li>${escapeHtml(ROLE_NAMES[m.role] || m.role)} ${escapeHtml(m.name)}
    <span class="${m.onDuty ? 'duty' : 'off'}">${m.onDuty ? '在岗' : '不在岗'}</span> ${escapeHtml(m.phone)}</li>`);
  return `<ul>${items.join('')}</ul>`;
}

function gridCardHtml(detail) {
  const parents = detail.parents.map((p) => escapeHtml(p.name)).join(' › ');
  return `<div class="grid-card">
    <h2>${escapeHtml(detail.name)}</h2>
    <div class="code">${escapeHtml(detail.code)}</div>
    <div>${parents}</div>
    <dl>
      <dt>户数</dt><dd>${numberFormat.format(detail.households)}</dd>
      <dt>人口</dt><dd>${numberFormat.format(detail.residents)}</dd>
      <dt>网格人员</dt><dd>${numberFormat.format(detail.memberCount)}</dd>
    </dl>
    ${teamHtml(detail.team)}
  </div>`;
}

/**
 * Creates the map in `element`, loads communities and grids, and resolves to
 * `{ map, gridLayer, gridCount }` once they are drawn.
 */
export async function createGridMap(element, { onSummary = () => {} } = {}) {
  const leafletMap = createMap(element, { zoomSnap: 0.25, preferCanvas: false });
  control.scale({ imperial: false }).addTo(leafletMap);

  const [grids, communities] = await Promise.all([areas('GRID'), areas('COMMUNITY')]);

  const gridLayer = geoJSON(grids, {
    style: (feature) => ({
      color: '#5b6b7a',
      weight: 0.6,
      fillColor: communityColour(feature.properties.parentCode),
      fillOpacity: 0.75,
    }),
    onEachFeature: (feature, layer) => {
      // Leaflet puts string content in as HTML: escape it.
      layer.bindTooltip(`${escapeHtml(feature.properties.name)}（${escapeHtml(feature.properties.code)}）`, { sticky: true });
      layer.bindPopup(() => {
        const placeholder = document.createElement('div');
        placeholder.className = 'grid-card';
        placeholder.textContent = `${feature.properties.name} ${feature.properties.code} …`;
        area(feature.properties.code)
          .then((detail) => layer.setPopupContent(gridCardHtml(detail)))
          .catch((error) => layer.setPopupContent(`<div class="warn">${escapeHtml(error.message)}</div>`));
        return placeholder;
      }, { maxWidth: 320 });
    },
  }).addTo(leafletMap);

  geoJSON(communities, {
    interactive: false,
    style: () => ({ color: '#16324f', weight: 2, fill: false }),
  }).addTo(leafletMap);

  if (grids.features.length > 0) {
    leafletMap.fitBounds(gridLayer.getBounds(), { padding: [10, 10] });
  } else {
    leafletMap.setView([27.82, 114.92], 12);
  }
  const households = grids.features.reduce((sum, f) => sum + f.properties.households, 0);
  onSummary(`${numberFormat.format(communities.features.length)} 个社区 · `
    + `${numberFormat.format(grids.features.length)} 个网格 · ${numberFormat.format(households)} 户`);
  element.dataset.gridCount = String(grids.features.length);
  return { map: leafletMap, gridLayer, gridCount: grids.features.length };
}
