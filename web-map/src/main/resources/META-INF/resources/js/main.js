// The command map: one map that commands the user's whole jurisdiction. Areas by zoom from vector
// tiles, cases clustered and live, a heat map, grid members' positions; filters, a case list in step
// with the map, search, case and area cards with the actions the user's role allows, drill-down
// with a breadcrumb, and a wall mode for the command centre's big screen.
//
// Hooks for the browser tests and the speed harness (scripts/bench-map):
//   document.documentElement.dataset.ready = 'true' once the first view is interactive;
//   window.wangge = { map, timings: { ready }, tilesLoading(), caseSeen(number), state, … }.
import L from './leaflet-global.js';
import { listItems, searchItems, nodeName } from './category-picker.js';
import { el } from './dom.js';
import { me, logout, mapConfig, mapSummary, categories, locate, geocode, incidents, memberPositions, ROLE_NAMES, SessionEndedError, getJson, postJson } from './api.js';
import { t, applyTranslations, setLanguage, currentLanguage, onLanguageChange, formatNumber, formatDateTime, hasMessage } from './i18n.js';
import { createAreaLayers, METRICS } from './area-layers.js';
import { createCaseLayer, serverFilter } from './case-layer.js';
import { createCaseList } from './case-list.js';
import { showCaseCard } from './case-card.js';
import { showAreaCard, areaDetail, drawBreadcrumb } from './area-card.js';
import { connectLive } from './live.js';
import { createWall } from './wall.js';
import { createPatrolLayer } from './patrol-layer.js';
import { mountNav } from './nav.js';
import { rememberUser } from './screens.js';
import { mountAlarms } from './alarms.js';

const OPEN_STATUSES = ['REPORTED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'HANDLED'];
const ALL_STATUSES = [...OPEN_STATUSES, 'CLOSED', 'FOLLOWED_UP', 'CANCELLED'];
const RISKS = ['HIGH', 'MEDIUM', 'LOW'];
const SOURCES = ['PATROL', 'CITIZEN', 'HOTLINE', 'SENSOR', 'DEPARTMENT'];
const CASE_NUMBER = /^\d{13}$/;
const AREA_CODE = /^(\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/;

const errorBox = document.getElementById('error');
const summaryBox = document.getElementById('summary');
const card = document.getElementById('card');
const root = document.documentElement;

const defaultFilter = () => ({ category: '', statuses: [...OPEN_STATUSES], risks: [], sources: [], window: 'all', overdue: false, area: null });
const state = { filter: defaultFilter(), user: null, rootCode: null, rootName: '', areaDetail: null, categories: new Map() };
const wangge = { state, timings: {}, tilesLoading: () => 0, caseSeen: () => null };
window.wangge = wangge;

// The error box says what went wrong until the user dismisses it (×) or the same thing works again.
function showError(message) {
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'error-close';
  close.textContent = '×';
  close.title = t('error.dismiss');
  close.setAttribute('aria-label', t('error.dismiss'));
  close.addEventListener('click', hideError);
  const text = document.createElement('span');
  text.textContent = message;
  errorBox.replaceChildren(text, close);
  errorBox.hidden = false;
}
function hideError() {
  errorBox.hidden = true;
  errorBox.replaceChildren();
}
const isSessionEnded = (error) => error instanceof SessionEndedError;
// A fetch that fails without an answer (TypeError) means the network or the server is away: the
// live indicator says so, and tiles and figures are fetched again on the next move or change.
const isNetworkFailure = (error) => error instanceof TypeError && /fetch|network/i.test(error.message);
window.addEventListener('unhandledrejection', (event) => {
  if (isSessionEnded(event.reason) || isNetworkFailure(event.reason)) {
    event.preventDefault();
    return;
  }
  showError(String(event.reason?.message ?? event.reason));
});

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// --- User bar and language ----------------------------------------------------------------------

function showUser(user) {
  document.getElementById('user-name').textContent = user.displayName || user.username;
  document.getElementById('user-name').title = user.username;
  document.getElementById('user-role').textContent = hasMessage(`role.${user.role}`) ? t(`role.${user.role}`)
    : (ROLE_NAMES[user.role] || user.roleName || user.role);
  const areaElement = document.getElementById('user-area');
  areaElement.textContent = user.jurisdiction?.name || '';
  areaElement.title = user.jurisdiction?.code || '';
  areaElement.hidden = !user.jurisdiction?.name;
  mountNav(user);
  rememberUser(user);
  document.getElementById('user-bar').hidden = false;
}

const logoutButton = document.getElementById('logout');
logoutButton.addEventListener('click', () => {
  logoutButton.disabled = true;
  logout().catch((error) => {
    logoutButton.disabled = false;
    if (!isSessionEnded(error)) showError(error.message);
  });
});
document.getElementById('lang-toggle').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));

