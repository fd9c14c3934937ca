// Wall mode, for the command centre's video wall: every size follows the viewport (css/wall.css),
// the key figures of the area (/api/map/summary), the key list (/api/key-list), the oldest overdue
// cases, bars of the children's open and overdue cases, the 30-day trend, a ticker of new reports
// (the live feed), and the linked screens: the wall focuses on what a desk of its centre sends
// (screens.js) and says who drives it. When nobody touches the screen and no desk drives it for a
// minute, a slow tour goes through the areas with the most open cases.
import L from './leaflet-global.js';
import { mapSummary, getJson, incidents, incident } from './api.js';
import { t, formatNumber, formatPercent, formatDate, formatTime, formatDateTime, hasMessage, addMessages } from './i18n.js';
import { el } from './dom.js';
import { followWallCommands, latestWallCommand } from './screens.js';

addMessages({
  zh: {
    'wall.keyList': '重点清单',
    'wall.keyListEmpty': '重点清单为空',
    'wall.overdueList': '最久超期',
    'wall.overdueEmpty': '没有超期案件',
    'wall.count': '{count} 件',
    'wall.col.number': '案件编号',
    'wall.col.category': '类别',
    'wall.col.owner': '责任中心',
    'wall.col.days': '已办天数',
    'wall.col.overdueBy': '超期',
    'wall.days': '{days} 天',
    'wall.hours': '{hours} 小时',
    'wall.ticker': '新上报',
    'wall.tickerEmpty': '暂无新上报',
    'wall.driver': '由 {name} 操控 · {time}',
    'wall.driverNone': '无人操控 · 自动轮播',
    'wall.focusCase': '案件 {title}',
    'wall.focusArea': '区域 {title}',
  },
  en: {
    'wall.keyList': 'Key list',
    'wall.keyListEmpty': 'The key list is empty',
    'wall.overdueList': 'Longest overdue',
    'wall.overdueEmpty': 'No overdue cases',
    'wall.count': '{count} cases',
    'wall.col.number': 'Case',
    'wall.col.category': 'Category',
    'wall.col.owner': 'Centre',
    'wall.col.days': 'Days open',
    'wall.col.overdueBy': 'Overdue by',
    'wall.days': '{days} d',
    'wall.hours': '{hours} h',
    'wall.ticker': 'New reports',
    'wall.tickerEmpty': 'No new reports yet',
    'wall.driver': 'Driven by {name} · {time}',
    'wall.driverNone': 'No desk drives this wall · touring',
    'wall.focusCase': 'Case {title}',
    'wall.focusArea': 'Area {title}',
  },
});

