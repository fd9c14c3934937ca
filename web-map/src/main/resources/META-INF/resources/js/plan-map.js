// The planning page's maps: the plan's grids coloured by unchanged / changed / new with labels, the
// base (old) boundaries dashed under them or on a second map beside, kept in step, the validation
// problems drawn in red, and the grids picked for an edit highlighted.
import L from './leaflet-global.js';
import { t, formatNumber } from './i18n.js';

const STYLE = {
  same: { color: '#5d6b78', weight: 1.5, fillColor: '#9aa8b5', fillOpacity: 0.18 },
  changed: { color: '#c05a00', weight: 2, fillColor: '#f29a38', fillOpacity: 0.35 },
  added: { color: '#0b5cad', weight: 2, fillColor: '#4f9be8', fillOpacity: 0.35 },
};
const PICKED = { color: '#111', weight: 4, dashArray: null };
const CONFLICT = { color: '#b3261e', weight: 4, dashArray: '2 6' };
const OLD = { color: '#1b2733', weight: 2, dashArray: '6 5', fill: false, interactive: false, pmIgnore: true, snapIgnore: true };
const PROBLEM = { color: '#d62828', weight: 2, fillColor: '#d62828', fillOpacity: 0.55, pmIgnore: true, snapIgnore: true };

/** How a plan grid is shown: 'same', 'changed' (keeps a code) or 'added' (no code yet). */
export const gridKind = (properties) => (!properties.changed ? 'same' : properties.code ? 'changed' : 'added');

/** A grid's short label: its code's last three digits, or "new k3" for a grid numbered at publish. */
export const gridLabel = (properties) => (properties.code ? properties.code.slice(-3) : t('plan.newGrid', { key: properties.key }));

function addBasemap(map, basemap) {
  (basemap?.layers ?? []).forEach((layer) => L.tileLayer(layer.url, {
    subdomains: layer.subdomains || 'abc',
    attribution: layer.attribution || '',
    maxZoom: layer.maxZoom || 18,
    maxNativeZoom: layer.maxZoom || 18,
  }).addTo(map));
  map.getContainer().dataset.basemap = basemap?.type ?? 'none';
}

/**
 * Creates the maps in #map (the plan) and #map-old (the base grids, shown beside on demand).
 * `onGridClick(key, event)` is called when a plan grid is clicked.
 */
