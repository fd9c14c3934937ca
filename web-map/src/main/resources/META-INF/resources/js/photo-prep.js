// Photo preparation in the browser, before upload (the citizen's report page and the member's
// phone app both use it): reads the photo's EXIF capture time and GPS position first (re-encoding
// strips EXIF), then decodes it upright (EXIF orientation honoured by createImageBitmap), scales
// it so that its long side is at most 1,600 px and encodes it as JPEG at quality 0.8.
//
//   import { preparePhoto } from '/js/photo-prep.js';
//   const { blob, facts } = await preparePhoto(file);
//   form.append('photos', blob, 'photo.jpg');          // one 'photos' part per photo
//   form.append('photoFacts', new Blob([JSON.stringify([facts])], { type: 'application/json' }));
//
// `facts` is { takenAt?, lon?, lat? } (ISO instant; WGS84 degrees), the server's photoFacts entry;
// a fact the photo does not carry is left out. EXIF is read by exifr (npm, pinned; /vendor/).
import exifr from '/vendor/exifr/dist/lite.esm.js';

/** The long side of a prepared photo, in pixels. */
export const MAX_SIDE = 1600;
/** The JPEG quality of a prepared photo (0..1). */
export const QUALITY = 0.8;

const pad = (n) => String(n).padStart(2, '0');

/**
 * The capture time as an ISO instant. exifr gives DateTimeOriginal as a Date read in the browser's
 * zone; with OffsetTimeOriginal ('+08:00') the wall-clock time is re-read in that offset instead.
 */
function takenAt(tags) {
  const original = tags?.DateTimeOriginal ?? tags?.CreateDate;
  if (!(original instanceof Date) || Number.isNaN(original.getTime())) {
    return undefined;
  }
  const offset = tags.OffsetTimeOriginal ?? tags.OffsetTime;
  if (typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset)) {
    const local = `${original.getFullYear()}-${pad(original.getMonth() + 1)}-${pad(original.getDate())}`
      + `T${pad(original.getHours())}:${pad(original.getMinutes())}:${pad(original.getSeconds())}${offset}`;
    const instant = new Date(local);
    if (!Number.isNaN(instant.getTime())) {
      return instant.toISOString();
    }
  }
  return original.toISOString();
}

/** What the photo's EXIF says: { takenAt?, lon?, lat? } (empty when it has no EXIF or it is unreadable). */
export async function readFacts(file) {
  let tags = null;
  try {
    // exifr's lite build: TIFF, EXIF and GPS blocks of JPEG and HEIC (naming other blocks here, such
    // as xmp or iptc, which the lite build lacks, makes it fail).
    tags = await exifr.parse(file, { tiff: true, exif: true, gps: true });
  } catch {
    return {};
  }
  const facts = {};
  const time = takenAt(tags);
  if (time) facts.takenAt = time;
  const { latitude, longitude } = tags ?? {};
  if (Number.isFinite(latitude) && Number.isFinite(longitude) && (latitude !== 0 || longitude !== 0)
      && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) {
    facts.lon = longitude;
    facts.lat = latitude;
  }
  return facts;
}

/** The size that fits `width` × `height` into a long side of `maxSide` (never enlarged). */
export function fittedSize(width, height, maxSide = MAX_SIDE) {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function encode(canvas, quality) {
  if (typeof canvas.convertToBlob === 'function') {
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality);
  });
}

/**
 * Prepares one photo (a File or Blob from a file input or the camera) for upload:
 * resolves to { blob (image/jpeg), facts, width, height, originalBytes }.
 * Rejects when the browser cannot decode the file as an image.
 */
export async function preparePhoto(file, { maxSide = MAX_SIDE, quality = QUALITY } = {}) {
  const facts = await readFacts(file);
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fittedSize(bitmap.width, bitmap.height, maxSide);
    const canvas = typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(width, height)
      : Object.assign(document.createElement('canvas'), { width, height });
    const context = canvas.getContext('2d');
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await encode(canvas, quality);
    return { blob, facts, width, height, originalBytes: file.size };
  } finally {
    bitmap.close();
  }
}
