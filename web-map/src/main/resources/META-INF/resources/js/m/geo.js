// The member's position (Geolocation API): one watch shared by the map, the report form, duty
// and the patrol. Fixes worse than POOR_METRES are passed on, marked poor (the user is warned, not
// refused).
export const POOR_METRES = 500;

const listeners = new Set();
let watchId = null;
let last = null;
let lastError = null;

/** `{ lon, lat, accuracy, at, poor }` of the latest fix, or null. */
export const lastFix = () => last;
export const lastFixError = () => lastError;

/** Calls `listener(fix, error)` on every fix or error; starts watching on the first listener. */
export function watchPosition(listener) {
  listeners.add(listener);
  start();
  if (last) listener(last, null);
  return () => listeners.delete(listener);
}

function start() {
  if (watchId != null || !('geolocation' in navigator)) return;
  watchId = navigator.geolocation.watchPosition(
    (p) => {
      last = {
        lon: p.coords.longitude,
        lat: p.coords.latitude,
        accuracy: p.coords.accuracy,
        at: new Date(p.timestamp || Date.now()).toISOString(),
        poor: p.coords.accuracy > POOR_METRES,
      };
      lastError = null;
      listeners.forEach((l) => l(last, null));
    },
    (error) => {
      lastError = error;
      listeners.forEach((l) => l(last, error));
    },
    { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
  );
}

/** Asks for a fresh fix now (the locate button). */
export function locateNow() {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('no geolocation'));
      return;
    }
    navigator.geolocation.getCurrentPosition((p) => {
      last = { lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy, at: new Date(p.timestamp || Date.now()).toISOString(), poor: p.coords.accuracy > POOR_METRES };
      listeners.forEach((l) => l(last, null));
      resolve(last);
    }, reject, { enableHighAccuracy: true, maximumAge: 0, timeout: 20_000 });
  });
}

/** Great-circle distance in metres. */
export function metresBetween(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}
