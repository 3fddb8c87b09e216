/**
 * A pdfkit document in the official layout (GB/T 9704): A4, margins 37/35/28/26 mm, 22 lines of
 * 3号 (16 pt) text in the type area, page numbers "— 1 —" 7 mm under it, right on odd pages and
 * left on even ones. Pages are written to the stream as soon as the next one starts.
 */
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { AppError } from '../../../shared/errors';
import { FONT_MISSING_MESSAGE, fontCandidates, type FontFace } from './pdf-fonts';

export const MM = 72 / 25.4;
export const MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM } as const;
export const PT = { title: 22, body: 16, small: 12, table: 10.5, pageNumber: 14 } as const;
/** 225 mm of type height ÷ 22 lines. */
export const LINE_PITCH = (225 * MM) / 22;

export type Face = 'body' | 'heading';

export class PdfPage {
  readonly doc: PDFKit.PDFDocument;
  private pages = 0;

  constructor(out: Writable, info: { title: string; author: string; subject: string }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGINS,
      autoFirstPage: false,
      bufferPages: false,
      info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'Sitebook' },
    });
    this.doc.pipe(out);
    this.loadFonts();
    this.doc.on('pageAdded', () => this.pageNumber());
    this.doc.addPage();
  }

  /** The first face of each role that loads (a listed collection may lack the named face). */
  private loadFonts(): void {
    const { body, heading } = fontCandidates();
    const tryFaces = (name: Face, faces: FontFace[]): boolean => {
      for (const f of faces) {
        try {
          this.doc.registerFont(name, f.path, f.family);
          this.doc.font(name);
          return true;
        } catch {
          // Next candidate.
        }
      }
      return false;
    };
    if (!tryFaces('body', body)) throw new AppError('internal', FONT_MISSING_MESSAGE);
    if (!tryFaces('heading', heading)) tryFaces('heading', body);
    this.doc.font('body');
  }

  get width(): number {
    return this.doc.page.width - MARGINS.left - MARGINS.right;
  }

  get bottom(): number {
    return this.doc.page.height - MARGINS.bottom;
  }

  /** Space left on this page below the cursor. */
  get room(): number {
    return this.bottom - this.doc.y;
  }

  use(face: Face, size: number): PDFKit.PDFDocument {
    return this.doc.font(face).fontSize(size);
  }

  /** Extra leading that makes 16 pt lines 22 to the page. */
  lineGap(size: number): number {
    return Math.max(0, (LINE_PITCH * size) / PT.body - this.doc.fontSize(size).currentLineHeight());
  }

  addPage(): void {
    this.doc.addPage();
  }

  /** A new page unless `height` still fits below the cursor. */
  ensure(height: number): void {
    if (this.room < height) this.addPage();
  }

  private pageNumber(): void {
    const n = ++this.pages;
    const { doc } = this;
    const saved = { x: doc.x, y: doc.y, bottom: doc.page.margins.bottom };
    // Drawn below the type area: lift the bottom margin so pdfkit does not start a new page.
    doc.page.margins.bottom = 0;
    const text = `— ${n} —`;
    doc.font('body').fontSize(PT.pageNumber);
    const y = doc.page.height - MARGINS.bottom + 7 * MM;
    const w = doc.widthOfString(text);
    const x = n % 2 === 1 ? doc.page.width - MARGINS.right - PT.pageNumber - w : MARGINS.left + PT.pageNumber;
    doc.text(text, x, y, { lineBreak: false });
    doc.page.margins.bottom = saved.bottom;
    doc.x = saved.x;
    doc.y = saved.y;
  }

  get pageCount(): number {
    return this.pages;
  }

  /** Ends the document; resolves when the stream has taken every byte. */
  end(out: Writable): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      out.once('finish', resolve);
      out.once('error', reject);
      this.doc.end();
    });
  }
}
