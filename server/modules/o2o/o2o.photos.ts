/**
 * Photos sent by citizens: JPEG or PNG by magic bytes (never by the declared type), at most 3 of 5 MB each, and
 * stripped of metadata before storage (JPEG APP1..APP15 segments such as EXIF/XMP with GPS positions and COM
 * comments; PNG eXIf and text chunks), so a location or device id cannot leak back out.
 */
import { createHash } from 'node:crypto';
import { PUBLIC_PHOTO_LIMITS } from '../../../contracts/o2o.ts';
import { AppError, fieldError } from '../../platform/errors.ts';

export type CleanPhoto = { mime: 'image/jpeg' | 'image/png'; data: Buffer; sha256: string };

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffImage(buf: Buffer): 'image/jpeg' | 'image/png' | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_MAGIC)) return 'image/png';
  return null;
}

const unreadable = () => new AppError('UNSUPPORTED_FILE', { zh: '照片文件已损坏，无法读取，请重新选择', en: 'The photo is damaged; choose it again' });

/** Drops APPn (n ≥ 1) and COM segments before the scan data; keeps APP0 (JFIF), tables and the image. */
export function stripJpeg(buf: Buffer): Buffer {
  const out: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  while (i < buf.length) {
    if (buf[i] !== 0xff) throw unreadable();
    const marker = buf[i + 1];
    if (marker === undefined) throw unreadable();
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd9) {
      out.push(buf.subarray(i, i + 2));
      break;
    }
    if (marker >= 0xd0 && marker <= 0xd7) {
      out.push(buf.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > buf.length) throw unreadable();
    const len = buf.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > buf.length) throw unreadable();
    const segment = buf.subarray(i, i + 2 + len);
    if (marker === 0xda) {
      // start of scan: the rest is entropy-coded data up to EOI; keep it whole
      out.push(buf.subarray(i));
      break;
    }
    const isMetadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (!isMetadata) out.push(segment);
    i += 2 + len;
  }
  return Buffer.concat(out);
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

export function stripPng(buf: Buffer): Buffer {
  const out: Buffer[] = [buf.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= buf.length) {
    const len = buf.readUInt32BE(i);
    const type = buf.subarray(i + 4, i + 8).toString('latin1');
    const end = i + 12 + len;
    if (end > buf.length) throw unreadable();
    if (!PNG_DROP.has(type)) out.push(buf.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(out);
}

/** Decodes, checks and cleans the photos of a submission; throws a field error naming the photo. */
export function cleanPhotos(base64s: readonly string[]): CleanPhoto[] {
  if (base64s.length > PUBLIC_PHOTO_LIMITS.maxPhotos) throw fieldError('photos', `最多上传 ${PUBLIC_PHOTO_LIMITS.maxPhotos} 张照片`, `At most ${PUBLIC_PHOTO_LIMITS.maxPhotos} photos`);
  return base64s.map((b64, i) => {
    const stripped = b64.replace(/^data:[^,]{0,100},/, '');
    if (!/^[A-Za-z0-9+/=\s]*$/.test(stripped)) throw fieldError(`photos[${i}]`, `第 ${i + 1} 张照片编码不正确`, `Photo ${i + 1} is not valid base64`);
    const buf = Buffer.from(stripped, 'base64');
    if (buf.length === 0) throw fieldError(`photos[${i}]`, `第 ${i + 1} 张照片是空文件`, `Photo ${i + 1} is empty`);
    if (buf.length > PUBLIC_PHOTO_LIMITS.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { zh: `第 ${i + 1} 张照片超过 5 MB，请压缩后再上传`, en: `Photo ${i + 1} exceeds 5 MB` });
    const mime = sniffImage(buf);
    if (!mime) throw new AppError('UNSUPPORTED_FILE', { zh: `第 ${i + 1} 张照片不是 JPEG 或 PNG 图片`, en: `Photo ${i + 1} is not a JPEG or PNG image` });
    const data = mime === 'image/jpeg' ? stripJpeg(buf) : stripPng(buf);
    return { mime, data, sha256: createHash('sha256').update(data).digest('hex') };
  });
}
