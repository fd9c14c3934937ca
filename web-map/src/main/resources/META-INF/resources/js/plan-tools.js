// The planning page's edit tools. Each tool picks the grids it needs on the map, then either draws
// with Leaflet-Geoman (a split line, a new boundary, a new shared edge) or takes a value (k parts,
// a name), and hands the finished edit — the API's body, `{ kind, grid(s), line | boundary | parts | name }` —
// to `submit`. Geoman's own toolbar is not used: the tools start and finish its draw modes.
import { t } from './i18n.js';

/** What each tool needs: how many grids, then a drawing ('Line' / 'Polygon') or a value. */
const TOOLS = {
  SPLIT: { grids: 1, draw: 'Line', hint: 'plan.hint.line' },
  REPLACE: { grids: 1, draw: 'Polygon', hint: 'plan.hint.polygon' },
  MOVE_EDGE: { grids: 2, draw: 'Line', hint: 'plan.hint.edgeLine' },
  MERGE: { grids: 2 },
  AUTO_SPLIT: { grids: 1, value: 'parts' },
  RENAME: { grids: 1, value: 'name' },
};

const byId = (id) => document.getElementById(id);

/** A drawn Leaflet layer as a GeoJSON geometry (8 decimals: about a millimetre). */
const drawnGeometry = (layer) => layer.toGeoJSON(8).geometry;

/**
 * Wires the tool buttons and panel. `maps` is the plan maps object, `labelOf(key)` a grid's label,
 * `submit(edit)` posts it (resolving once the page shows the result, rejecting on an API error).
 */
export function createTools({ maps, labelOf, submit }) {
  const { map } = maps;
  const panel = byId('tool-panel');
  const hint = byId('tool-hint');
  const selection = byId('tool-selection');
  const partsField = byId('tool-parts');
  const nameField = byId('tool-name');
  const finishButton = byId('tool-finish');
  const applyButton = byId('tool-apply');
  const state = { tool: null, picked: [], drawing: false, sending: false };

  map.pm.setGlobalOptions({ finishOnEnter: true, snappable: byId('snap').checked, snapDistance: 15, allowSelfIntersection: false });
  map.pm.setLang(document.documentElement.lang.startsWith('en') ? 'en' : 'zh');
  byId('snap').addEventListener('change', (event) => map.pm.setGlobalOptions({ snappable: event.target.checked }));

  const buttons = () => [...document.querySelectorAll('#tools [data-tool]')];

  function stopDrawing() {
    if (state.drawing) {
      state.drawing = false;
      map.pm.disableDraw();
    }
  }

  function refresh() {
    const spec = TOOLS[state.tool];
    buttons().forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.tool === state.tool)));
    panel.hidden = !spec;
    document.documentElement.dataset.tool = state.tool ?? '';
    document.documentElement.dataset.drawing = String(state.drawing);
    maps.setPicked(state.picked);
    if (!spec) return;
    const ready = state.picked.length === spec.grids;
    selection.textContent = state.picked.length ? t('plan.selected', { grids: state.picked.map(labelOf).join('、') }) : '';
    partsField.hidden = spec.value !== 'parts' || !ready;
    nameField.hidden = spec.value !== 'name' || !ready;
    finishButton.hidden = !state.drawing || spec.draw !== 'Line';
    applyButton.hidden = !ready || Boolean(spec.draw);
    if (state.sending) hint.textContent = t('plan.hint.sending');
    else if (!ready) hint.textContent = spec.grids === 1 ? t('plan.hint.pick1') : t('plan.hint.pick2', { n: state.picked.length });
    else if (spec.draw) hint.textContent = t(spec.hint);
    else hint.textContent = t('plan.hint.apply');
  }

  function reset() {
    stopDrawing();
    state.tool = null;
    state.picked = [];
    state.sending = false;
    refresh();
  }

  function startDrawing() {
    const spec = TOOLS[state.tool];
    state.drawing = true;
    map.pm.enableDraw(spec.draw, { snappable: byId('snap').checked, finishOnEnter: true, templineStyle: { color: '#b3261e' }, pathOptions: { color: '#b3261e', weight: 3, pmIgnore: true } });
    refresh();
  }

  async function send(edit) {
    state.sending = true;
    refresh();
    try {
      await submit(edit);
      reset();
    } catch (error) {
      // Nothing changed on the server: the tool stays with its grids so the planner can try again.
      state.sending = false;
      refresh();
      if (TOOLS[state.tool]?.draw) startDrawing();
      throw error;
    }
  }

  function chooseTool(tool) {
    stopDrawing();
    // Grids already picked carry over when the new tool needs as many or more.
    const keep = state.picked.slice(0, TOOLS[tool].grids);
    state.tool = tool;
    state.picked = keep;
    afterPick();
  }

  function afterPick() {
    const spec = TOOLS[state.tool];
    refresh();
    if (state.picked.length < spec.grids) return;
    if (spec.draw) {
      startDrawing();
    } else if (state.tool === 'MERGE') {
      applyButton.focus();
    } else if (spec.value === 'name') {
      byId('tool-name-input').value = '';
      byId('tool-name-input').focus();
    } else {
      byId('tool-parts-input').focus();
    }
  }

  map.on('pm:create', (event) => {
    const geometry = drawnGeometry(event.layer);
    event.layer.remove();
    state.drawing = false;
    const [first, second] = state.picked;
    let edit;
    if (state.tool === 'SPLIT') edit = { kind: 'SPLIT', grid: first, line: geometry };
    else if (state.tool === 'REPLACE') edit = { kind: 'REPLACE', grid: first, boundary: geometry };
    else if (state.tool === 'MOVE_EDGE') edit = { kind: 'MOVE_EDGE', grids: [first, second], line: geometry };
    if (edit) send(edit).catch(() => {});
  });

  buttons().forEach((button) => button.addEventListener('click', () => {
    if (state.sending) return;
    if (state.tool === button.dataset.tool) reset();
    else chooseTool(button.dataset.tool);
  }));
  byId('tool-cancel').addEventListener('click', reset);
  finishButton.addEventListener('click', () => map.pm.Draw[TOOLS[state.tool]?.draw]?._finishShape?.());
  applyButton.addEventListener('click', () => {
    const [grid] = state.picked;
    if (state.tool === 'MERGE') send({ kind: 'MERGE', grids: [...state.picked] }).catch(() => {});
    else if (state.tool === 'AUTO_SPLIT') send({ kind: 'AUTO_SPLIT', grid, parts: Number(byId('tool-parts-input').value) }).catch(() => {});
    else if (state.tool === 'RENAME') send({ kind: 'RENAME', grid, name: byId('tool-name-input').value.trim() }).catch(() => {});
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && state.tool && !state.sending) reset();
  });

  return {
    /** A plan grid was clicked: picks or unpicks it for the current tool (ignored while drawing). */
    gridClicked(key) {
      const spec = TOOLS[state.tool];
      if (!spec || state.drawing || state.sending) return;
      if (state.picked.includes(key)) state.picked = state.picked.filter((k) => k !== key);
      else if (state.picked.length < spec.grids) state.picked = [...state.picked, key];
      afterPick();
    },
    reset,
    refresh,
    busy: () => state.drawing || state.sending,
    setEnabled(enabled) {
      if (!enabled) reset();
      buttons().forEach((b) => { b.disabled = !enabled; });
    },
  };
}
