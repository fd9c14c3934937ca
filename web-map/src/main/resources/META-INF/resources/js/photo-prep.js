// Photos prepared in the browser before upload (shared by the phone app and the citizen's report
// page): the capture time and GPS position are read from the EXIF (with exifr) BEFORE re-encoding,
// which strips them; the picture is turned upright by its EXIF orientation, scaled so that its long
// side is at most 1,600 px and encoded as JPEG. The facts travel as the `photoFacts` part, aligned
// by index with the `photos` parts.
import exifr from 'exifr';

export const MAX_PHOTOS = 6;
/** The largest original accepted (phone cameras make 3–12 MB). */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;
export const LONG_SIDE = 1600;
const QUALITY = 0.82;

/** Why a file was not taken: `{ file, reason: 'notImage' | 'tooLarge' | 'tooMany' | 'unreadable', message? }`. */
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

/** The capture time and position from a file's EXIF: `{ takenAt?, lon?, lat? }` (empty when it has none). */
export async function readFacts(file) {
  const facts = {};
  try {
    // (exifr's lite build fails on `pick`: the whole EXIF and GPS blocks are read, they are small.)
    // EXIF times carry no zone: exifr reads them in the phone's zone, which is where they were taken.
    const tags = await exifr.parse(file, { tiff: true, exif: true, gps: true, ifd1: false, interop: false });
    const taken = tags?.DateTimeOriginal ?? tags?.CreateDate;
    if (taken instanceof Date && !Number.isNaN(taken.getTime())) {
      facts.takenAt = taken.toISOString();
    }
    if (Number.isFinite(tags?.latitude) && Number.isFinite(tags?.longitude)) {
      facts.lon = tags.longitude;
      facts.lat = tags.latitude;
    }
  } catch { /* no EXIF, or not a JPEG/HEIC: no facts */ }
  return facts;
}

/**
 * One photo ready to upload: `{ blob (image/jpeg), facts: { takenAt?, lon?, lat? }, width, height }`.
 * Rejects when the browser cannot decode the image.
 */
export async function preparePhoto(file, { longSide = LONG_SIDE, quality = QUALITY } = {}) {
  const facts = await readFacts(file);
  // 'from-image' applies the EXIF orientation, so a portrait shot stays upright after re-encoding.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, longSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close?.();
  const blob = await new Promise((resolve, reject) => canvas.toBlob(
    (b) => (b ? resolve(b) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality));
  return { blob, facts, width, height };
}

/** Appends prepared photos to a multipart form as `photos` parts plus the `photoFacts` JSON part. */
export function appendPhotos(form, prepared) {
  prepared.forEach((p, i) => form.append('photos', p.blob, p.name || `photo-${i + 1}.jpg`));
  if (prepared.length) {
    form.append('photoFacts', new Blob([JSON.stringify(prepared.map((p) => p.facts ?? {}))], { type: 'application/json' }));
  }
}
