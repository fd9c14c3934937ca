// The citizen pages' calls to the API (no sign-in): JSON or multipart bodies, the CSRF header when
// the browser has a session (harmless otherwise), errors as ApiError (problem detail's text,
// status, field). Unlike api.js, a 401 does not send anyone to the staff login page.
import { ApiError, CSRF_HEADER, csrfToken } from './api.js';

/** Sends a request and resolves to its JSON body (null when empty); rejects with an ApiError. */
export async function send(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const init = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET') {
    headers[CSRF_HEADER] = await csrfToken();
  }
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch { /* not JSON */ }
    const error = new ApiError(response.status, response.statusText, problem);
    error.retryAfter = Number(response.headers.get('Retry-After')) || null;
    throw error;
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const getJson = (path) => send('GET', path);
export const postJson = (path, body) => send('POST', path, body);
