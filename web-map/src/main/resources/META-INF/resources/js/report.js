// The citizen's report page (/report/): photos (prepared in the browser by photo-prep.js, with
// their capture facts), the place (GPS fix with its accuracy, a draggable pin on a mini map, or an
// address search), a category by name, a description and an optional phone; answered with the
// receipt (number, status in plain words, deadline) and the link that follows the case.
// State for tests: <html data-ready> once set up, data-photos="n" once photos are prepared.
import L from './leaflet-global.js';
import { applyTranslations, currentLanguage, formatDateTime, formatNumber, onLanguageChange, setLanguage, t } from './i18n.js';
import './report-i18n.js';
import { preparePhoto } from './photo-prep.js';
import { getJson, send } from './citizen-api.js';
import { el } from './dom.js';
import { listItems, searchItems, nodeName, mountQuestions } from './category-picker.js';

const MAX_PHOTOS = 6;
/** Beyond this accuracy (metres) a GPS fix is shown with a warning (still used). */
const POOR_ACCURACY_METRES = 500;
/** Where the map opens before a place is known: the demo city's centre (新余市). */
const START = { lat: 27.8167, lon: 114.9167, zoom: 13 };

const $ = (id) => document.getElementById(id);
const root = document.documentElement;
const photos = [];
let place = null; // { kind: 'gps' | 'pin' | 'address', lon, lat, accuracy?, addressCode?, text? }
let categories = [];

const metres = (m) => (m >= 1000 ? `${formatNumber(m / 1000, { maximumFractionDigits: 1 })} km` : `${formatNumber(Math.round(m))} m`);
const kilobytes = (bytes) => (bytes >= 1024 * 1024
  ? `${formatNumber(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB` : `${formatNumber(Math.round(bytes / 1024))} KB`);
const degrees = (value) => value.toFixed(5);

// --- the mini map and the pin ---------------------------------------------------------------------

const map = L.map('mini-map', { attributionControl: false, zoomControl: true }).setView([START.lat, START.lon], START.zoom);
L.control.scale({ imperial: false }).addTo(map);
const pin = L.marker([START.lat, START.lon], { draggable: true, keyboard: true, autoPan: true });
let accuracyCircle = null;

function showPlace() {
  const summary = $('place-summary');
  if (!place) {
    summary.textContent = '';
    return;
  }
  if (place.kind === 'address') {
    summary.textContent = t('report.placeAddress', { address: place.text });
  } else {
    summary.textContent = t(place.kind === 'gps' ? 'report.placeGps' : 'report.placePin', { lon: degrees(place.lon), lat: degrees(place.lat) });
  }
  root.dataset.place = place.kind;
}

function putPin(lat, lon, zoom) {
  pin.setLatLng([lat, lon]);
  if (!map.hasLayer(pin)) pin.addTo(map);
  map.setView([lat, lon], Math.max(map.getZoom(), zoom));
}

pin.on('dragend', () => {
  const { lat, lng } = pin.getLatLng();
  place = { kind: 'pin', lon: lng, lat };
  showPlace();
});
map.on('click', (event) => {
  putPin(event.latlng.lat, event.latlng.lng, map.getZoom());
  place = { kind: 'pin', lon: event.latlng.lng, lat: event.latlng.lat };
  showPlace();
});

// --- GPS ---------------------------------------------------------------------------------------------

$('locate').addEventListener('click', () => {
  const status = $('gps-status');
  status.className = 'hint';
  if (!('geolocation' in navigator)) {
    status.textContent = t('report.gpsUnavailable');
    return;
  }
  status.textContent = t('report.locating');
  navigator.geolocation.getCurrentPosition(
    (position) => {
      const { latitude, longitude, accuracy } = position.coords;
      place = { kind: 'gps', lon: longitude, lat: latitude, accuracy };
      putPin(latitude, longitude, accuracy > POOR_ACCURACY_METRES ? 14 : 17);
      accuracyCircle?.remove();
      accuracyCircle = L.circle([latitude, longitude], { radius: accuracy, weight: 1, color: '#1f6fd1', fillOpacity: 0.08, interactive: false }).addTo(map);
      const poor = accuracy > POOR_ACCURACY_METRES;
      status.className = poor ? 'hint warning' : 'hint ok';
      status.textContent = t(poor ? 'report.gpsPoor' : 'report.gpsAccuracy', { accuracy: metres(accuracy) });
      status.dataset.accuracy = String(Math.round(accuracy));
      showPlace();
    },
    (error) => {
      status.className = 'hint warning';
      status.textContent = t('report.gpsFailed', { message: error.message || error.code });
    },
    { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 },
  );
});

