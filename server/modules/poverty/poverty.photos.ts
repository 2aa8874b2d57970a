/**
 * Visit photos on disk: `<data dir>/poverty-photos/<first two hex>/<sha256>`, content-addressed (the same picture
 * is stored once), JPEG or PNG recognised by magic bytes (the declared type and file name are not trusted), at
 * most 5 MB. Files are served only through the authorised route; the row holds the hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PHOTO_MAX_BYTES } from '../../../contracts/poverty.ts';
import { AppError } from '../../platform/errors.ts';

export function photoDir(dataDir: string): string {
  return path.join(dataDir, 'poverty-photos');
}

export function sniffImage(buffer: Buffer): 'image/jpeg' | 'image/png' | null {
  if (buffer.length >= 3 && buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buffer.length >= 8 && png.every((b, i) => buffer[i] === b)) return 'image/png';
  return null;
}

export const photoTooLarge = () => new AppError('PAYLOAD_TOO_LARGE', { zh: `照片不能超过 ${PHOTO_MAX_BYTES / 1024 / 1024} MB，请压缩后再上传`, en: `A photo may be at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB` });
export const notAnImage = () => new AppError('UNSUPPORTED_FILE', { zh: '只能上传 JPEG 或 PNG 格式的照片', en: 'Only JPEG or PNG photos can be uploaded' });

export function checkPhoto(buffer: Buffer): { sha256: string; mime: 'image/jpeg' | 'image/png'; size: number } {
  if (buffer.length > PHOTO_MAX_BYTES) throw photoTooLarge();
  const mime = sniffImage(buffer);
  if (!mime) throw notAnImage();
  return { sha256: createHash('sha256').update(buffer).digest('hex'), mime, size: buffer.length };
}

function filePath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad photo hash');
  return path.join(photoDir(dataDir), sha256.slice(0, 2), sha256);
}

/** Writes the file once (temp file + rename, so a reader never sees half a photo). */
export async function storePhoto(dataDir: string, sha256: string, buffer: Buffer): Promise<void> {
  const target = filePath(dataDir, sha256);
  try {
    await fs.access(target);
    return;
  } catch {
    // not there yet
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(tmp, buffer, { mode: 0o600 });
  await fs.rename(tmp, target);
}

export async function loadPhoto(dataDir: string, sha256: string): Promise<Buffer> {
  try {
    return await fs.readFile(filePath(dataDir, sha256));
  } catch {
    throw new AppError('NOT_FOUND', { zh: '照片文件缺失，请联系管理员', en: 'The photo file is missing' });
  }
}
