// The outbox: every report and case action goes through it, online or not. An item is stored in
// IndexedDB with its Idempotency-Key before the first attempt, and the same key is sent on every
// retry, so a retry never makes a second case or a second action. Items are sent oldest first when
// the network returns; every item carries `observedAt` (when the member made it), so one sent
// more than 7 days later is stored with its original time and flagged late. A 409 is kept with the case's current state; other refusals are kept with the server's
// message until the member discards them; a signed-out device keeps the whole queue.
import { ApiError } from '../api.js';
import { outbox } from './store.js';
import { request, OfflineError, SignedOutError } from './net.js';

const listeners = new Set();
let flushing = null;
/** The server's answers to items sent in this page's life, by key (for submit()'s caller). */
const answers = new Map();

/** Calls `listener(event)` with `{ type: 'changed' }`, `{ type: 'sent', item, answer }`, `{ type: 'conflict' | 'failed', item }`. */
export const onOutbox = (listener) => listeners.add(listener);
const tell = (event) => listeners.forEach((l) => l(event));

export const items = () => outbox.all();

/**
 * Queues an item and tries to send it (and everything older) now. `item`: `{ kind: 'report' |
 * 'action', label, incidentId?, number?, body, photos?: [{ blob, facts, name }] }`. Resolves to
 * `{ sent: true, answer }` or `{ sent: false, item }` (kept: offline, conflict or refused).
 */
export async function submit(item) {
  const stored = {
    key: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    attempts: 0,
    state: 'pending',
    photos: [],
    ...item,
  };
  await outbox.put(stored);
  tell({ type: 'changed' });
  await flush();
  let left = await outbox.get(stored.key);
  if (left && left.state === 'pending' && left.attempts === 0) {
    // A flush already under way had read the queue before this item was stored.
    await flush();
    left = await outbox.get(stored.key);
  }
  const answer = answers.get(stored.key);
  answers.delete(stored.key);
  return left ? { sent: false, item: left } : { sent: true, answer };
}

export async function discard(key) {
  await outbox.del(key);
  tell({ type: 'changed' });
}

/** Marks a failed item pending again and sends. */
export async function retry(key) {
  const item = await outbox.get(key);
  if (item) {
    item.state = 'pending';
    item.message = null;
    await outbox.put(item);
    tell({ type: 'changed' });
    await flush();
  }
}

/** The prepared photos as `photos` parts plus the `photoFacts` JSON part (aligned by index). */
function appendPhotos(form, prepared) {
  prepared.forEach((p, i) => form.append('photos', p.blob, p.name || `photo-${i + 1}.jpg`));
  if (prepared.length) {
    form.append('photoFacts', new Blob([JSON.stringify(prepared.map((p) => p.facts ?? {}))], { type: 'application/json' }));
  }
}

function formOf(partName, body, photos) {
  const form = new FormData();
  form.append(partName, new Blob([JSON.stringify(body)], { type: 'application/json' }));
  appendPhotos(form, photos);
  return form;
}

async function send(item) {
  // Every attempt sends the same body, observedAt included (when the member made it): the
  // server's Idempotency-Key check compares the whole request, and a first attempt whose answer was
  // lost on a poor network may have arrived.
  const body = { ...item.body, observedAt: item.createdAt };
  const headers = { 'Idempotency-Key': item.key };
  if (item.kind === 'report') {
    return item.photos.length
      ? request('POST', '/api/incidents', { form: formOf('report', body, item.photos), headers })
      : request('POST', '/api/incidents', { json: body, headers });
  }
  const path = `/api/incidents/${encodeURIComponent(item.incidentId)}/actions`;
  return item.photos.length
    ? request('POST', path, { form: formOf('action', body, item.photos), headers })
    : request('POST', path, { json: body, headers });
}

/** Sends the pending items, oldest first; stops at the first network failure or sign-out. */
export function flush() {
  if (!flushing) {
    flushing = (async () => {
      const waiting = (await outbox.all()).filter((item) => item.state === 'pending');
      if (!waiting.length) return;
      // Signed in first (renewed with the device token if need be): POST /api/incidents also takes
      // anonymous citizens' reports, so a member's report must never go out on an ended session.
      try {
        await request('GET', '/api/me');
      } catch (e) {
        if (e instanceof OfflineError || e instanceof SignedOutError) return;
        throw e;
      }
      for (const item of await outbox.all()) {
        if (item.state !== 'pending') continue;
        try {
          const answer = await send(item);
          answers.set(item.key, answer);
          await outbox.del(item.key);
          tell({ type: 'sent', item, answer });
        } catch (e) {
          if (e instanceof OfflineError || e instanceof SignedOutError) {
            item.attempts += 1;
            item.offline = true;
            await outbox.put(item);
            break;
          }
          item.attempts += 1;
          if (e instanceof ApiError && e.status === 409) {
            item.state = 'conflict';
            item.problem = e.problem;
          } else {
            item.state = 'failed';
          }
          item.message = e.message;
          item.status = e.status ?? null;
          await outbox.put(item);
          tell({ type: item.state, item });
        }
      }
      tell({ type: 'changed' });
    })().finally(() => { flushing = null; });
  }
  return flushing;
}

window.addEventListener('online', () => flush());
