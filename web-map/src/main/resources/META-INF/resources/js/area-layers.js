// The area tree by zoom: districts → streets → communities → grids, each level drawn from the
// server's vector tiles (/tiles/{layer}/{z}/{x}/{y}.mvt) so that a city of 20,000 grids stays
// smooth, coloured by one figure of the level (/api/map/areas), with labels for the areas in view.
import L from './leaflet-global.js';
import { mapAreas, areaShape } from './api.js';
import { t, formatNumber, formatPercent } from './i18n.js';

export const METRICS = ['open', 'overdue', 'highRisk', 'closureRate', 'householdsPerMember', 'none'];

const COUNT_COLOURS = ['#fff7bc', '#fee391', '#fec44f', '#fe9929', '#ec7014', '#cc4c02', '#8c2d04'];
const RATE_COLOURS = ['#d73027', '#fc8d59', '#fee08b', '#d9ef8b', '#91cf60', '#1a9850'];
const RATE_BREAKS = [0.5, 0.7, 0.8, 0.9, 0.95];
const LOAD_COLOURS = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'];
const LOAD_BREAKS = [100, 150, 200, 250];
const NO_STAFF = '#7b3294';
const ZERO = '#f4f6f8';
const MAX_LABELS = 300;
const NOT_LOADED = '#8a98a8';
const STREET_CODE_LENGTH = 9;
const MAX_FIGURE_REQUESTS = 4; // street figure reads at once, so that tiles are not queued behind many
const WHOLE_LEVELS = new Set(['CITY', 'DISTRICT', 'STREET']);
const SMALL_ROOTS = new Set(['STREET', 'COMMUNITY', 'GRID']); // a jurisdiction this small reads every level whole
/** The level one below each level (drill-down goes one level at a time). */
const CHILD_LEVEL = { CITY: 'DISTRICT', DISTRICT: 'STREET', STREET: 'COMMUNITY', COMMUNITY: 'GRID', GRID: 'GRID' };
const OUTLINE_STYLE = { color: '#d1495b', weight: 3.5, opacity: 1, fill: false, dashArray: null, interactive: false };

function classify(value, breaks) {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]) {
    i += 1;
  }
  return i;
}

/** Class breaks for a count metric: quantiles of the non-zero values (at most six classes). */
function countBreaks(values) {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) {
    return [];
  }
  const breaks = [];
  for (let q = 1; q < 6; q += 1) {
    const value = sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / 6))];
    if (breaks.length === 0 || value > breaks[breaks.length - 1]) {
      breaks.push(value);
    }
  }
  return breaks;
}

/** Legend rows of a count metric: 0, then one range per class ([1, b0 − 1], [b0, b1 − 1], …, ≥ last). */
function countLegend(breaks) {
  const rows = [[ZERO, '0']];
  for (let i = 0; i <= breaks.length; i += 1) {
    const lower = i === 0 ? 1 : breaks[i - 1];
    const upper = i < breaks.length ? breaks[i] - 1 : Infinity;
    if (upper < lower) continue;
    const text = upper === Infinity ? `≥ ${formatNumber(lower)}`
      : upper === lower ? formatNumber(lower) : `${formatNumber(lower)}–${formatNumber(upper)}`;
    rows.push([COUNT_COLOURS[1 + i], text]);
  }
  return rows;
}

/** The fill colour of an area for a metric, and the legend of that metric. */
export function colourScale(metric, figures) {
  if (metric === 'closureRate') {
    return {
      colour: (f) => (f?.closureRate == null ? ZERO : RATE_COLOURS[classify(f.closureRate, RATE_BREAKS)]),
      legend: [[ZERO, '–'], ...RATE_COLOURS.map((c, i) => [c, i === 0 ? `< ${formatPercent(RATE_BREAKS[0])}`
        : `≥ ${formatPercent(RATE_BREAKS[i - 1])}`])],
    };
  }
  if (metric === 'householdsPerMember') {
    return {
      colour: (f) => (f == null ? ZERO : f.householdsPerMember == null ? NO_STAFF
        : LOAD_COLOURS[classify(f.householdsPerMember, LOAD_BREAKS)]),
      legend: [[NO_STAFF, '0 ✕'], ...LOAD_COLOURS.map((c, i) => [c, i === 0 ? `< ${LOAD_BREAKS[0]}`
        : `≥ ${LOAD_BREAKS[i - 1]}`])],
    };
  }
  if (metric === 'none') {
    return { colour: () => '#dfe7ef', legend: [] };
  }
  const breaks = countBreaks([...figures.values()].map((f) => f[metric] ?? 0));
  return {
    colour: (f) => {
      const value = f?.[metric] ?? 0;
      return value <= 0 ? ZERO : COUNT_COLOURS[1 + classify(value, breaks)];
    },
    legend: countLegend(breaks),
  };
}

