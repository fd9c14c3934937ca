// The phone's requests: the session rides on a cookie; the device token (kept in IndexedDB,
// rotated on every use) signs the session in again when it has ended. Unlike the desk pages, a
// 401 never leaves the app: it says the device was signed out and asks for the password, keeping
// what waits to be sent.
import { csrfToken, ApiError, CSRF_HEADER } from '../api.js';
import { kv } from './store.js';

/** The network is not reachable (the request never got an answer). */
export class OfflineError extends Error {
  constructor() { super('offline'); this.name = 'OfflineError'; }
}

/** The server does not know this phone's sign-in any more: `code` says why (DEVICE_REVOKED, …, SESSION). */
export class SignedOutError extends Error {
  constructor(code, detail) { super(detail || code); this.name = 'SignedOutError'; this.code = code; }
}

let renewing = null;
const signedOutListeners = new Set();
export const onSignedOut = (listener) => signedOutListeners.add(listener);

async function rawFetch(path, init) {
  try {
    return await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    throw new OfflineError();
  }
}

async function problemOf(response) {
  try { return await response.json(); } catch { return null; }
}

/** Saves what the device endpoints answer and returns the user. */
async function remember(answer) {
  await kv.set('device', { deviceId: answer.deviceId, deviceToken: answer.deviceToken, expiresAt: answer.expiresAt });
  await kv.set('me', answer.user);
  return answer.user;
}

/** Signs this phone in with the password (POST /api/devices); resolves to the user. */
export async function signInWithPassword(username, password) {
  const deviceName = `${navigator.platform || 'phone'} · ${navigator.userAgent.match(/\(([^)]*)\)/)?.[1] ?? 'browser'}`.slice(0, 100);
  const response = await rawFetch('/api/devices', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify({ username, password, deviceName }),
  });
  if (!response.ok) {
    throw new ApiError(response.status, response.statusText, await problemOf(response));
  }
  return remember(await response.json());
}

/**
 * Signs the session in again with the stored device token (POST /api/devices/session), which the
 * server replaces by a new one. Rejects with SignedOutError when the token is refused.
 */
export function renewSession() {
  if (!renewing) {
    renewing = (async () => {
      const device = await kv.get('device');
      if (!device?.deviceToken) {
        throw new SignedOutError('NONE');
      }
      const response = await rawFetch('/api/devices/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
        body: JSON.stringify({ deviceToken: device.deviceToken }),
      });
      if (response.status === 401) {
        const problem = await problemOf(response);
        await kv.del('device');
        throw new SignedOutError(problem?.code || 'DEVICE_UNKNOWN', problem?.detail);
      }
      if (!response.ok) {
        throw new ApiError(response.status, response.statusText, await problemOf(response));
      }
      return remember(await response.json());
    })().finally(() => { renewing = null; });
  }
  return renewing;
}

/** Signs out: revokes this device's token (DELETE /api/devices/current) and ends the session. */
export async function signOut() {
  try {
    await request('DELETE', '/api/devices/current', { renew: false });
  } catch { /* offline or already signed out: forget the token here all the same */ }
  try {
    await rawFetch('/logout', { method: 'POST', headers: { [CSRF_HEADER]: await csrfToken() }, redirect: 'manual' });
  } catch { /* the session ends by itself */ }
  await kv.del('device');
  await kv.del('me');
}

/**
 * Sends a request: `json` (a body sent as JSON) or `form` (a FormData), extra `headers`. Resolves
 * to the JSON answer (null when empty) and the response; rejects with OfflineError,
 * SignedOutError (after one attempt to renew the session with the device token) or ApiError.
 */
export async function request(method, path, { json, form, headers = {}, renew = true } = {}) {
  const send = async () => {
    const all = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest', ...headers };
    const init = { method, headers: all };
    if (method !== 'GET') {
      all[CSRF_HEADER] = await csrfToken().catch(() => { throw new OfflineError(); });
    }
    if (json !== undefined) {
      all['Content-Type'] = 'application/json';
      init.body = JSON.stringify(json);
    } else if (form) {
      init.body = form;
    }
    return rawFetch(path, init);
  };
  let response = await send();
  if (response.status === 401 && renew) {
    try {
      await renewSession();
    } catch (e) {
      if (e instanceof SignedOutError) {
        signedOutListeners.forEach((listener) => listener(e));
      }
      throw e;
    }
    response = await send();
  }
  if (response.status === 401) {
    const e = new SignedOutError('SESSION');
    signedOutListeners.forEach((listener) => listener(e));
    throw e;
  }
  if (response.status === 403 && method !== 'GET') {
    // A CSRF token that changed with the session: ask again once.
    const problem = await problemOf(response.clone());
    if (!problem?.field && /csrf/i.test(problem?.detail ?? '')) {
      await fetch('/api/csrf', { credentials: 'same-origin' });
      response = await send();
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, response.statusText, await problemOf(response));
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path) => request('GET', path);