// --- address search ------------------------------------------------------------------------------

async function searchAddress() {
  const q = $('address-text').value.trim();
  const list = $('address-results');
  if (!q) return;
  list.replaceChildren(el('li', { class: 'hint' }, t('report.searching')));
  try {
    const result = await getJson(`/api/geocode?limit=5&q=${encodeURIComponent(q)}`);
    const candidates = result?.candidates ?? [];
    if (candidates.length === 0) {
      list.replaceChildren(el('li', { class: 'hint warning' }, t('report.noAddress')));
      return;
    }
    list.replaceChildren(...candidates.map((c) => el('li', {},
      el('button', {
        type: 'button',
        class: 'candidate',
        onclick: () => {
          place = { kind: 'address', lon: c.lon, lat: c.lat, addressCode: c.code, text: c.fullText };
          accuracyCircle?.remove();
          putPin(c.lat, c.lon, 17);
          list.replaceChildren();
          showPlace();
        },
      }, c.fullText))));
  } catch (error) {
    list.replaceChildren(el('li', { class: 'hint warning' }, t('report.failed', { message: error.message })));
  }
}
$('address-search').addEventListener('click', searchAddress);
$('address-text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    searchAddress();
  }
});

// --- photos --------------------------------------------------------------------------------------

function renderPhotos() {
  const list = $('photo-list');
  list.replaceChildren(...photos.map((p, index) => el('li', { class: 'photo' },
    el('img', { src: p.url, alt: p.name }),
    el('span', { class: 'photo-info' }, `${p.width}×${p.height} · ${kilobytes(p.blob.size)}`,
      p.facts.takenAt ? el('br') : null, p.facts.takenAt ? t('report.photoFacts', { time: formatDateTime(p.facts.takenAt) }) : null),
    el('button', {
      type: 'button',
      class: 'remove',
      'aria-label': `${t('report.remove')} ${p.name}`,
      onclick: () => {
        URL.revokeObjectURL(p.url);
        photos.splice(index, 1);
        renderPhotos();
      },
    }, '×'))));
  const total = photos.reduce((sum, p) => sum + p.blob.size, 0);
  $('photo-status').textContent = photos.length ? t('report.photoReady', { count: photos.length, size: kilobytes(total) }) : '';
  root.dataset.photos = String(photos.length);
}

$('photos').addEventListener('change', async (event) => {
  const files = [...event.target.files];
  event.target.value = '';
  const room = MAX_PHOTOS - photos.length;
  const status = $('photo-status');
  status.textContent = t('report.preparing');
  root.dataset.photosPreparing = 'true';
  const problems = [];
  for (const file of files.slice(0, Math.max(0, room))) {
    try {
      const prepared = await preparePhoto(file);
      photos.push({ ...prepared, name: file.name, url: URL.createObjectURL(prepared.blob) });
    } catch {
      problems.push(t('report.photoFailed', { name: file.name }));
    }
  }
  if (files.length > room) problems.push(t('report.photoTooMany'));
  delete root.dataset.photosPreparing;
  renderPhotos();
  if (problems.length) status.textContent = `${status.textContent} ${problems.join(' ')}`.trim();
});

// --- categories ----------------------------------------------------------------------------------

// The list's items under "class › subclass" groups, narrowed by the search box; the chosen item's
// extra questions below the list.
let items = [];
let questions = mountQuestions($('category-questions'), null, { idPrefix: 'answer' });

