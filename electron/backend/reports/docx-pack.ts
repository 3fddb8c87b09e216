/**
 * Packs a Word document whose photos stay on disk until the moment they are copied into the
 * archive. The docx library wants every image's bytes in the document model, so each photo goes
 * in as a tiny unique stand-in (a few bytes of text); the library stores each stand-in as a media
 * part, which is recognised by those bytes and replaced by the file, streamed, as the archive is
 * written. Word never sees a stand-in.
 */
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { ImageRun, Packer, type Document } from 'docx';
import { FONT_TABLE_ENTRIES } from './docx-kit';
import { readZip, ZipWriter } from './zip';

export class DocxPhotos {
  private readonly files = new Map<string, string>();

  /** An image run for the JPEG at `path`, drawn `widthPx` × `heightPx` (96 dpi). */
  image(path: string, widthPx: number, heightPx: number): ImageRun {
    const stand = `sitebook-photo:${randomUUID()}`;
    const data = Buffer.from(stand);
    this.files.set(stand, path);
    return new ImageRun({ type: 'jpg', data, transformation: { width: widthPx, height: heightPx } });
  }

  get count(): number {
    return this.files.size;
  }

  /**
   * Writes the document to `out` (and ends it). `onPhoto(done, total)` follows the copying.
   * The part order puts [Content_Types].xml first, as Office writes it.
   */
  async pack(doc: Document, out: Writable, onPhoto: (done: number, total: number) => void): Promise<void> {
    const entries = readZip(await Packer.toBuffer(doc));
    entries.sort((a, b) => Number(b.name === '[Content_Types].xml') - Number(a.name === '[Content_Types].xml'));
    const zip = new ZipWriter(out);
    let done = 0;
    for (const e of entries) {
      const photo =
        e.name.startsWith('word/media/') && e.data.length < 64 ? this.files.get(e.data.toString()) : undefined;
      if (photo) {
        await zip.addFile(e.name, photo);
        onPhoto(++done, this.files.size);
      } else if (e.name === 'word/fontTable.xml') {
        await zip.addBuffer(e.name, withFontTable(e.data.toString('utf8')));
      } else {
        await zip.addBuffer(e.name, e.data);
      }
    }
    if (done !== this.files.size) throw new Error(`only ${done} of ${this.files.size} photos found in the document`);
    await zip.finish();
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

/** Adds our fonts to the (empty) font table the library writes. */
function withFontTable(xml: string): Buffer {
  const patched = xml.includes('</w:fonts>')
    ? xml.replace('</w:fonts>', `${FONT_TABLE_ENTRIES}</w:fonts>`)
    : xml.replace(/<w:fonts([^>]*)\/>\s*$/, `<w:fonts$1>${FONT_TABLE_ENTRIES}</w:fonts>`);
  return Buffer.from(patched, 'utf8');
}