export function createPlanMaps({ config, onGridClick }) {
  const map = L.map('map', { zoomSnap: 0.25, minZoom: 5, maxZoom: 20, doubleClickZoom: false });
  const oldMap = L.map('map-old', { zoomSnap: 0.25, minZoom: 5, maxZoom: 20, zoomControl: false, attributionControl: false });
  addBasemap(map, config?.basemap);
  addBasemap(oldMap, config?.basemap);
  // A view for the first moment only: the page fits the user's jurisdiction (showJurisdiction) at
  // start, and each plan's grids when it is opened.
  map.setView([0, 0], 5);
  oldMap.setView([0, 0], 5);
  // Before a plan is opened: the user's jurisdiction and its current grids, for orientation only.
  const preview = L.layerGroup().addTo(map);

  const oldLayer = L.geoJSON(null, { style: () => OLD, pmIgnore: true, snapIgnore: true }).addTo(map);
  const oldBeside = L.geoJSON(null, {
    style: () => ({ ...STYLE.same, interactive: false }),
    onEachFeature: (feature, layer) => layer.bindTooltip(feature.properties.code?.slice(-3) ?? '', { permanent: true, direction: 'center', className: 'grid-label' }),
  }).addTo(oldMap);
  const problemLayer = L.geoJSON(null, { style: () => PROBLEM, pmIgnore: true, snapIgnore: true });
  const layersByKey = new Map();
  let picked = new Set();
  let conflicted = new Set();

  const styleOf = (properties) => ({
    ...STYLE[gridKind(properties)],
    ...(conflicted.has(properties.key) ? CONFLICT : {}),
    ...(picked.has(properties.key) ? PICKED : {}),
  });
  const gridLayer = L.geoJSON(null, {
    style: (feature) => styleOf(feature.properties),
    onEachFeature: (feature, layer) => {
      const p = feature.properties;
      layersByKey.set(p.key, layer);
      layer.bindTooltip(`${gridLabel(p)} · ${formatNumber(p.households)}`, { permanent: true, direction: 'center', className: `grid-label grid-label-${gridKind(p)}` });
      layer.on('click', (event) => onGridClick(p.key, event));
    },
  }).addTo(map);
  problemLayer.addTo(map);

  // The two maps move together (the one moved leads; a flag stops the echo).
  let syncing = false;
  const follow = (from, to) => () => {
    if (syncing || to.getContainer().closest('[hidden]')) return;
    syncing = true;
    to.setView(from.getCenter(), from.getZoom(), { animate: false });
    syncing = false;
  };
  map.on('move zoomend', follow(map, oldMap));
  oldMap.on('move zoomend', follow(oldMap, map));

  let fitted = null;
  return {
    map,
    oldMap,
    /** Draws a PlanView; fits the view the first time a plan is shown. */
    /** Shows an area's outline and its current grids (GeoJSON) and fits the map to them, until a plan is drawn. */
    showJurisdiction(outline, grids) {
      preview.clearLayers();
      const gridShapes = L.geoJSON(grids, {
        style: () => ({ ...STYLE.same, fillOpacity: 0.12 }), interactive: false, pmIgnore: true, snapIgnore: true,
      });
      const border = L.geoJSON(outline, {
        style: () => ({ color: '#16324f', weight: 3, fill: false }), interactive: false, pmIgnore: true, snapIgnore: true,
      });
      preview.addLayer(gridShapes).addLayer(border);
      const bounds = border.getBounds();
      if (bounds.isValid() && fitted === null) map.fitBounds(bounds, { padding: [20, 20], animate: false });
      map.getContainer().dataset.preview = String(gridShapes.getLayers().length);
    },
    render(view) {
      preview.clearLayers();
      delete map.getContainer().dataset.preview;
      map.invalidateSize({ animate: false });
      layersByKey.clear();
      gridLayer.clearLayers();
      gridLayer.addData(view.grids);
      oldLayer.clearLayers();
      oldLayer.addData(view.baseGrids);
      oldBeside.clearLayers();
      oldBeside.addData(view.baseGrids);
      problemLayer.clearLayers();
      (view.validation?.problems ?? []).filter((p) => p.geometry).forEach((p) => {
        problemLayer.addData({ type: 'Feature', geometry: p.geometry, properties: { kind: p.kind } });
      });
      problemLayer.bringToFront();
      picked = new Set([...picked].filter((key) => layersByKey.has(key)));
      if (fitted !== view.id && gridLayer.getLayers().length > 0) {
        fitted = view.id;
        map.fitBounds(gridLayer.getBounds(), { padding: [20, 20], animate: false });
      }
    },
    clear() {
      [gridLayer, oldLayer, oldBeside, problemLayer].forEach((layer) => layer.clearLayers());
      layersByKey.clear();
      fitted = null;
    },
    /** Highlights the grids picked for an edit. */
    setPicked(keys) {
      picked = new Set(keys);
      gridLayer.eachLayer((layer) => layer.setStyle(styleOf(layer.feature.properties)));
    },
    /** Outlines the grids named by a publish conflict. */
    setConflicted(keys) {
      conflicted = new Set(keys);
      gridLayer.eachLayer((layer) => layer.setStyle(styleOf(layer.feature.properties)));
    },
    showOld(visible) {
      if (visible) oldLayer.addTo(map).bringToBack();
      else oldLayer.remove();
    },
    /** Shows or hides the old boundaries on their own map beside the plan. */
    sideBySide(on) {
      document.getElementById('map-old-wrap').hidden = !on;
      map.invalidateSize({ animate: false });
      oldMap.invalidateSize({ animate: false });
      if (on) oldMap.setView(map.getCenter(), map.getZoom(), { animate: false });
    },
    /** Zooms to a GeoJSON geometry (a problem's place). */
    zoomTo(geometry) {
      const bounds = L.geoJSON(geometry).getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 18, padding: [40, 40] });
    },
    gridLayers: () => [...layersByKey.values()],
    gridLayer: (key) => layersByKey.get(key),
    problemCount: () => problemLayer.getLayers().length,
  };
}
