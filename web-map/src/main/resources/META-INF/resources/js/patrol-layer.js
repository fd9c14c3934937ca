// The command map's "巡查轨迹 / Patrol tracks" overlay: the grid members' patrol tracks of the last
// 7 days inside the visible box (GET /api/patrols), reloaded when the map moves while it is shown.
import L from './leaflet-global.js';
import { patrolTracks } from './api.js';
import { t, formatNumber, formatDateTime } from './i18n.js';

/** How far back the overlay looks. */
export const PATROL_WINDOW_DAYS = 7;

/** The query for the tracks of the last days inside Leaflet bounds (pure; `now` a Date). */
export function patrolQuery(bounds, now, days = PATROL_WINDOW_DAYS) {
  const round = (x) => Math.round(x * 1e6) / 1e6;
  const clamp = (x, limit) => Math.max(-limit, Math.min(limit, x));
  return {
    from: new Date(now.getTime() - days * 86_400_000).toISOString(),
    to: now.toISOString(),
    bbox: [
      round(clamp(bounds.getWest(), 180)), round(clamp(bounds.getSouth(), 90)),
      round(clamp(bounds.getEast(), 180)), round(clamp(bounds.getNorth(), 90)),
    ].join(','),
  };
}

/** The overlay (an L.geoJSON layer) and its loader; `load()` resolves with the number of tracks drawn. */
export function createPatrolLayer(map) {
  const layer = L.geoJSON(null, {
    style: () => ({ color: '#7048e8', weight: 3, opacity: 0.8 }),
    onEachFeature: (feature, path) => {
      const p = feature.properties;
      path.bindTooltip(t('patrolTrack', {
        name: p.memberName ?? p.memberCode,
        distance: formatNumber(Math.round(p.distanceMetres)),
        time: formatDateTime(p.startedAt),
      }));
    },
  });
  let request = 0;
  async function load() {
    const mine = ++request;
    const tracks = await patrolTracks(patrolQuery(map.getBounds(), new Date()));
    if (mine !== request) {
      return layer.getLayers().length; // a newer load is under way
    }
    layer.clearLayers();
    layer.addData(tracks);
    map.getContainer().dataset.patrolTracks = String(tracks.features.length);
    return tracks.features.length;
  }
  map.on('overlayadd', (event) => { if (event.layer === layer) load(); });
  map.on('moveend', () => { if (map.hasLayer(layer)) load(); });
  return { layer, load };
}
