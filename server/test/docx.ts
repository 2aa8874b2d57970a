/**
 * Test helper: open a .docx (a zip) and read its parts, so tests can check the text of `word/document.xml` and the
 * pictures under `word/media/` (type from the magic bytes, PNG size from the IHDR chunk).
 */
import yauzl from 'yauzl';

export interface DocxImage {
  name: string;
  bytes: number;
  isPng: boolean;
  /** PNG pixel size (0 for other formats) */
  width: number;
  height: number;
}

export interface DocxParts {
  names: string[];
  /** `word/document.xml` as text */
  documentXml: string;
  /** the document text without tags (runs joined) */
  text: string;
  images: DocxImage[];
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function readDocx(buffer: Buffer): Promise<DocxParts> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true });
  const parts = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
      parts.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  const documentXml = parts.get('word/document.xml')?.toString('utf8') ?? '';
  const images: DocxImage[] = [...parts.entries()]
    .filter(([name]) => name.startsWith('word/media/'))
    .map(([name, data]) => {
      const isPng = data.subarray(0, 8).equals(PNG_MAGIC);
      return { name, bytes: data.length, isPng, width: isPng ? data.readUInt32BE(16) : 0, height: isPng ? data.readUInt32BE(20) : 0 };
    });
  const text = documentXml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
  return { names: [...parts.keys()], documentXml, text, images };
}
