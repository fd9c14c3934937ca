// Cases on the map: clustered markers coloured by status, urging and risk, a heat map of the
// filtered time window, and live changes (a new case pulses where it happened).
import L from './leaflet-global.js';
import { casePoints } from './api.js';
import { caseColour, CASE_COLOURS, OPEN_STATUSES } from './case-clock.js';

export { caseColour, CASE_COLOURS };

const SEVERITY = { red: 5, yellow: 4, new: 3, verify: 2, working: 1, finished: 0 };

/** Rows of /api/incidents/points as objects. */
function rowsToCases({ fields, rows }) {
  return rows.map((row) => Object.fromEntries(fields.map((field, i) => [field, row[i]])));
}

/** The server-side filter (query parameters of /api/incidents/points) of the page's filter state. */
export function serverFilter(filter, now = Date.now()) {
  const from = filter.window === 'all' ? undefined : new Date(now - windowMillis(filter.window)).toISOString();
  return {
    area: filter.area || undefined,
    category: filter.category || undefined,
    status: filter.statuses.length ? filter.statuses : undefined,
    risk: filter.risks.length ? filter.risks : undefined,
    source: filter.sources.length ? filter.sources : undefined,
    from,
  };
}

function windowMillis(window) {
  if (window === 'today') {
    // Since midnight in the city (UTC+8, no daylight saving).
    const shanghai = new Date(Date.now() + 8 * 3600_000);
    return (shanghai.getUTCHours() * 3600 + shanghai.getUTCMinutes() * 60 + shanghai.getUTCSeconds()) * 1000;
  }
  return { '7d': 7, '30d': 30, '90d': 90 }[window] * 86_400_000;
}

/** Whether a case (after a live change) still belongs to the filtered set. */
export function matchesFilter(c, filter) {
  if (filter.statuses.length && !filter.statuses.includes(c.status)) return false;
  if (filter.risks.length && !filter.risks.includes(c.risk)) return false;
  if (filter.sources.length && c.source && !filter.sources.includes(c.source)) return false;
  if (filter.category && !(c.categoryCode || '').startsWith(filter.category)) return false;
  if (filter.area && !(c.placeCode || c.gridCode || '').startsWith(filter.area)) return false;
  if (filter.overdue && caseColour(c) !== 'red') return false;
  if (filter.window !== 'all' && c.reportedAt && Date.parse(c.reportedAt) < Date.now() - windowMillis(filter.window)) return false;
  return true;
}

