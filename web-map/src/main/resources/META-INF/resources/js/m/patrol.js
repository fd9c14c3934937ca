// 巡查: start and stop a patrol. While one is under way a point is recorded every ~30 s or 25 m
// (whichever comes first) into IndexedDB and uploaded in batches; points that could not be sent
// (offline) go with the next batch, also after the patrol stopped. The server de-duplicates points
// by their time, so a batch sent twice does no harm.
import { t, formatDateTime, formatNumber } from '../i18n.js';
import { request, OfflineError } from './net.js';
import { kv, points } from './store.js';
import { watchPosition, metresBetween } from './geo.js';
import { distanceText } from './app-util.js';

const $ = (id) => document.getElementById(id);
const EVERY_MS = 30_000;
const EVERY_METRES = 25;
const BATCH = 500;

let patrol = null; // { id, startedAt }
let lastPoint = null;
let recorded = 0;
let distance = 0;
let uploadTimer = null;
let stopWatching = null;
let appRef = null;

/** The patrol under way (its id), or null: reports made meanwhile are linked to it. */
export const currentPatrolId = () => patrol?.id ?? null;

export async function resumePatrol(app) {
  appRef = app;
  patrol = (await kv.get('patrol')) ?? null;
  if (patrol) startRecording();
  uploadPoints();
  const pendingStop = await kv.get('patrol-stop');
  if (pendingStop) sendStop(pendingStop);
}

function startRecording() {
  stopWatching?.();
  stopWatching = watchPosition((fix) => {
    if (!fix || !patrol) return;
    const since = lastPoint ? Date.parse(fix.at) - Date.parse(lastPoint.at) : Infinity;
    const moved = lastPoint ? metresBetween(lastPoint, fix) : Infinity;
    if (since < EVERY_MS && moved < EVERY_METRES) return;
    if (lastPoint && Number.isFinite(moved)) distance += moved;
    lastPoint = fix;
    recorded += 1;
    points.add({ patrolId: patrol.id, at: fix.at, lon: fix.lon, lat: fix.lat, accuracyMetres: Math.round(fix.accuracy) })
      .then(async () => ((await points.count()) >= 20 ? uploadPoints() : render()));
  });
  clearInterval(uploadTimer);
  uploadTimer = setInterval(uploadPoints, EVERY_MS);
}

let uploading = null;
/** Sends the stored points, per patrol, in batches; keeps them when offline. */
export function uploadPoints() {
  if (!uploading) {
    uploading = (async () => {
      const all = await points.all();
      const byPatrol = new Map();
      all.forEach((p) => byPatrol.set(p.patrolId, [...(byPatrol.get(p.patrolId) ?? []), p]));
      for (const [id, list] of byPatrol) {
        for (let i = 0; i < list.length; i += BATCH) {
          const batch = list.slice(i, i + BATCH);
          try {
            await request('POST', `/api/patrols/${encodeURIComponent(id)}/points`, {
              json: { points: batch.map(({ lon, lat, accuracyMetres, at }) => ({ lon, lat, accuracyMetres, at })) },
            });
            await points.delMany(batch);
          } catch (e) {
            if (e instanceof OfflineError) return;
            if (e.status === 404 || e.status === 422 || e.status === 400) {
              await points.delMany(batch); // refused for good (not the member's patrol, bad points): drop
              appRef?.notice(e.message, 'error');
            } else {
              return;
            }
          }
        }
      }
    })().finally(() => { uploading = null; render(); });
  }
  return uploading;
}

async function sendStop(stop) {
  try {
    const ended = await request('POST', `/api/patrols/${encodeURIComponent(stop.id)}/stop`, { json: { endedAt: stop.endedAt } });
    await kv.del('patrol-stop');
    appRef?.notice(t('m.patrolEnded', {
      distance: distanceText(ended.distanceMetres), minutes: formatNumber(Math.round((ended.durationSeconds ?? 0) / 60)), points: ended.pointCount,
    }));
  } catch (e) {
    if (!(e instanceof OfflineError)) {
      await kv.del('patrol-stop');
      appRef?.notice(e.message, 'error');
    }
  }
}

async function render() {
  if (appRef?.view !== 'patrol') return;
  const pending = await points.count();
  document.documentElement.dataset.patrolPoints = String(recorded);
  document.documentElement.dataset.patrolPending = String(pending);
  $('patrol-state').textContent = patrol ? t('m.patrolActive', { time: formatDateTime(patrol.startedAt) }) : t('m.patrolIdle');
  $('patrol-state').dataset.active = String(Boolean(patrol));
  $('patrol-toggle').textContent = patrol ? t('m.patrolStop') : t('m.patrolStart');
  $('patrol-toggle').classList.toggle('m-danger', Boolean(patrol));
  $('patrol-facts').textContent = t('m.patrolFacts', { points: recorded, distance: distanceText(distance) || '0', pending });
}

export function showPatrol(app) {
  appRef = app;
  render();
}

$('patrol-toggle').addEventListener('click', async () => {
  const button = $('patrol-toggle');
  if (!appRef?.me?.memberCode) {
    appRef?.notice(t('m.err.noMember'), 'error');
    return;
  }
  button.disabled = true;
  try {
    if (!patrol) {
      const started = await request('POST', '/api/patrols', { json: { startedAt: new Date().toISOString() }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      patrol = { id: started.id, startedAt: started.startedAt };
      await kv.set('patrol', patrol);
      recorded = 0;
      distance = 0;
      lastPoint = null;
      startRecording();
    } else {
      const stop = { id: patrol.id, endedAt: new Date().toISOString() };
      patrol = null;
      stopWatching?.();
      clearInterval(uploadTimer);
      await kv.del('patrol');
      await kv.set('patrol-stop', stop);
      await uploadPoints();
      await sendStop(stop);
    }
  } catch (e) {
    appRef.notice(e instanceof OfflineError ? t('m.needNetwork', { what: t('m.patrolStart') }) : e.message, 'error');
  } finally {
    button.disabled = false;
    render();
  }
});

window.addEventListener('online', async () => {
  await uploadPoints();
  const pendingStop = await kv.get('patrol-stop');
  if (pendingStop) sendStop(pendingStop);
});