/**
 * Adds the area layers to `map`. `levels` comes from /api/map/config: `[{ level, layer, minZoom,
 * maxZoom }]`, top level first. Returns the controller the page uses.
 */
export function createAreaLayers(map, levels, { rootLevel = 'CITY', onLevelChange = () => {}, onFigures = () => {} } = {}) {
  const figuresByLevel = new Map(); // level → Map(code → figures)
  const loadingFigures = new Map(); // level → promise
  let metric = 'open';
  let scales = new Map(); // level → colour scale
  let active = null;
  const inFlight = new Set(); // tiles requested and not yet loaded
  const labels = L.layerGroup().addTo(map);

  const styleFor = (level) => (properties) => {
    const figures = figuresByLevel.get(level)?.get(properties.code);
    const scale = scales.get(level);
    const isGrid = level === 'GRID';
    if (!figures && piecewise(level)) {
      wantStreet(level, properties.code); // drawn without its figures: read them (its street's)
    }
    // An area whose figures are not in yet is drawn faint, never in the "0" colour.
    const known = figures != null && scale != null;
    return {
      fill: true,
      fillColor: known ? scale.colour(figures) : NOT_LOADED,
      fillOpacity: !known ? 0.12 : metric === 'none' ? 0.35 : 0.7,
      color: isGrid ? '#51606f' : '#1d3557',
      weight: isGrid ? 0.7 : 1.6,
      opacity: 0.9,
    };
  };

  const layers = levels.map((entry) => {
    const layer = L.vectorGrid.protobuf(`/tiles/${entry.layer}/{z}/{x}/{y}.mvt`, {
      rendererFactory: L.canvas.tile,
      interactive: false, // clicks go through /api/locate (see main.js): works on any level and renderer
      vectorTileLayerStyles: { [entry.layer]: styleFor(entry.level) },
      fetchOptions: { credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' } },
      maxNativeZoom: 18,
      keepBuffer: 1,
      updateWhenZooming: false,
      pane: 'overlayPane',
    });
    const key = (event) => `${entry.layer}/${event.coords.z}/${event.coords.x}/${event.coords.y}`;
    layer.on('tileloadstart', (event) => inFlight.add(key(event)));
    layer.on('tileload tileerror tileunload', (event) => inFlight.delete(key(event)));
    layer.on('remove', () => [...inFlight].filter((k) => k.startsWith(`${entry.layer}/`)).forEach((k) => inFlight.delete(k)));
    return { ...entry, layer };
  });

  // After a drill-down into an area, the level below it is shown at the zoom that fitted the area
  // (whatever the zoom ranges say) and when zoomed out from there; zoomed in further, the finer
  // levels of the zoom ranges take over.
  let drilled = null; // { code, level (shown below it), zoom (that fitted it) }

  function levelForZoom(zoom) {
    let chosen = layers[0];
    for (const entry of layers) {
      if (zoom >= entry.minZoom) {
        chosen = entry;
      }
    }
    if (drilled) {
      const below = layers.find((entry) => entry.level === drilled.level);
      if (below && (zoom <= drilled.zoom || layers.indexOf(chosen) < layers.indexOf(below))) {
        chosen = below;
      }
    }
    return chosen;
  }

  // The whole jurisdiction is "drilled" too: its first view shows the level below it. Not on the
  // wall: its screen is big enough for the finest level the zoom allows (a city's communities), so
  // there the zoom ranges alone choose (a drilled area still shows the level below it).
  let onWall = false;
  const rootFloor = (zoom) => (onWall ? null : { code: null, level: CHILD_LEVEL[rootLevel] ?? rootLevel, zoom });

  // The drilled area's outline, drawn above the areas.
  const outlinePane = map.createPane('drill-outline');
  outlinePane.style.zIndex = 450;
  outlinePane.style.pointerEvents = 'none';
  let outline = null;

  async function drawOutline(code, level) {
    if (outline) {
      map.removeLayer(outline.layer);
      outline = null;
    }
    if (!code) return null;
    const feature = await areaShape(level, code);
    if (!feature || drilled?.code !== code) return null;
    const layer = L.geoJSON(feature, { pane: 'drill-outline', style: () => OUTLINE_STYLE, interactive: false }).addTo(map);
    outline = { code, layer };
    return layer.getBounds();
  }

  // Districts and streets are few: their figures are read for the whole jurisdiction at once.
  // Communities and grids of a big jurisdiction (a city of 20,000 grids is megabytes of figures)
  // are read street by street: every street with an area drawn on the map (the tiles' style asks
  // for the figures of each area it draws), at most MAX_FIGURE_REQUESTS reads at once.
  const piecewise = (level) => !WHOLE_LEVELS.has(level) && !SMALL_ROOTS.has(rootLevel);
  const loadedWithin = new Map(); // level → Set(street code)
  const pending = new Map(); // `${level}/${street}` → promise
  const waiting = []; // reads not started yet: () => promise
  let reading = 0;

  function wholeLevel(level, reload) {
    if (!reload && figuresByLevel.has(level)) {
      return Promise.resolve(figuresByLevel.get(level));
    }
    if (!reload && loadingFigures.has(level)) {
      return loadingFigures.get(level);
    }
    const promise = mapAreas(level).then((rows) => {
      const byCode = new Map(rows.map((row) => [row.code, row]));
      figuresByLevel.set(level, byCode);
      scales.set(level, colourScale(metric, byCode));
      loadingFigures.delete(level);
      onFigures(level, byCode);
      return byCode;
    }, (error) => {
      loadingFigures.delete(level);
      throw error;
    });
    loadingFigures.set(level, promise);
    return promise;
  }

  /** Runs `read` when fewer than MAX_FIGURE_REQUESTS reads are under way. */
  function limited(read) {
    return new Promise((resolve, reject) => {
      waiting.push(() => read().then(resolve, reject));
      pump();
    });
  }
  function pump() {
    while (reading < MAX_FIGURE_REQUESTS && waiting.length) {
      reading += 1;
      waiting.shift()().finally(() => {
        reading -= 1;
        pump();
      });
    }
  }

  /** Reads the figures of `level` inside one street (once; again with `reload`) into the level's map. */
  function readStreet(level, street, reload = false) {
    const key = `${level}/${street}`;
    if (!reload && loadedWithin.get(level)?.has(street)) return Promise.resolve(false);
    if (pending.has(key)) return pending.get(key);
    const promise = limited(() => mapAreas(level, street)).then((rows) => {
      const byCode = figuresByLevel.get(level) ?? new Map();
      figuresByLevel.set(level, byCode);
      rows.forEach((row) => byCode.set(row.code, row));
      if (!loadedWithin.has(level)) loadedWithin.set(level, new Set());
      loadedWithin.get(level).add(street);
      return true;
    }).finally(() => pending.delete(key));
    pending.set(key, promise);
    return promise;
  }

  /** After new rows: one colour scale over all rows of the level, the legend, the tiles and labels. */
  function figuresArrived(level) {
    const byCode = figuresByLevel.get(level);
    if (!byCode) return;
    scales.set(level, colourScale(metric, byCode));
    onFigures(level, byCode);
    if (active?.level === level) {
      active.layer.redraw();
      drawLabels();
    }
  }
  let arrivalTimer = null;
  const arrivedLevels = new Set();
  function figuresArrivedSoon(level) {
    arrivedLevels.add(level);
    clearTimeout(arrivalTimer);
    arrivalTimer = setTimeout(() => {
      [...arrivedLevels].forEach(figuresArrived);
      arrivedLevels.clear();
    }, 150);
  }

  /** The tiles drew an area of a piecewise level without figures: read its street's. */
  function wantStreet(level, code) {
    if (!code || code.length < STREET_CODE_LENGTH) return;
    const street = code.slice(0, STREET_CODE_LENGTH);
    if (loadedWithin.get(level)?.has(street) || pending.has(`${level}/${street}`)) return;
    readStreet(level, street).then((changed) => {
      if (changed) figuresArrivedSoon(level);
    }, (error) => {
      if (error?.name === 'SessionEndedError') return;
      // Left faint; the next draw of one of its areas asks again.
    });
  }

  /** Figures of a level (Map code → row): for a piecewise level, of every street near the view. */
  async function figures(level, { reload = false } = {}) {
    if (!piecewise(level)) {
      return wholeLevel(level, reload);
    }
    const streets = await wholeLevel('STREET', false);
    const around = map.getBounds().pad(0.5);
    const centre = map.getCenter();
    const wanted = [...streets.values()]
      .filter((street) => street.labelLat != null && around.contains([street.labelLat, street.labelLon]))
      .sort((a, b) => centre.distanceTo([a.labelLat, a.labelLon]) - centre.distanceTo([b.labelLat, b.labelLon]))
      .map((street) => street.code);
    // On a reload, the streets read before are read again too (their figures changed).
    const again = reload ? [...(loadedWithin.get(level) ?? [])] : [];
    const codes = [...new Set([...wanted, ...again])];
    const changed = await Promise.all(codes.map((code) => readStreet(level, code, reload)));
    const byCode = figuresByLevel.get(level) ?? new Map();
    figuresByLevel.set(level, byCode);
    if (changed.some(Boolean) || !scales.has(level)) {
      scales.set(level, colourScale(metric, byCode));
      byCode.changed = true;
      onFigures(level, byCode);
    }
    return byCode;
  }

  /** After a move: a piecewise level reads the streets that came into view and recolours. */
  async function figuresForView() {
    if (!active || !piecewise(active.level)) {
      return;
    }
    const byCode = await figures(active.level);
    if (byCode.changed) {
      byCode.changed = false;
      active.layer.redraw();
    }
  }

  /** Whether every area of the level shown whose label lies in the view has its figures. */
  function viewComplete() {
    if (!active) return false;
    const byCode = figuresByLevel.get(active.level);
    return Boolean(byCode) && pending.size === 0 && waiting.length === 0;
  }

  function drawLabels() {
    labels.clearLayers();
    if (!active) {
      return;
    }
    const byCode = figuresByLevel.get(active.level);
    if (!byCode) {
      return;
    }
    const bounds = map.getBounds().pad(0.1);
    let shown = 0;
    for (const area of byCode.values()) {
      if (area.labelLat == null || !bounds.contains([area.labelLat, area.labelLon])) {
        continue;
      }
      if (shown >= MAX_LABELS) {
        break;
      }
      shown += 1;
      const value = metric === 'closureRate' ? formatPercent(area.closureRate)
        : metric === 'householdsPerMember' ? formatNumber(area.householdsPerMember, { maximumFractionDigits: 0 })
          : metric === 'none' || !area[metric] ? '' : formatNumber(area[metric]); // no '0' clutter
      const label = document.createElement('div');
      const name = document.createElement('span');
      name.className = 'area-label-name';
      name.textContent = area.name;
      label.append(name);
      if (value) {
        const figure = document.createElement('span');
        figure.className = 'area-label-value';
        figure.textContent = value;
        label.append(figure);
      }
      L.marker([area.labelLat, area.labelLon], {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: `area-label area-label-${active.level.toLowerCase()}`, html: label, iconSize: null }),
      }).addTo(labels);
    }
  }

  // The first view waits for its level's figures, so that its tiles are coloured when first drawn.
  // Later level changes show the new level at once and recolour it (tiles again, from the browser's
  // cache) when its figures arrive: zooming never waits for figures.
  async function showLevel({ waitForFigures = false } = {}) {
    const next = levelForZoom(map.getZoom());
    if (next === active) {
      drawLabels();
      return;
    }
    const figuresIn = figures(next.level).catch((error) => {
      if (error?.name === 'SessionEndedError') throw error;
      return null; // drawn uncoloured: the figures are a detail, the areas are not
    });
    if (waitForFigures) {
      const loaded = await figuresIn;
      if (loaded) loaded.changed = false;
      if (levelForZoom(map.getZoom()) !== next) {
        return; // zoomed on meanwhile: the next zoomend shows the right level
      }
    }
    if (active) {
      map.removeLayer(active.layer);
    }
    active = next;
    const tilesIn = new Promise((resolve) => {
      next.layer.once('load', resolve);
      setTimeout(resolve, 10_000); // a cap: the first view must not wait forever on one tile
    });
    next.layer.addTo(map);
    onLevelChange(next.level);
    drawLabels();
    if (!waitForFigures) {
      figuresIn.then((loaded) => {
        if (loaded && active === next) {
          loaded.changed = false;
          next.layer.redraw();
          drawLabels();
        }
      });
    }
    await tilesIn;
  }

  map.on('zoomend', () => { showLevel(); });
  map.on('moveend', () => {
    drawLabels();
    figuresForView().then(drawLabels).catch(() => {}); // a failed read leaves the areas uncoloured
  });

  return {
    /**
     * Shows the first view's level (the one below the jurisdiction, at the zoom that fits it);
     * resolves once its figures are in.
     */
    start: () => {
      drilled = rootFloor(map.getZoom());
      return showLevel({ waitForFigures: true });
    },
    /** The level shown now ('DISTRICT', …). */
    activeLevel: () => active?.level,
    levelForZoom: (zoom) => levelForZoom(zoom).level,
    /** Figures of a level (cached), as Map(code → row). */
    figures,
    /** The figures of one area if its level is loaded. */
    figuresOf: (code) => {
      for (const byCode of figuresByLevel.values()) {
        if (byCode.has(code)) {
          return byCode.get(code);
        }
      }
      return null;
    },
    /** Re-reads the figures of the loaded levels (after live changes) and recolours. */
    async refresh() {
      // Piecewise levels not on show are forgotten (read again when shown), the rest re-read.
      const loaded = [...figuresByLevel.keys()];
      loaded.filter((level) => piecewise(level) && level !== active?.level).forEach((level) => {
        figuresByLevel.delete(level);
        loadedWithin.delete(level);
        scales.delete(level);
      });
      await Promise.all(loaded.filter((level) => figuresByLevel.has(level))
        .map((level) => figures(level, { reload: true }).catch(() => null)));
      active?.layer.redraw();
      drawLabels();
    },
    /** Colours every level by `next` (one of METRICS). */
    setMetric(next) {
      metric = next;
      scales = new Map([...figuresByLevel].map(([level, byCode]) => [level, colourScale(metric, byCode)]));
      active?.layer.redraw();
      drawLabels();
    },
    metric: () => metric,
    legend: () => (active ? scales.get(active.level)?.legend ?? [] : []),
    /** No figure read under way or waiting (the tiles drawn have asked for theirs). */
    figuresSettled: viewComplete,
    /** Tiles requested and not yet loaded, over all area layers. */
    tilesLoading: () => inFlight.size,
    redrawLabels: drawLabels,
    /**
     * Drills into area `code` of `level` (null: back to the whole jurisdiction): outlines it, fits
     * it with `fit(bounds)` and shows the level below it. Resolves once the new level is shown.
     */
    async drillInto(code, level, fit) {
      const next = code ? { code, level: CHILD_LEVEL[level] ?? level, zoom: Infinity } : rootFloor(Infinity);
      drilled = next;
      const bounds = await drawOutline(code, level).catch(() => null);
      if (drilled !== next) return; // drilled elsewhere meanwhile
      fit(bounds);
      if (next) next.zoom = map.getZoom();
      await showLevel();
    },
    /** Wall mode on or off: the jurisdiction's view follows the zoom ranges alone on the wall. */
    setWall(on) {
      onWall = on;
      if (!drilled || drilled.code === null) drilled = rootFloor(map.getZoom());
      return showLevel();
    },
    /** The code of the area outlined now, or null. */
    outlined: () => outline?.code ?? null,
    /** The outline's bounds (L.LatLngBounds), or null. */
    outlineBounds: () => outline?.layer.getBounds() ?? null,
  };
}