// --- Filters ------------------------------------------------------------------------------------

function checkboxes(fieldsetId, values, prefix, checked) {
  const fieldset = document.getElementById(fieldsetId);
  fieldset.querySelectorAll('label').forEach((l) => l.remove());
  values.forEach((value) => {
    const labelElement = document.createElement('label');
    labelElement.className = 'check';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = value;
    input.checked = checked.includes(value);
    const text = document.createElement('span');
    text.dataset.i18n = `${prefix}.${value}`;
    text.textContent = t(`${prefix}.${value}`);
    labelElement.append(input, ' ', text);
    fieldset.append(labelElement);
  });
}

function readFilter() {
  const checked = (id) => [...document.querySelectorAll(`#${id} input:checked`)].map((i) => i.value);
  return {
    ...state.filter,
    category: document.getElementById('filter-category').value,
    window: document.getElementById('filter-window').value,
    statuses: checked('filter-status'),
    risks: checked('filter-risk'),
    sources: checked('filter-source'),
    overdue: document.getElementById('filter-overdue').checked,
  };
}

function writeFilter(filter) {
  document.getElementById('filter-category').value = filter.category;
  document.getElementById('filter-window').value = filter.window;
  const set = (id, values) => document.querySelectorAll(`#${id} input`).forEach((i) => { i.checked = values.includes(i.value); });
  set('filter-status', filter.statuses);
  set('filter-risk', filter.risks);
  set('filter-source', filter.sources);
  document.getElementById('filter-overdue').checked = filter.overdue;
}

function categoryName(code) {
  if (!code) return '';
  const node = state.categories.get(code) ?? state.categories.get(code.slice(0, 2));
  return node ? nodeName(node) : code;
}

// The category filter: the responsibility list in three levels (a class, a subclass or an item:
// the filter matches codes by prefix), narrowed by the search box above it.
let categoryTree = [];

function drawCategoryFilter() {
  const select = document.getElementById('filter-category');
  const chosen = select.value;
  const q = document.getElementById('filter-category-search').value.trim();
  const found = new Set(searchItems(listItems(categoryTree), q).map((i) => i.code));
  const keep = (code) => !q || code === chosen || [...found].some((f) => f.startsWith(code));
  const all = select.querySelector('option[value=""]');
  select.replaceChildren(all, ...categoryTree.filter((cls) => keep(cls.code)).map((cls) => el('optgroup', { label: nodeName(cls) },
    el('option', { value: cls.code, dataset: { majorName: cls.name } }, t('filters.allOf', { name: nodeName(cls) })),
    (cls.subclasses ?? []).filter((sub) => keep(sub.code)).map((sub) => [
      el('option', { value: sub.code, class: 'sub' }, `\u00a0\u00a0${t('filters.allOf', { name: nodeName(sub) })}`),
      (sub.items ?? []).filter((item) => !q || found.has(item.code) || item.code === chosen)
        .map((item) => el('option', { value: item.code, class: 'item' }, `\u00a0\u00a0\u00a0\u00a0${nodeName(item)}`)),
    ]))));
  select.value = chosen;
}

