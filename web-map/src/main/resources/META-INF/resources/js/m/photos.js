// The photo input shared by the case screen's 处置反馈 and by 上报: the camera (or the gallery),
// at most six photos, each checked (images only, not too large) and prepared in the browser by the
// shared photo-prep module (upright, long side 1,600 px, JPEG, EXIF time and GPS kept as facts).
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { checkFiles, preparePhoto, MAX_PHOTOS, MAX_INPUT_BYTES } from '../photo-prep.js';

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