function renderCategories() {
  const select = $('category');
  const chosen = select.value;
  const q = $('category-search').value;
  const found = searchItems(items, q);
  const first = el('option', { value: '' }, q.trim() ? t('report.categoryFound', { count: found.length }) : t('report.chooseCategory'));
  const groups = new Map();
  for (const item of found) {
    const key = item.sub?.code ?? item.cls.code;
    if (!groups.has(key)) groups.set(key, { label: [item.cls, item.sub].filter(Boolean).map(nodeName).join(' › '), items: [] });
    groups.get(key).items.push(item);
  }
  // The chosen item stays choosable while the search narrows the list.
  const kept = chosen && !found.some((i) => i.code === chosen) ? items.find((i) => i.code === chosen) : null;
  select.replaceChildren(first, ...(kept ? [el('option', { value: kept.code }, nodeName(kept))] : []),
    ...[...groups.values()].map((g) => el('optgroup', { label: g.label }, g.items.map((i) => el('option', { value: i.code }, nodeName(i))))));
  select.value = chosen;
  if (!chosen && found.length === 1) {
    select.value = found[0].code;
    showQuestions();
  }
}

function showQuestions() {
  const item = items.find((i) => i.code === $('category').value) ?? null;
  const { answers } = questions.read();
  questions = mountQuestions($('category-questions'), item, { idPrefix: 'answer' });
  Object.entries(answers ?? {}).forEach(([code, value]) => {
    const input = document.getElementById(`answer-${code}`);
    if (input) input.value = String(value);
  });
}
$('category-search').addEventListener('input', renderCategories);
$('category').addEventListener('change', showQuestions);

// --- sending -------------------------------------------------------------------------------------

function fail(message, focus) {
  const box = $('form-error');
  box.textContent = message;
  box.hidden = false;
  focus?.focus();
}

$('report-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('form-error').hidden = true;
  const categoryCode = $('category').value;
  const description = $('description').value.trim();
  const phone = $('phone').value.trim();
  if (!place) return fail(t('report.needPlace'), $('locate'));
  if (!categoryCode) return fail(t('report.needCategory'), $('category'));
  const asked = questions.read();
  if (asked.problems.length) return fail(asked.problems[0][1], document.getElementById(`answer-${asked.problems[0][0]}`));
  if (!description) return fail(t('report.needDescription'), $('description'));
  const report = { categoryCode, description, source: 'CITIZEN' };
  if (asked.answers) report.answers = asked.answers;
  if (place.kind === 'address') {
    report.addressCode = place.addressCode;
  } else {
    report.lon = place.lon;
    report.lat = place.lat;
    report.crs = 'WGS84';
  }
  if (phone) report.reporterPhone = phone;
  let body = report;
  if (photos.length) {
    body = new FormData();
    body.append('report', JSON.stringify(report));
    photos.forEach((p, i) => body.append('photos', p.blob, `photo-${i + 1}.jpg`));
    body.append('photoFacts', JSON.stringify(photos.map((p) => p.facts)));
  }
  const button = $('submit');
  button.disabled = true;
  button.textContent = t('report.sending');
  try {
    showReceipt(await send('POST', '/api/incidents', body));
  } catch (error) {
    if (error.status === 429) {
      fail(t('report.tooMany', { seconds: error.retryAfter ?? 60 }));
    } else {
      fail(t('report.failed', { message: error.field ? `${error.field}: ${error.message}` : error.message }));
    }
  } finally {
    button.disabled = false;
    button.textContent = t('report.submit');
  }
  return undefined;
});

function showReceipt(view) {
  const receipt = view.receipt;
  $('receipt-number').textContent = view.number;
  $('receipt-status').textContent = t(`citizenStatus.${view.status}`);
  $('receipt-due').textContent = formatDateTime(view.dueAt);
  $('follow-link').href = view.followUrl ?? `/report/follow.html?receipt=${encodeURIComponent(receipt)}`;
  $('report-form').hidden = true;
  document.querySelector('.intro').hidden = true;
  $('receipt').hidden = false;
  root.dataset.receipt = receipt;
  window.scrollTo(0, 0);
}

$('report-another').addEventListener('click', () => window.location.assign('/report/'));

// --- set-up --------------------------------------------------------------------------------------

$('lang-toggle').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
onLanguageChange(() => {
  renderCategories();
  showQuestions();
  renderPhotos();
  showPlace();
});
applyTranslations(document);
try {
  categories = await getJson('/api/categories');
  items = listItems(categories);
  renderCategories();
} catch (error) {
  fail(t('report.failed', { message: error.message }));
}
root.dataset.ready = 'true';
