// Wall mode: full screen, dark and high-contrast, the key figures of the area (/api/map/summary),
// bars of the children's open and overdue cases, the 30-day trend, and — when nobody touches the
// screen for a minute — a slow tour through the areas with the most open cases.
import { mapSummary } from './api.js';
import { t, formatNumber, formatPercent, formatDate, formatTime, hasMessage } from './i18n.js';

const IDLE_MS = 60_000;
const TOUR_STEP_MS = 20_000;
const FIGURES = [
  ['reportsToday', 'fig.reportsToday', formatNumber],
  ['open', 'fig.open', formatNumber],
  ['overdue', 'fig.overdue', formatNumber],
  ['closureRate', 'fig.closureRate', formatPercent],
  ['onTimeRate', 'fig.onTimeRate', formatPercent],
];

export function createWall(panel, { areaCode = () => null, onTour = () => {}, onTourEnd = () => {} } = {}) {
  const figures = panel.querySelector('#wall-figures');
  const barsCanvas = panel.querySelector('#wall-bars');
  const trendCanvas = panel.querySelector('#wall-trend');
  const barsTitle = panel.querySelector('#wall-bars-title');
  const tourBadge = panel.querySelector('#wall-tour');
  const clock = document.getElementById('wall-clock');
  let chartsLoaded = null;
  let bars = null;
  let trend = null;
  let summary = null;
  let on = false;
  let idleTimer = null;
  let tourTimer = null;
  let tourIndex = 0;

  let Chart = null;

  function drawFigures() {
    figures.replaceChildren(...FIGURES.map(([key, labelKey, format]) => {
      const box = document.createElement('div');
      box.className = `wall-figure wall-figure-${key}`;
      box.dataset.key = key;
      const value = document.createElement('div');
      value.className = 'wall-figure-value';
      value.textContent = summary ? format(summary[key]) : '–';
      const name = document.createElement('div');
      name.className = 'wall-figure-label';
      name.textContent = t(labelKey);
      box.append(value, name);
      return box;
    }));
  }

  function drawCharts() {
    if (!summary) return;
    const children = [...summary.children].sort((a, b) => b.open - a.open).slice(0, 12);
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
      bars = new Chart(barsCanvas, {
        type: 'bar',
        data: barData,
        options: { indexAxis: 'y', animation: false, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } } },
      });
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
      trend = new Chart(trendCanvas, {
        type: 'line',
        data: trendData,
        options: { animation: false, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true } } },
      });
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
        Chart.defaults.font.size = 16;
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

  async function refresh() {
    await loadCharts();
    summary = await mapSummary(areaCode() ?? undefined);
    panel.dataset.area = summary.area.code;
    drawFigures();
    drawCharts();
    return summary;
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

  return {
    async enter() {
      on = true;
      panel.hidden = false;
      document.body.classList.add('wall');
      clock.textContent = formatTime(new Date());
      noteActivity();
      await refresh();
    },
    leave() {
      on = false;
      panel.hidden = true;
      document.body.classList.remove('wall');
      clearTimeout(idleTimer);
      stopTour();
    },
    isOn: () => on,
    refresh: () => (on ? refresh() : Promise.resolve(null)),
    redraw() {
      if (!on) return;
      drawFigures();
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
