// The photo input shared by the case screen's 处置反馈 and by 上报: the camera (or the gallery),
// at most six photos, each checked (images only, not too large) and prepared in the browser by the
// shared js/photo-prep.js (upright, long side 1,600 px, JPEG, EXIF time and GPS kept as facts).
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { preparePhoto } from '../photo-prep.js';

export const MAX_PHOTOS = 6;
/** The largest original accepted (phone cameras make 3–12 MB). */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;

/** Which files are taken: images, not too large, at most MAX_PHOTOS in all; why each other one is not. */
export function checkFiles(files, already = 0) {
  const accepted = [];
  const refused = [];
  for (const file of files) {
    if (!(file.type || '').startsWith('image/')) {
      refused.push({ file, reason: 'notImage' });
    } else if (file.size > MAX_INPUT_BYTES) {
      refused.push({ file, reason: 'tooLarge' });
    } else if (already + accepted.length >= MAX_PHOTOS) {
      refused.push({ file, reason: 'tooMany' });
    } else {
      accepted.push(file);
    }
  }
  return { accepted, refused };
}

/**
 * A photo picker: `{ element, photos() → [{ blob, facts, name }], busy() → Promise, clear() }`.
 * `onMessage(text)` receives what was refused and why.
 */
export function photoPicker({ id, onMessage }) {
  const prepared = [];
  let pending = Promise.resolve();
  const input = el('input', { id, type: 'file', accept: 'image/*', capture: 'environment', multiple: true, class: 'm-file' });
  const label = el('label', { class: 'm-camera', for: id }, t('m.addPhotos', { n: MAX_PHOTOS }), input);
  const thumbs = el('div', { class: 'm-photos' });
  const count = el('p', { class: 'm-hint', 'aria-live': 'polite' });
  const messages = el('p', { class: 'm-message', role: 'alert' });

  function render() {
    thumbs.replaceChildren(...prepared.map((p, i) => {
      const url = URL.createObjectURL(p.blob);
      return el('button', { type: 'button', 'aria-label': `${t('m.removePhoto')} ${i + 1}`, title: t('m.removePhoto'), onclick: () => { prepared.splice(i, 1); render(); } },
        el('img', { src: url, alt: '', onload: () => URL.revokeObjectURL(url) }));
    }));
    count.textContent = prepared.length ? t('m.photoCount', { n: prepared.length }) : '';
  }

  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = '';
    const { accepted, refused } = checkFiles(files, prepared.length);
    const texts = [];
    const tooMany = refused.filter((r) => r.reason === 'tooMany').length;
    refused.forEach((r) => {
      if (r.reason === 'notImage') texts.push(t('m.err.notImage', { name: r.file.name }));
      if (r.reason === 'tooLarge') texts.push(t('m.err.tooLarge', { name: r.file.name, mb: (r.file.size / 1048576).toFixed(1), max: MAX_INPUT_BYTES / 1048576 }));
    });
    if (tooMany) texts.push(t('m.err.tooMany', { n: MAX_PHOTOS, extra: tooMany }));
    messages.textContent = texts.join(' ');
    if (texts.length) onMessage?.(texts.join('\n'));
    label.dataset.busy = 'true';
    pending = pending.then(async () => {
      for (const file of accepted) {
        try {
          const p = await preparePhoto(file);
          prepared.push({ ...p, name: (file.name || 'photo').replace(/\.[^.]*$/, '') + '.jpg' });
        } catch (e) {
          const text = t('m.err.photoFailed', { name: file.name, message: e.message || 'decode' });
          messages.textContent = `${messages.textContent} ${text}`.trim();
          onMessage?.(text);
        }
      }
      render();
      label.dataset.busy = 'false';
    });
  });

  return {
    element: el('div', { class: 'm-picker' }, label, thumbs, count, messages),
    photos: () => prepared.map((p) => ({ blob: p.blob, facts: p.facts, name: p.name })),
    busy: () => pending,
    clear: () => { prepared.length = 0; messages.textContent = ''; render(); },
  };
}
