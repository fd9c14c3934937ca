// The phone app's service worker (scope /m/). Workbox's modules are served from this jar
// (/vendor/workbox-*/, copied from npm at build time), never from a CDN. The app shell is cached at
// install and kept fresh (stale-while-revalidate); what the member last read (tasks, cases, grid,
// categories) is answered from the network when there is one and from the cache when there is not;
// photos are kept once fetched. Reports and actions are never cached or replayed here: the app's
// outbox (IndexedDB, Idempotency-Keys) sends them.
importScripts('/vendor/workbox-sw/build/workbox-sw.js');
workbox.setConfig({ debug: false, modulePathCb: (name) => `/vendor/${name}/build/${name}.prod.js` });

const SHELL_CACHE = 'm-shell-v1';
const DATA_CACHE = 'm-data';
const PHOTO_CACHE = 'm-photos';
const SHELL = [
  '/m/', '/m/manifest.webmanifest', '/m/icons/icon.svg', '/m/icons/icon-192.png',
  '/css/m.css', '/css/alarm.css', '/webjars/leaflet/dist/leaflet.css', '/webjars/leaflet/dist/leaflet.js',
  '/js/leaflet-global.js', '/js/api.js', '/js/i18n.js', '/js/dom.js', '/js/category-picker.js', '/js/live.js', '/js/alarms.js',
  '/js/photo-prep.js',
  '/js/m/app.js', '/js/m/app-util.js', '/js/m/messages.js', '/js/m/net.js', '/js/m/store.js', '/js/m/outbox.js',
  '/js/m/geo.js', '/js/m/grid-map.js', '/js/m/case.js', '/js/m/report.js', '/js/m/patrol.js', '/js/m/photos.js',
  '/vendor/idb/build/index.js', '/vendor/exifr/dist/lite.esm.js',
];

const { registerRoute, NavigationRoute } = workbox.routing;
const { NetworkFirst, StaleWhileRevalidate, CacheFirst } = workbox.strategies;
const { ExpirationPlugin } = workbox.expiration;
const { CacheableResponsePlugin } = workbox.cacheableResponse;
const ok = new CacheableResponsePlugin({ statuses: [200] });

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('m-shell-') && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

registerRoute(new NavigationRoute(new NetworkFirst({ cacheName: SHELL_CACHE, networkTimeoutSeconds: 4, plugins: [ok] }), { allowlist: [/^\/m\//] }));
registerRoute(({ url, request }) => url.origin === self.location.origin && request.method === 'GET'
  && /^\/(js|css|webjars\/leaflet|vendor|m)\//.test(url.pathname) && url.pathname !== '/m/sw.js',
new StaleWhileRevalidate({ cacheName: SHELL_CACHE, plugins: [ok] }));
registerRoute(({ url, request }) => url.origin === self.location.origin && request.method === 'GET'
  && /^\/api\/incidents\/\d+\/photos\/\d+$/.test(url.pathname),
new CacheFirst({ cacheName: PHOTO_CACHE, plugins: [ok, new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600 })] }));
registerRoute(({ url, request }) => url.origin === self.location.origin && request.method === 'GET'
  && /^\/api\/(inbox|me$|members\/me$|incidents\/\d+(\/timeline)?$|categories$|areas|map\/config$|geocode\/reverse)/.test(url.pathname),
new NetworkFirst({ cacheName: DATA_CACHE, plugins: [ok, new ExpirationPlugin({ maxEntries: 500 })] }));

// A notification of a new task opens (or focuses) the app on that case.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data?.url ?? '/m/';
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find((w) => new URL(w.url).pathname.startsWith('/m/'));
    if (open) {
      open.postMessage({ type: 'open', url });
      return open.focus();
    }
    return self.clients.openWindow(url);
  })());
});