async function loadCategories() {
  try {
    categoryTree = await categories();
    for (const cls of categoryTree) {
      state.categories.set(cls.code, cls);
      for (const sub of cls.subclasses ?? []) {
        state.categories.set(sub.code, sub);
        for (const item of sub.items ?? []) state.categories.set(item.code, item);
      }
      for (const minor of cls.minors ?? []) if (!state.categories.has(minor.code)) state.categories.set(minor.code, minor);
    }
    drawCategoryFilter();
    document.getElementById('filter-category-search').addEventListener('input', drawCategoryFilter);
  } catch (error) {
    if (!isSessionEnded(error)) showError(t('error.load', { message: error.message }));
  }
}
onLanguageChange(() => drawCategoryFilter());

// --- The map ------------------------------------------------------------------------------------

function addBasemap(map, basemap) {
  const layers = (basemap?.layers ?? []).map((layer) => L.tileLayer(layer.url, {
    subdomains: layer.subdomains || 'abc',
    attribution: layer.attribution || '',
    maxZoom: layer.maxZoom || 18,
    maxNativeZoom: layer.maxZoom || 18,
  }));
  document.getElementById('map').dataset.basemap = basemap?.type ?? 'none';
  if (layers.length === 0) {
    return null;
  }
  const group = L.layerGroup(layers).addTo(map);
  return group;
}

function legendControl(areaLayers) {
  const control = L.control({ position: 'bottomleft' });
  let container;
  control.onAdd = () => {
    container = L.DomUtil.create('div', 'legend');
    L.DomEvent.disableClickPropagation(container);
    return container;
  };
  control.draw = () => {
    if (!container) return;
    container.replaceChildren();
    const title = document.createElement('h3');
    title.textContent = t('legend.case');
    container.append(title);
    const entries = [['new', 'legend.new'], ['working', 'legend.working'], ['verify', 'status.HANDLED'], ['yellow', 'legend.yellow'], ['red', 'legend.red'], ['finished', 'legend.closed']];
    for (const [colour, key] of entries) {
      const item = document.createElement('div');
      const swatch = document.createElement('span');
      swatch.className = `swatch swatch-${colour}`;
      item.append(swatch, t(key));
      container.append(item);
    }
    const ramp = areaLayers.legend();
    if (ramp.length) {
      const metricTitle = document.createElement('h3');
      metricTitle.textContent = t(`metric.${areaLayers.metric()}`);
      container.append(metricTitle);
      for (const [colour, text] of ramp) {
        const item = document.createElement('div');
        const swatch = document.createElement('span');
        swatch.className = 'swatch square';
        swatch.style.backgroundColor = colour;
        item.append(swatch, text);
        container.append(item);
      }
    }
  };
  return control;
}

function metricControl(areaLayers, onChange) {
  const control = L.control({ position: 'topright' });
  control.onAdd = () => {
    const container = L.DomUtil.create('div', 'metric-control leaflet-bar');
    L.DomEvent.disableClickPropagation(container);
    const labelElement = document.createElement('label');
    const text = document.createElement('span');
    text.dataset.i18n = 'colourBy';
    text.textContent = t('colourBy');
    const select = document.createElement('select');
    select.id = 'metric';
    METRICS.forEach((metric) => {
      const option = document.createElement('option');
      option.value = metric;
      option.dataset.i18n = `metric.${metric}`;
      option.textContent = t(`metric.${metric}`);
      select.append(option);
    });
    select.value = areaLayers.metric();
    select.addEventListener('change', () => onChange(select.value));
    labelElement.append(text, ' ', select);
    container.append(labelElement);
    return container;
  };
  return control;
}

