// Thin client for the Wangge HTTP API.

/** GETs JSON from the API; rejects with the problem detail's text on an error status. */
export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch { /* not JSON: keep the status line */ }
    throw new Error(detail);
  }
  return response.json();
}

/** The current areas of a level as a GeoJSON FeatureCollection. */
export const areas = (level) => getJson(`/api/areas?level=${encodeURIComponent(level)}`);

/** One area with its parents, children's count and (for a grid) its team. */
export const area = (code) => getJson(`/api/areas/${encodeURIComponent(code)}`);
