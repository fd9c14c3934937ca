// 我的网格: the member's grid(s) on a map with their own position (accuracy circle), their open
// cases as markers (tap: the case screen), a locate button; a grid leader also sees the team's
// positions. The basemap is the server's (/api/map/config); with none configured the grids are
// drawn on a plain background.
import L from 'leaflet';
import { t, formatNumber } from '../i18n.js';
import { get } from './net.js';
import { kv } from './store.js';
import { watchPosition, locateNow, lastFix } from './geo.js';
import { clockOf } from './app-util.js';

let map = null;
let gridsLayer = null;
let casesLayer = null;
let teamLayer = null;
let me = null;
let accuracy = null;
let config = null;

/** The basemap's tile layers (new ones for each map). */
export async function basemapLayers() {
  if (!config) {
    try {
      config = await get('/api/map/config');
      await kv.set('map-config', config);
    } catch {
      config = (await kv.get('map-config')) ?? { basemap: { layers: [] } };
    }
  }
  return (config.basemap?.layers ?? []).map((b) => L.tileLayer(b.url, { subdomains: b.subdomains || 'abc', attribution: b.attribution, maxZoom: b.maxZoom }));
}

function showFix(fix, error) {
  const label = document.getElementById('fix');
  if (!fix) {
    label.textContent = error ? t('m.fixDenied', { message: error.message }) : t('m.fixNone');
    return;
  }
  const metres = formatNumber(Math.round(fix.accuracy));
  label.textContent = fix.poor ? t('m.fixPoor', { m: metres }) : t('m.fix', { m: metres });
  label.dataset.poor = String(fix.poor);
  if (!map) return;
  const at = [fix.lat, fix.lon];
  if (!me) {
    me = L.marker(at, { icon: L.divIcon({ className: '', html: '<div class="m-me-dot"></div>', iconSize: [18, 18] }), title: 'me', zIndexOffset: 1000 }).addTo(map);
    accuracy = L.circle(at, { radius: fix.accuracy, color: '#1a73e8', weight: 1, fillOpacity: 0.12 }).addTo(map);
  } else {
    me.setLatLng(at);
    accuracy.setLatLng(at).setRadius(fix.accuracy);
  }
}

export async function showGridMap(app) {
  if (!map) {
    map = L.map('grid-map', { zoomControl: true, attributionControl: true }).setView([27.82, 114.93], 15);
    (await basemapLayers()).forEach((layer) => layer.addTo(map));
    gridsLayer = L.geoJSON(null, { style: { color: '#16324f', weight: 3, fillColor: '#8fb8de', fillOpacity: 0.15 } }).addTo(map);
    casesLayer = L.layerGroup().addTo(map);
    teamLayer = L.layerGroup().addTo(map);
    watchPosition(showFix);
    document.getElementById('locate').addEventListener('click', async () => {
      try {
        const fix = await locateNow();
        map.setView([fix.lat, fix.lon], Math.max(map.getZoom(), 17));
      } catch (e) {
        showFix(lastFix(), e);
      }
    });
    await drawGrids(app);
    // The container had no size while hidden: measure it now, then frame the grid(s) again.
    setTimeout(() => {
      map.invalidateSize();
      const bounds = gridsLayer.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
    }, 0);
  }
  setTimeout(() => map.invalidateSize(), 0);
  refreshGridMap(app);
}

async function drawGrids(app) {
  let grids;
  try {
    grids = await get('/api/areas?level=GRID');
    await kv.set('grids', grids);
  } catch {
    grids = await kv.get('grids');
  }
  if (!grids) return;
  const mine = app.member?.gridCodes?.length ? new Set(app.member.gridCodes) : null;
  const features = grids.features.filter((f) => !mine || mine.has(f.properties?.code ?? f.id));
  gridsLayer.clearLayers().addData({ type: 'FeatureCollection', features });
  gridsLayer.eachLayer((layer) => layer.bindTooltip(layer.feature.properties?.name ?? ''));
  const bounds = gridsLayer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
}

/** Redraws the case markers (and, for a leader, the team) from the current tasks. */
export async function refreshGridMap(app) {
  if (!map) return;
  casesLayer.clearLayers();
  for (const task of app.tasks) {
    const info = app.caseInfo.get(task.id);
    if (!info || task.status === 'CLOSED') continue;
    L.marker([info.lat, info.lon], { icon: L.divIcon({ className: '', html: `<div class="m-case-dot" data-clock="${clockOf(task)}"></div>`, iconSize: [22, 22] }), title: task.number })
      .on('click', () => app.go(`case/${task.id}`))
      .bindTooltip(task.categoryName)
      .addTo(casesLayer);
  }
  document.documentElement.dataset.caseMarkers = String(casesLayer.getLayers().length);
  if (app.me?.role === 'GRID_LEADER') {
    try {
      const team = await get('/api/members/positions');
      teamLayer.clearLayers();
      team.forEach((m) => L.marker([m.lat, m.lon], { icon: L.divIcon({ className: '', html: '<div class="m-team-dot"></div>', iconSize: [16, 16] }), title: m.name })
        .bindTooltip(`${m.name}${m.onDuty ? '' : ' ·'}`).addTo(teamLayer));
    } catch { /* offline: the last drawn stay */ }
  }
}