async function start() {
  applyTranslations(document);
  checkboxes('filter-status', ALL_STATUSES, 'status', state.filter.statuses);
  checkboxes('filter-risk', RISKS, 'risk', []);
  checkboxes('filter-source', SOURCES, 'source', []);
  // Everything the first view needs that does not depend on anything else, at once.
  const userRead = me().then((user) => {
    state.user = user;
    showUser(user);
  }, (error) => {
    if (!isSessionEnded(error)) showError(t('error.user', { message: error.message }));
    throw error;
  });
  const summaryRead = mapSummary();
  const rootRead = summaryRead.then((s) => areaDetail(s.area.code));
  const [config, summary, rootDetail] = await Promise.all([mapConfig(), summaryRead, rootRead, userRead, loadCategories()]);

  const map = L.map('map', { zoomSnap: 1, preferCanvas: true, minZoom: 5, maxZoom: 19 });
  wangge.map = map;
  // The card beside the map narrows it: Leaflet learns the map's new size at once (keeping its
  // centre), so that what is fitted or centred is fitted in the part of the map one can see.
  new ResizeObserver(() => map.invalidateSize()).observe(map.getContainer());
  L.control.scale({ imperial: false }).addTo(map);
  const basemap = addBasemap(map, config.basemap);

  // Where to look first: the jurisdiction's area (the city for everyone-everywhere users).
  state.rootCode = summary.area.code;
  state.rootName = summary.area.name;
  const toBounds = (bbox) => [[bbox[1], bbox[0]], [bbox[3], bbox[2]]]; // [minLon, minLat, maxLon, maxLat]
  const fit = (bbox) => map.fitBounds(toBounds(bbox), { padding: [8, 8] });
  // Fits bounds at once (no animation) in the map as it is now (the card beside it included).
  const fitNow = (bounds) => {
    map.invalidateSize({ pan: false });
    map.fitBounds(bounds, { padding: [24, 24], animate: false });
  };
  fit(rootDetail.bbox);

  const breadcrumb = document.getElementById('breadcrumb');
  let legend;
  const areaLayers = createAreaLayers(map, config.levels, {
    rootLevel: summary.area.level,
    onLevelChange: (level) => { map.getContainer().dataset.level = level; legend?.draw(); },
    onFigures: () => legend?.draw(),
  });
  const caseList = createCaseList(document.getElementById('case-list'), { onSelect: (id) => openCase(id), categoryName });
  const caseLayer = createCaseLayer(map, { onSelect: (id) => openCase(id), onChange: () => syncList() });
  caseLayer.cluster.addTo(map);
  const members = L.layerGroup();
  const patrols = createPatrolLayer(map);
  legend = legendControl(areaLayers).addTo(map);
  metricControl(areaLayers, (metric) => { areaLayers.setMetric(metric); legend.draw(); }).addTo(map);
  // The layer switcher names its layers once: it is made again in the new language on a switch.
  let layersControl = null;
  function drawLayersControl() {
    layersControl?.remove();
    const overlays = {
      [t('layers.cases')]: caseLayer.cluster,
      [t('layers.heat')]: caseLayer.heat,
      [t('layers.members')]: members,
      [t('layers.patrols')]: patrols.layer,
    };
    layersControl = L.control.layers(basemap ? { [t('layers.basemap')]: basemap } : {}, overlays, { collapsed: false, position: 'topright' }).addTo(map);
  }
  drawLayersControl();
  map.on('overlayadd', async (event) => {
    if (event.layer === members && members.getLayers().length === 0) {
      const positions = await memberPositions();
      positions.forEach((m) => L.circleMarker([m.lat, m.lon], {
        radius: 5, color: '#ffffff', weight: 1.5, fillColor: m.onDuty ? '#0b7285' : '#868e96', fillOpacity: 1,
      }).bindTooltip(`${t(`memberRole.${m.role}`)} ${m.name} · ${t('memberSeen', { time: formatDateTime(m.seenAt) })}`).addTo(members));
    }
  });

  wangge.tilesLoading = () => areaLayers.tilesLoading();
  wangge.caseSeen = (number) => caseLayer.seenAt(number);
  wangge.areaLayers = areaLayers;
  wangge.caseLayer = caseLayer;
  wangge.patrols = patrols;
  wangge.drilledOutline = () => areaLayers.outlined();
  wangge.outlineBounds = () => areaLayers.outlineBounds();

  function syncList() {
    const bounds = map.getBounds();
    const inView = caseLayer.cases().filter((c) => bounds.contains([c.lat, c.lon]));
    caseList.draw(inView, caseLayer.total(), caseLayer.truncated());
    root.dataset.cases = String(caseLayer.cases().length);
  }
  map.on('moveend', syncList);

  function showSummary(s) {
    summaryBox.textContent = `${s.area.name} · ${t('summary.text', { open: formatNumber(s.open), overdue: formatNumber(s.overdue), today: formatNumber(s.reportsToday) })}`;
    summaryBox.dataset.open = String(s.open);
  }
  showSummary(summary);

  async function reloadCases() {
    root.dataset.casesLoading = 'true';
    try {
      await caseLayer.load(state.filter, serverFilter(state.filter));
    } finally {
      root.dataset.casesLoading = 'false';
    }
  }

  // --- Cards ---
  // Buttons other features add to the tools row of the case card (view → [button]) and of the
  // area card (detail → [button]).
  const cardTools = { case: () => [], area: () => [] };
  wangge.cardTools = cardTools;

  /** Opens case `id`'s card, highlights it and brings it out of its cluster. */
  async function openCase(id) {
    caseLayer.select(id);
    caseList.select(id);
    await drawCaseCard(id);
  }
  /** Draws (or redraws, after a live change) case `id`'s card, leaving the map where it is. */
  async function drawCaseCard(id) {
    try {
      await showCaseCard(card, id, {
        onClose: closeCard,
        onZoom: (view) => map.setView([view.lat, view.lon], Math.max(map.getZoom(), 17)),
        onActed: () => { refreshSoon(); },
        onOpenCase: (other) => openCase(other),
        tools: (view) => cardTools.case(view),
      });
    } catch (error) {
      if (!isSessionEnded(error)) card.replaceChildren(Object.assign(document.createElement('p'), { className: 'warn', textContent: error.message }));
    }
  }
  function openAreaCard(code) {
    return showAreaCard(card, code, {
      figures: areaLayers.figuresOf(code),
      onClose: closeCard,
      onDrill: (detail) => drillTo(detail.code),
      tools: (detail) => cardTools.area(detail),
    });
  }
  function closeCard() {
    card.hidden = true;
    card.replaceChildren();
    card.dataset.caseId = '';
    card.dataset.areaCode = '';
    caseLayer.select(null);
    caseList.select(null);
  }

  // Drill-down: one level at a time (the level below the drilled area is shown), the area outlined
  // and fitted in the part of the map beside the card.
  async function drillTo(code) {
    const target = code && code !== state.rootCode ? code : null;
    const detail = target ? await areaDetail(target) : null;
    state.areaDetail = detail;
    state.filter = { ...state.filter, area: target };
    drawBreadcrumb(breadcrumb, detail, state.rootName, state.rootCode, (picked) => drillTo(picked));
    await areaLayers.drillInto(target, detail?.level ?? summary.area.level,
      (bounds) => fitNow(bounds ?? toBounds((detail ?? rootDetail).bbox)));
    await Promise.all([reloadCases(), wall.refresh()]);
    const s = await mapSummary(target ?? undefined);
    showSummary(s);
  }
  wangge.drillTo = drillTo;

  map.on('click', async (event) => {
    try {
      const place = await locate(event.latlng.lng, event.latlng.lat);
      const level = areaLayers.activeLevel();
      const byLevel = { GRID: place.grid, COMMUNITY: place.community, STREET: place.street, DISTRICT: place.district };
      const picked = byLevel[level] ?? place.grid;
      if (!picked?.code) return;
      card.dataset.caseId = '';
      await openAreaCard(picked.code);
    } catch (error) {
      if (!isSessionEnded(error) && error.status !== 404) showError(error.message);
    }
  });

  // --- Filters ---
  const filters = document.getElementById('filters');
  filters.addEventListener('change', () => {
    state.filter = readFilter();
    reloadCases();
  });
  filters.addEventListener('submit', (event) => event.preventDefault());
  document.getElementById('filter-reset').addEventListener('click', () => {
    state.filter = { ...defaultFilter(), area: state.filter.area };
    writeFilter(state.filter);
    reloadCases();
  });

  // --- Search: a case number, an area code, else an address ---
  const searchInput = document.getElementById('search-input');
  document.getElementById('search').addEventListener('submit', async (event) => {
    event.preventDefault();
    const q = searchInput.value.trim();
    if (!q) return;
    searchInput.setCustomValidity('');
    try {
      if (CASE_NUMBER.test(q)) {
        const found = caseLayer.findByNumber(q) ?? (await incidents({ number: q, size: 1 })).items?.[0];
        if (found) {
          map.setView([found.lat, found.lon], Math.max(map.getZoom(), 17));
          await openCase(found.id);
          return;
        }
      } else if (AREA_CODE.test(q)) {
        // The card first, so that the area is fitted beside it; a code outside the jurisdiction is
        // a 404: "nothing found" below.
        const shown = openAreaCard(q);
        await Promise.all([shown, drillTo(q)]);
        return;
      } else {
        const result = await geocode(q);
        const best = result.candidates?.[0];
        if (best) {
          map.setView([best.lat, best.lon], 18);
          L.popup().setLatLng([best.lat, best.lon]).setContent(Object.assign(document.createElement('div'), { textContent: best.fullText })).openOn(map);
          return;
        }
      }
      searchInput.setCustomValidity(t('search.none', { q }));
      searchInput.reportValidity();
    } catch (error) {
      if (isSessionEnded(error)) return;
      searchInput.setCustomValidity(error.status === 404 ? t('search.none', { q }) : error.message);
      searchInput.reportValidity();
    }
  });
  searchInput.addEventListener('input', () => searchInput.setCustomValidity(''));

  // --- Wall mode ---
  const wall = createWall(document.getElementById('wall'), {
    areaCode: () => state.filter.area,
    map,
    openCase,
    closeCard,
    categoryName,
    findCase: (number) => caseLayer.findByNumber(number),
    onTour: async (code) => {
      const detail = await areaDetail(code);
      map.flyToBounds(toBounds(detail.bbox), { duration: 3 });
    },
  });
  const wallToggle = document.getElementById('wall-toggle');
  async function setWall(on, { fullscreen = false } = {}) {
    if (on) {
      await wall.enter();
      wallToggle.dataset.i18n = 'wall.leave';
      if (fullscreen && document.documentElement.requestFullscreen && !document.fullscreenElement) {
        document.documentElement.requestFullscreen().catch(() => {});
      }
    } else {
      wall.leave();
      wallToggle.dataset.i18n = 'wall.enter';
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    }
    wallToggle.textContent = t(wallToggle.dataset.i18n);
    // Markers as big, against the wall's text, as on a desk: a 4K wall's root font is ~31 px.
    caseLayer.setMarkerScale(on ? Math.max(1, parseFloat(getComputedStyle(document.documentElement).fontSize) / 16) : 1);
    areaLayers.setWall(on).catch(() => {}); // a failed figure read leaves the areas uncoloured
    setTimeout(() => map.invalidateSize(), 50);
    const url = new URL(window.location.href);
    if (on) url.searchParams.set('wall', '1'); else url.searchParams.delete('wall');
    window.history.replaceState(null, '', url);
  }
  wallToggle.addEventListener('click', () => setWall(!wall.isOn(), { fullscreen: true }));

  // --- Live ---
  const liveStatus = document.getElementById('live-status');
  const quietly = (error) => {
    if (!isSessionEnded(error) && !isNetworkFailure(error)) showError(error.message);
  };
  const refreshFigures = debounce(() => areaLayers.refresh().catch(quietly), 5000);
  const refreshSummary = debounce(async () => {
    try {
      showSummary(await mapSummary(state.filter.area ?? undefined));
      await wall.refresh();
    } catch (error) {
      quietly(error);
    }
  }, 1500);
  function refreshSoon() {
    refreshFigures();
    refreshSummary();
  }
  // Alarms: a flashing banner with sound and 确认 over the map (big on the wall; js/alarms.js).
  const alarms = mountAlarms(document.getElementById('alarm-banner'), {
    load: () => getJson('/api/alarms'),
    acknowledge: (id) => postJson(`/api/alarms/${encodeURIComponent(id)}/acknowledge`, {}),
    openCase,
  });
  connectLive(config.live?.url ?? '/api/live', {
    onChange: (change) => {
      alarms.noteChange(change);
      const what = caseLayer.applyChange(change);
      if (what !== 'ignored') syncList();
      wall.noteChange(change);
      // The open case changed: its card is drawn again where it is (the map does not move), unless
      // the user is filling in a form on it.
      if (card.dataset.caseId === String(change.incidentId) && !card.querySelector('form')) {
        drawCaseCard(change.incidentId);
      }
      refreshSoon();
    },
    onState: (liveState, since) => {
      liveStatus.dataset.state = liveState;
      liveStatus.dataset.since = since ? since.toISOString() : '';
      drawLiveStatus();
      root.dataset.live = liveState;
    },
  });
  function drawLiveStatus() {
    const liveState = liveStatus.dataset.state;
    const since = liveStatus.dataset.since ? new Date(liveStatus.dataset.since) : null;
    liveStatus.textContent = liveState === 'online' ? t('live.online')
      : liveState === 'offline' ? t('live.offline', { since: formatDateTime(since, { timeStyle: 'medium' }) }) : t('live.connecting');
  }

  onLanguageChange(() => {
    if (state.user) showUser(state.user);
    drawLiveStatus();
    drawLayersControl();
    // The open card again, in the new language (not while a form on it is being filled in).
    if (!card.hidden && !card.querySelector('form')) {
      if (card.dataset.caseId) drawCaseCard(Number(card.dataset.caseId));
      else if (card.dataset.areaCode) openAreaCard(card.dataset.areaCode);
    }
    caseList.redraw();
    legend.draw();
    areaLayers.redrawLabels();
    showSummary(summary);
    refreshSummary();
    wall.redraw();
    wallToggle.textContent = t(wallToggle.dataset.i18n);
    drawBreadcrumb(breadcrumb, state.areaDetail, state.rootName, state.rootCode, (picked) => drillTo(picked));
  });

  drawBreadcrumb(breadcrumb, null, state.rootName, state.rootCode, (picked) => drillTo(picked));
  await Promise.all([areaLayers.start(), reloadCases()]);
  if (new URLSearchParams(window.location.search).get('wall') === '1') {
    await setWall(true);
  }
  syncList();
  // A deep link from another desk page (the inbox, the intake desk): /?case=<number> opens that case.
  const linked = new URLSearchParams(window.location.search).get('case');
  if (linked && CASE_NUMBER.test(linked)) {
    try {
      const found = caseLayer.findByNumber(linked) ?? (await incidents({ number: linked, size: 1 })).items?.[0];
      if (found) {
        map.setView([found.lat, found.lon], Math.max(map.getZoom(), 17));
        await openCase(found.id);
      } else {
        showError(t('search.none', { q: linked }));
      }
    } catch (error) {
      if (!isSessionEnded(error)) showError(error.message);
    }
  }
  wangge.timings.ready = performance.now();
  root.dataset.ready = 'true';
}

start().catch((error) => {
  if (!isSessionEnded(error)) {
    console.error(error);
    showError(t('error.load', { message: error?.message ?? String(error) }));
  }
});