const IDLE_MS = 60_000;
const TOUR_STEP_MS = 20_000;
const LIST_ROWS = 6;
const TICKER_ITEMS = 12;
const OPEN = ['REPORTED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'HANDLED'];
const FIGURES = [
  ['reportsToday', 'fig.reportsToday', formatNumber],
  ['open', 'fig.open', formatNumber],
  ['overdue', 'fig.overdue', formatNumber],
  ['closureRate', 'fig.closureRate', formatPercent],
  ['onTimeRate', 'fig.onTimeRate', formatPercent],
];

/** The root font size in px: wall.css sets it from the viewport's height. */
const remPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/** "3 d" for a day or more, else "5 h". */
function span(ms) {
  const hours = Math.max(0, Math.floor(ms / 3_600_000));
  return hours >= 24 ? t('wall.days', { days: formatNumber(Math.floor(hours / 24)) }) : t('wall.hours', { hours: formatNumber(hours) });
}

export function createWall(panel, {
  areaCode = () => null, map = null, openCase = async () => {}, closeCard = () => {}, categoryName = (code) => code,
  findCase = () => null, onTour = () => {}, onTourEnd = () => {},
} = {}) {
  const figures = panel.querySelector('#wall-figures');
  const barsCanvas = panel.querySelector('#wall-bars');
  const trendCanvas = panel.querySelector('#wall-trend');
  const barsTitle = panel.querySelector('#wall-bars-title');
  const tourBadge = panel.querySelector('#wall-tour');
  const keyBox = panel.querySelector('#wall-key-list');
  const overdueBox = panel.querySelector('#wall-overdue');
  const ticker = panel.querySelector('#wall-ticker');
  const driver = document.getElementById('wall-driver');
  const clock = document.getElementById('wall-clock');
  let chartsLoaded = null;
  let bars = null;
  let trend = null;
  let summary = null;
  let keyList = null;
  let overdue = null;
  let reports = [];
  let command = null;
  let on = false;
  let idleTimer = null;
  let tourTimer = null;
  let tourIndex = 0;
  let follower = null;
  let outline = null;
  const outlineRenderer = L.svg({ padding: 0.2 });

  let Chart = null;

  function drawFigures() {
    figures.replaceChildren(...FIGURES.map(([key, labelKey, format]) => el('div', { class: `wall-figure wall-figure-${key}`, dataset: { key } },
      el('div', { class: 'wall-figure-value' }, summary ? format(summary[key]) : '–'),
      el('div', { class: 'wall-figure-label' }, t(labelKey)))));
  }

  function table(columns, rows) {
    return el('table', { class: 'wall-table' },
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, t(c))))),
      el('tbody', {}, rows));
  }

  function drawKeyList() {
    const cases = keyList?.cases ?? [];
    keyBox.replaceChildren(
      el('h2', {}, t('wall.keyList'), el('span', { class: 'wall-count' }, keyList ? t('wall.count', { count: formatNumber(keyList.count) }) : '')),
      cases.length === 0 ? el('p', { class: 'wall-empty' }, keyList ? t('wall.keyListEmpty') : '…')
        : table(['wall.col.number', 'wall.col.category', 'wall.col.owner', 'wall.col.days'], cases.slice(0, LIST_ROWS).map((c) => el('tr', {
          class: c.overdue ? 'late' : '', dataset: { number: c.number },
        }, el('td', { class: 'num' }, c.number), el('td', {}, c.category?.name ?? ''), el('td', {}, c.owner?.name ?? ''),
        el('td', { class: 'figure' }, t('wall.days', { days: formatNumber(c.daysOpen) }))))));
  }

  function drawOverdue() {
    const now = Date.now();
    const rows = overdue ?? [];
    overdueBox.replaceChildren(
      el('h2', {}, t('wall.overdueList'), el('span', { class: 'wall-count' }, summary ? t('wall.count', { count: formatNumber(summary.overdue) }) : '')),
      rows.length === 0 ? el('p', { class: 'wall-empty' }, overdue ? t('wall.overdueEmpty') : '…')
        : table(['wall.col.number', 'wall.col.category', 'wall.col.overdueBy'], rows.slice(0, LIST_ROWS).map((c) => el('tr', {
          class: 'late', dataset: { number: c.number },
        }, el('td', { class: 'num' }, c.number), el('td', {}, c.category?.name ?? categoryName(c.category?.code)),
        el('td', { class: 'figure' }, span(now - Date.parse(c.dueAt)))))));
  }

  function drawTicker() {
    const items = reports.slice(0, TICKER_ITEMS).map((r) => el('span', { class: 'ticker-item', dataset: { number: r.number } },
      el('time', {}, formatDateTime(r.reportedAt, { timeStyle: 'short' })), ` ${r.number} · ${r.categoryName ?? ''}`));
    const title = el('strong', { class: 'ticker-title' }, t('wall.ticker'));
    if (items.length === 0) {
      ticker.replaceChildren(title, el('span', { class: 'ticker-empty' }, t('wall.tickerEmpty')));
      return;
    }
    // The items twice, moved left by half the track: the loop has no seam.
    const track = el('div', { class: 'ticker-track' }, items, items.map((item) => Object.assign(item.cloneNode(true), { ariaHidden: 'true' })));
    track.style.animationDuration = `${Math.max(20, items.length * 6)}s`;
    ticker.replaceChildren(title, el('div', { class: 'ticker-window' }, track));
  }

  function drawDriver() {
    driver.replaceChildren();
    if (!command) {
      driver.dataset.driver = '';
      driver.append(t('wall.driverNone'));
      return;
    }
    driver.dataset.driver = command.sentBy;
    const what = command.kind === 'CASE' ? t('wall.focusCase', { title: command.title }) : t('wall.focusArea', { title: command.title });
    driver.append(el('span', { class: 'driver-who' }, t('wall.driver', { name: `${command.sentByName}（${command.sentBy}）`, time: formatTime(command.sentAt) })),
      el('span', { class: 'driver-what' }, what));
  }

  function chartOptions(extra = {}) {
    return { animation: false, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } }, ...extra };
  }

  function drawCharts() {
    if (!summary || !Chart) return;
    Chart.defaults.font.size = Math.round(remPx() * 0.85);
    const children = [...summary.children].sort((a, b) => b.open - a.open).slice(0, 10);
    const childLevel = summary.children.length ? nextLevel(summary.area.level) : null;
    barsTitle.textContent = t('wall.byChild', { level: childLevel && hasMessage(`level.${childLevel}`) ? t(`level.${childLevel}`) : '' });
    const barData = {
      labels: children.map((c) => c.name),
      datasets: [
        { label: t('fig.open'), data: children.map((c) => c.open), backgroundColor: '#4ea8de' },
        { label: t('fig.overdue'), data: children.map((c) => c.overdue), backgroundColor: '#ef476f' },
      ],
    };
    if (bars) {
      bars.data = barData;
      bars.update('none');
    } else {
      bars = new Chart(barsCanvas, { type: 'bar', data: barData, options: chartOptions({ indexAxis: 'y' }) });
    }
    const trendData = {
      labels: summary.trend.map((d) => formatDate(d.date)),
      datasets: [
        { label: t('wall.reported'), data: summary.trend.map((d) => d.reported), borderColor: '#ffd166', backgroundColor: '#ffd166', tension: 0.25 },
        { label: t('wall.closed'), data: summary.trend.map((d) => d.closed), borderColor: '#06d6a0', backgroundColor: '#06d6a0', tension: 0.25 },
      ],
    };
    if (trend) {
      trend.data = trendData;
      trend.update('none');
    } else {
      trend = new Chart(trendCanvas, { type: 'line', data: trendData, options: chartOptions({ scales: { y: { beginAtZero: true } } }) });
    }
  }

  /** Chart.js (its WebJar's UMD build) is loaded when the wall is first shown: the desk view does not need it. */
  function loadCharts() {
    chartsLoaded ??= new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/webjars/chart.js/dist/chart.umd.js';
      script.onload = () => {
        Chart = window.Chart;
        Chart.defaults.color = '#e8eef5';
        Chart.defaults.borderColor = 'rgba(232, 238, 245, 0.18)';
        resolve(Chart);
      };
      script.onerror = () => {
        chartsLoaded = null;
        reject(new Error('Chart.js could not be loaded'));
      };
      document.head.append(script);
    });
    return chartsLoaded;
  }

  async function readLists() {
    const area = areaCode() ?? undefined;
    const [keys, late] = await Promise.all([
      getJson(`/api/key-list${area ? `?area=${encodeURIComponent(area)}` : ''}`),
      incidents({ area, status: OPEN, sort: 'dueAt,asc', size: 40 }),
    ]);
    keyList = keys;
    const now = Date.now();
    overdue = (late.items ?? []).filter((c) => c.dueAt && Date.parse(c.dueAt) < now);
  }

  async function readReports() {
    const newest = await incidents({ area: areaCode() ?? undefined, sort: 'reportedAt,desc', size: TICKER_ITEMS });
    reports = (newest.items ?? []).map((c) => ({ number: c.number, reportedAt: c.reportedAt, categoryName: c.category?.name }));
  }

  async function refresh() {
    await loadCharts();
    const [s] = await Promise.all([mapSummary(areaCode() ?? undefined), readLists()]);
    summary = s;
    panel.dataset.area = summary.area.code;
    drawFigures();
    drawKeyList();
    drawOverdue();
    drawCharts();
    return summary;
  }

  // --- Linked screens: focus on what a desk of the centre sends ---

  function clearOutline() {
    outline?.remove();
    outline = null;
  }

  async function outlineArea(c) {
    const answer = await getJson(`/api/areas?level=${encodeURIComponent(c.areaLevel)}&bbox=${c.bbox.join(',')}`);
    const feature = (answer.features ?? []).find((f) => f.properties?.code === c.areaCode);
    if (!feature || command?.id !== c.id) return;
    clearOutline();
    outline = L.geoJSON(feature, {
      interactive: false,
      renderer: outlineRenderer,
      className: 'wall-outline',
      style: { color: '#ffd166', weight: 6, opacity: 1, fill: false },
    }).addTo(map);
  }

  async function focus(c) {
    command = c;
    drawDriver();
    if (tourTimer) stopTour();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(tourStep, IDLE_MS);
    if (!map) return;
    clearOutline();
    if (c.kind === 'CASE') {
      const zoom = Math.max(map.getZoom(), 17);
      // The card's reads start before the map moves, so that they are not queued behind the new
      // view's tiles (a browser opens six connections to the server at most).
      const current = () => command?.id === c.id;
      const drawn = findCase(c.caseNumber);
      const cardIn = drawn ? openCase(drawn.id).then(() => true)
        : incidents({ number: c.caseNumber, size: 1 }).then((found) => {
          const id = found.items?.[0]?.id;
          return id != null && current() ? openCase(id).then(() => true) : false;
        });
      map.setView([c.lat, c.lon], zoom, { animate: false });
      panel.dataset.movedAt = String(performance.timeOrigin + performance.now());
      if (await cardIn && current()) {
        // The card narrows the map: keep the case in the middle of what is left.
        map.invalidateSize({ animate: false });
        map.setView([c.lat, c.lon], zoom, { animate: false });
      }
    } else if (c.bbox) {
      closeCard(); // the wall now shows an area: the map takes the card's room
      map.invalidateSize({ animate: false });
      map.fitBounds([[c.bbox[1], c.bbox[0]], [c.bbox[3], c.bbox[2]]], { padding: [40, 40], animate: false });
      panel.dataset.movedAt = String(performance.timeOrigin + performance.now());
      await outlineArea(c);
    }
    if (command?.id === c.id) {
      panel.dataset.focus = `${c.kind}:${c.kind === 'CASE' ? c.caseNumber : c.areaCode}`;
      panel.dataset.focusedAt = String(performance.timeOrigin + performance.now());
    }
  }

  function stopTour() {
    clearTimeout(tourTimer);
    tourTimer = null;
    tourBadge.hidden = true;
    onTourEnd();
  }

  function tourStep() {
    const hot = [...(summary?.children ?? [])].filter((c) => c.open > 0).sort((a, b) => b.open - a.open).slice(0, 5);
    if (hot.length === 0) return;
    const next = hot[tourIndex % hot.length];
    tourIndex += 1;
    tourBadge.textContent = t('wall.rotating', { name: next.name });
    tourBadge.hidden = false;
    onTour(next.code);
    tourTimer = setTimeout(tourStep, TOUR_STEP_MS);
  }

  function noteActivity() {
    if (!on) return;
    if (tourTimer) stopTour();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(tourStep, IDLE_MS);
  }
  ['pointerdown', 'keydown', 'wheel'].forEach((type) => window.addEventListener(type, noteActivity, { passive: true }));

  setInterval(() => {
    if (on) clock.textContent = formatTime(new Date());
  }, 1000);

  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (!on) return;
      bars?.destroy();
      trend?.destroy();
      bars = null;
      trend = null;
      drawCharts();
    }, 200);
  });

  return {
    async enter() {
      on = true;
      panel.hidden = false;
      document.body.classList.add('wall');
      document.documentElement.classList.add('wall-mode');
      clock.textContent = formatTime(new Date());
      noteActivity();
      drawDriver();
      drawTicker();
      follower ??= followWallCommands((c) => {
        focus(c).catch((error) => {
          if (error?.name !== 'SessionEndedError') console.warn('wall focus', error);
        });
      });
      const [, , last] = await Promise.all([refresh(), readReports(), latestWallCommand().catch(() => null)]);
      if (last && !command) {
        command = last;
        drawDriver();
      }
      drawTicker();
    },
    leave() {
      on = false;
      panel.hidden = true;
      document.body.classList.remove('wall');
      document.documentElement.classList.remove('wall-mode');
      clearTimeout(idleTimer);
      stopTour();
      follower?.close();
      follower = null;
      clearOutline();
    },
    isOn: () => on,
    refresh: () => (on ? refresh() : Promise.resolve(null)),
    /** A change of the live feed: a new report goes on the ticker. */
    async noteChange(change) {
      if (!on || change.action !== 'REPORT' || reports.some((r) => r.number === change.number)) return;
      let name = categoryName(change.categoryCode);
      try {
        name = (await incident(change.incidentId)).category?.name ?? name;
      } catch (error) {
        if (error?.name === 'SessionEndedError') return;
      }
      reports = [{ number: change.number, reportedAt: change.at, categoryName: name }, ...reports].slice(0, TICKER_ITEMS);
      drawTicker();
    },
    redraw() {
      if (!on) return;
      drawFigures();
      drawKeyList();
      drawOverdue();
      drawTicker();
      drawDriver();
      bars?.destroy();
      trend?.destroy();
      bars = null;
      trend = null;
      drawCharts();
    },
  };
}

function nextLevel(level) {
  return { CITY: 'DISTRICT', DISTRICT: 'STREET', STREET: 'COMMUNITY', COMMUNITY: 'GRID' }[level] ?? null;
}