export function createCaseLayer(map, { onSelect = () => {}, onChange = () => {} } = {}) {
  const renderer = L.canvas({ padding: 0.5 });
  const cluster = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    maxClusterRadius: (zoom) => (zoom >= 16 ? 30 : 55),
    disableClusteringAtZoom: 18,
    iconCreateFunction: (group) => {
      let worst = 'finished';
      for (const marker of group.getAllChildMarkers()) {
        const colour = caseColour(marker.wanggeCase);
        if (SEVERITY[colour] > SEVERITY[worst]) {
          worst = colour;
        }
      }
      const count = group.getChildCount();
      const size = count < 10 ? 30 : count < 100 ? 36 : 44;
      return L.divIcon({
        html: `<span>${count}</span>`,
        className: `case-cluster case-cluster-${worst}`,
        iconSize: [size, size],
      });
    },
  });
  // leaflet.heat redraws in the next animation frame and reads its map there: a heat layer that is
  // off the map is given no points (they are set when it is added again), and a frame still
  // pending when it is taken off is cancelled.
  const heat = new (L.HeatLayer.extend({
    onRemove(removedFrom) {
      if (this._frame) {
        L.Util.cancelAnimFrame(this._frame);
        this._frame = null;
      }
      L.HeatLayer.prototype.onRemove.call(this, removedFrom);
    },
  }))([], { radius: 20, blur: 16, maxZoom: 16, minOpacity: 0.3 });
  heat.on('add', () => refreshHeat());
  const pulses = L.layerGroup().addTo(map);
  const markers = new Map(); // id → marker
  const seen = new Map(); // number → epoch ms drawn
  let filter = null;
  let total = 0;
  let truncated = false;
  let selectedId = null;
  let markerScale = 1; // the wall draws markers bigger (its text follows the viewport)

  function style(c) {
    const colour = caseColour(c);
    const selected = c.id === selectedId;
    return {
      renderer,
      radius: (c.risk === 'HIGH' ? 8 : 6) * markerScale,
      color: selected ? '#000000' : c.risk === 'HIGH' ? '#4a0000' : '#ffffff',
      weight: (selected ? 3 : c.risk === 'HIGH' ? 2.5 : 1.2) * markerScale,
      fillColor: CASE_COLOURS[colour],
      fillOpacity: 0.95,
    };
  }

  function markerFor(c) {
    const marker = L.circleMarker([c.lat, c.lon], style(c));
    marker.wanggeCase = c;
    marker.on('click', (event) => {
      L.DomEvent.stopPropagation(event);
      onSelect(marker.wanggeCase.id);
    });
    marker.bindTooltip(() => `${marker.wanggeCase.number}`, { direction: 'top', offset: [0, -6] });
    return marker;
  }

  function refreshHeat() {
    if (map.hasLayer(heat)) {
      heat.setLatLngs([...markers.values()].map((m) => [m.wanggeCase.lat, m.wanggeCase.lon, 1]));
    }
  }

  async function load(nextFilter, query) {
    filter = nextFilter;
    const answer = await casePoints(query);
    total = answer.total;
    truncated = answer.truncated;
    let cases = rowsToCases(answer);
    if (filter.overdue) {
      cases = cases.filter((c) => caseColour(c) === 'red');
      total = cases.length;
    }
    cluster.clearLayers();
    markers.clear();
    const list = cases.map((c) => {
      const marker = markerFor(c);
      markers.set(c.id, marker);
      return marker;
    });
    cluster.addLayers(list);
    onChange();
    refreshHeat();
    return cases.length;
  }

  function pulse(c) {
    const icon = L.divIcon({ className: 'case-pulse', iconSize: [44, 44] });
    const marker = L.marker([c.lat, c.lon], { icon, interactive: false, keyboard: false }).addTo(pulses);
    setTimeout(() => pulses.removeLayer(marker), 6000);
  }

  /** Applies one live change (a CaseChange of /api/live); returns what happened to the case. */
  function applyChange(change) {
    const existing = markers.get(change.incidentId);
    const c = {
      ...(existing?.wanggeCase ?? {}),
      id: change.incidentId,
      number: change.number,
      lon: change.lon,
      lat: change.lat,
      status: change.status,
      risk: change.risk,
      urgeLevel: change.urgeLevel,
      categoryCode: change.categoryCode,
      gridCode: change.gridCode,
      placeCode: change.gridCode || change.areaCode,
      reportedAt: existing?.wanggeCase?.reportedAt ?? change.at,
      overdue: existing?.wanggeCase?.overdue && OPEN_STATUSES.has(change.status),
      stageDueAt: change.stageDueAt,
    };
    if (existing?.wanggeCase?.source) {
      c.source = existing.wanggeCase.source;
    }
    const keep = filter && matchesFilter(c, filter);
    if (!keep) {
      if (existing) {
        cluster.removeLayer(existing);
        markers.delete(c.id);
        total = Math.max(0, total - 1);
        onChange();
        refreshHeat();
      }
      return existing ? 'removed' : 'ignored';
    }
    if (existing) {
      // The same marker, changed in place: whoever holds it (the selection, the clusters) keeps a
      // marker that is on the map.
      existing.wanggeCase = c;
      existing.setStyle(style(c));
      if (!existing.getLatLng().equals([c.lat, c.lon])) {
        cluster.removeLayer(existing);
        existing.setLatLng([c.lat, c.lon]);
        cluster.addLayer(existing);
      } else {
        cluster.refreshClusters([existing]); // (an array: refreshClusters takes a lone L.Marker only)
      }
    } else {
      const marker = markerFor(c);
      markers.set(c.id, marker);
      cluster.addLayer(marker);
      total += 1;
    }
    if (change.action === 'REPORT') {
      pulse(c);
    }
    seen.set(c.number, performance.timeOrigin + performance.now());
    onChange();
    refreshHeat();
    return existing ? 'updated' : 'added';
  }

  return {
    cluster,
    heat,
    load,
    applyChange,
    /** Draws every marker `scale` times its desk size (the wall: its root font size / 16 px). */
    setMarkerScale(scale) {
      if (scale === markerScale) return;
      markerScale = scale;
      markers.forEach((m) => m.setStyle(style(m.wanggeCase)));
    },
    /** The cases drawn now (after the filter), as plain objects. */
    cases: () => [...markers.values()].map((m) => m.wanggeCase),
    get: (id) => markers.get(id)?.wanggeCase ?? null,
    findByNumber: (number) => [...markers.values()].map((m) => m.wanggeCase).find((c) => c.number === number) ?? null,
    total: () => total,
    truncated: () => truncated,
    /** The colour class of a drawn case (as its marker shows it), or null. */
    colourOf: (id) => (markers.has(id) ? caseColour(markers.get(id).wanggeCase) : null),
    /**
     * Highlights a case (its marker outlined) and, with `reveal`, brings it out of its cluster.
     * markercluster's zoomToShowLayer is not used: it leaves a moveend listener behind that holds
     * the marker, and once that marker leaves the clusters (a reload) every later move throws.
     */
    select(id, { reveal = true } = {}) {
      const previous = markers.get(selectedId);
      selectedId = id;
      if (previous) previous.setStyle(style(previous.wanggeCase));
      const marker = markers.get(id);
      if (!marker) return;
      marker.setStyle(style(marker.wanggeCase));
      if (reveal && !map.hasLayer(marker)) {
        // Clustering stops at disableClusteringAtZoom: there every marker is drawn by itself.
        map.setView(marker.getLatLng(), Math.max(map.getZoom(), cluster.options.disableClusteringAtZoom));
      }
    },
    /** Epoch ms at which a live case was drawn, or null. */
    seenAt: (number) => seen.get(number) ?? null,
  };
}
