// Thin client for the Wangge HTTP API.
//
// Session and CSRF contract with the server:
//  - any API answer 401 means the session ended: the page goes to /login;
//  - every non-GET request carries the header X-XSRF-TOKEN with the (URL-decoded) value of the
//    cookie XSRF-TOKEN; if the cookie is missing, GET /api/csrf sets it.

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';
export const LOGIN_PAGE = '/login';

/** Thrown once the server said 401: the page is already on its way to the login page. */
export class SessionEndedError extends Error {
  constructor() {
    super('登录已失效，正在转到登录页…');
    this.name = 'SessionEndedError';
  }
}

let leaving = false;

function sessionEnded() {
  if (!leaving) {
    leaving = true;
    window.location.assign(LOGIN_PAGE);
  }
  throw new SessionEndedError();
}

/** The value of a cookie (URL-decoded), or null. */
export function readCookie(name) {
  for (const pair of document.cookie.split(';')) {
    const separator = pair.indexOf('=');
    if (separator >= 0 && pair.slice(0, separator).trim() === name) {
      const value = pair.slice(separator + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}

/** The CSRF token from its cookie, or null when the server has not set it yet. */
export const readCsrfCookie = () => readCookie(CSRF_COOKIE) || null;

/** The CSRF token; asks the server for it (GET /api/csrf sets the cookie) when the cookie is missing. */
export async function csrfToken() {
  let token = readCsrfCookie();
  if (!token) {
    await fetch('/api/csrf', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    token = readCsrfCookie();
  }
  if (!token) {
    throw new Error('服务器未提供 CSRF 令牌');
  }
  return token;
}

/**
 * An error answer of the API (not 401, which ends the session): its message is the problem
 * detail's text; `status` is the HTTP status, `field` the request field at fault (for 400s that
 * name one) and `problem` the whole problem detail (or null when the body was not JSON).
 */
export class ApiError extends Error {
  constructor(status, statusText, problem) {
    super(problem?.detail || problem?.title || `${status} ${statusText}`);
    this.name = 'ApiError';
    this.status = status;
    this.field = typeof problem?.field === 'string' ? problem.field : null;
    this.problem = problem;
  }
}

async function apiError(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch { /* not JSON: the status line will do */ }
  return new ApiError(response.status, response.statusText, problem);
}

/** True when a fetch was redirected to the login page (a server answering unauthenticated API calls with a redirect). */
function redirectedToLogin(response) {
  if (!response.redirected) {
    return false;
  }
  const path = new URL(response.url, window.location.href).pathname;
  return path === LOGIN_PAGE || path === `${LOGIN_PAGE}.html`;
}

/**
 * Sends a request to the API and resolves to its JSON body (null for an empty one);
 * rejects with an ApiError (the problem detail's text, the status and the field at fault) on an
 * error status, and with a SessionEndedError (after starting the navigation to the login page) on 401.
 */
export async function sendJson(method, path, body) {
  // X-Requested-With: the server then answers 401 without a Basic challenge (no password dialog).
  const headers = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest' };
  const init = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers[CSRF_HEADER] = await csrfToken();
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401 || redirectedToLogin(response)) {
    sessionEnded();
  }
  if (!response.ok) {
    throw await apiError(response);
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** GETs JSON from the API. */
export const getJson = (path) => sendJson('GET', path);

/** POSTs `body` as JSON, with the CSRF header. */
export const postJson = (path, body) => sendJson('POST', path, body);

/** PUTs `body` as JSON, with the CSRF header. */
export const putJson = (path, body) => sendJson('PUT', path, body);

/** DELETEs, with the CSRF header. */
export const deleteJson = (path) => sendJson('DELETE', path);

/** The roles' Chinese names (the server's Role enum). */
export const ROLE_NAMES = Object.freeze({
  OPERATOR: '指挥中心值班员',
  GRID_LEADER: '网格长',
  GRID_MEMBER: '网格员',
  DEPARTMENT_OFFICER: '职能部门人员',
  PLANNER: '规划人员',
  ADMIN: '系统管理员',
});

/** The signed-in user: `{ username, displayName, role, roleName, jurisdiction: { code, name, level }, departmentCode }`. */
export const me = () => getJson('/api/me');

/** Ends the session (POST /logout with the CSRF header), then goes to the login page. */
export async function logout() {
  const response = await fetch('/logout', {
    method: 'POST',
    headers: { [CSRF_HEADER]: await csrfToken() },
    credentials: 'same-origin',
    redirect: 'manual',
  });
  // The server answers with a redirect to /login?logout (an opaque redirect here); 401: already ended.
  if (response.type === 'opaqueredirect' || response.ok || response.status === 401) {
    leaving = true;
    window.location.assign(`${LOGIN_PAGE}?logout`);
    return;
  }
  throw new Error(`退出登录失败（${response.status}）`);
}

/** The current areas of a level as a GeoJSON FeatureCollection. */
export const areas = (level) => getJson(`/api/areas?level=${encodeURIComponent(level)}`);

/** One area with its parents, children's count and (for a grid) its team. */
export const area = (code) => getJson(`/api/areas/${encodeURIComponent(code)}`);

const SHAPE_COLLECTIONS = { DISTRICT: 'districts', STREET: 'streets', COMMUNITY: 'communities', GRID: 'grids' };

/** One current area's boundary as a GeoJSON Feature (the OGC API's item), or null for a level it has none of. */
export const areaShape = (level, code) => (SHAPE_COLLECTIONS[level]
  ? getJson(`/ogc/collections/${SHAPE_COLLECTIONS[level]}/items/${encodeURIComponent(code)}?f=json`) : Promise.resolve(null));

// --- The command map's reads and actions ---------------------------------------------------------

const query = (params) => {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
  });
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** Basemap, zoom ranges of the area levels and the live stream's address. */
export const mapConfig = () => getJson('/api/map/config');

/** Every current area of a level in the jurisdiction with its figures (open, overdue, …, label point). */
export const mapAreas = (level, within) => getJson(`/api/map/areas${query({ level, within })}`);

/** Key figures, the children's bars and the 30-day trend of an area (default: the jurisdiction). */
export const mapSummary = (areaCode) => getJson(`/api/map/summary${query({ area: areaCode })}`);

/** The cases matching `filter` as compact rows: `{ total, truncated, fields, rows }`. */
export const casePoints = (filter) => getJson(`/api/incidents/points${query(filter)}`);

/** One case (masked personal data). */
export const incident = (id) => getJson(`/api/incidents/${encodeURIComponent(id)}`);

/** A page of cases (used by the search for a case number). */
export const incidents = (params) => getJson(`/api/incidents${query(params)}`);

/** A case's timeline and the caller's allowed actions. */
export const timeline = (id) => getJson(`/api/incidents/${encodeURIComponent(id)}/timeline`);

/** Takes an action on a case; resolves to the new timeline. */
export const act = (id, body) => postJson(`/api/incidents/${encodeURIComponent(id)}/actions`, body);

/** The grid that covers a point (and its parents). */
export const locate = (lon, lat) => getJson(`/api/locate${query({ lon, lat })}`);

/** Address search (text → candidates). */
export const geocode = (q) => getJson(`/api/geocode${query({ q, limit: 5 })}`);

/** Grid members' last known positions in the jurisdiction. */
export const memberPositions = () => getJson('/api/members/positions');

/** Patrol tracks (GeoJSON LineStrings) overlapping [from, to) in the box [minLon, minLat, maxLon, maxLat]. */
export const patrolTracks = ({ from, to, bbox }) => getJson(`/api/patrols${query({ from, to, bbox })}`);

/** The incident categories (major classes with their minor classes). */
export const categories = () => getJson('/api/categories');

/** The departments cases can be dispatched or whistled to. */
export const departments = () => getJson('/api/departments');

// --- Boundary plans (the planning page) -----------------------------------------------------------

const planPath = (id, rest = '') => `/api/plans/${encodeURIComponent(id)}${rest}`;

/** The plans of the caller's jurisdiction (newest first): `[PlanSummary]`. */
export const plans = (params = {}) => getJson(`/api/plans${query(params)}`);

/** Starts a plan from the current grids of an area (or as they were at `from`): resolves to its PlanView. */
export const createPlan = (body) => postJson('/api/plans', body);

/** A plan with its grids, base grids, validation, impact and edits. */
export const plan = (id) => getJson(planPath(id));

/** Applies one edit (`{ kind, … }`); resolves to the updated PlanView. */
export const editPlan = (id, edit) => postJson(planPath(id, '/edits'), edit);

/** Undoes the last edit; resolves to the updated PlanView. */
export const undoPlan = (id) => postJson(planPath(id, '/undo'));

/** Redoes the last undone edit; resolves to the updated PlanView. */
export const redoPlan = (id) => postJson(planPath(id, '/redo'));

/** Publishes a plan: `{ validFrom, openCases: 'REROUTE' | 'KEEP' }`. */
export const publishPlan = (id, body) => postJson(planPath(id, '/publish'), body);
