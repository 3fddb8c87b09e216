/** Lays a document's blocks out as PDF (pdfkit), page by page, photos read one at a time. */
import { readFile, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { countPhotos, isPhotoCell, photoGrid, type Block, type Cell, type Column, type DocumentSpec } from './blocks';
import type { ReportContext, WrittenSummary } from './context';
import { MARGINS, MM, PT, PdfPage } from './pdf-page';
import { fitInto, photoFile, type PhotoFile, type PhotoSize } from './photos';
import type { Photo } from '../../../shared/domain/photo';

const PAD = 3;
const GRID = '#808080';
const HEADER_FILL = '#E8EEF7';
const LABEL_FILL = '#F2F2F2';

class PdfBuilder {
  private placed = 0;
  private embedded = 0;
  private readonly total: number;

  constructor(
    private readonly ctx: ReportContext,
    private readonly p: PdfPage,
    spec: DocumentSpec,
  ) {
    this.total = countPhotos(spec.blocks);
  }

  /** Photos actually in the document (a photo missing here is a note instead). */
  get photos(): number {
    return this.embedded;
  }

  private text(
    text: string,
    opts: {
      face?: 'body' | 'heading';
      size?: number;
      align?: 'left' | 'center' | 'right' | 'justify';
      indent?: number;
    } = {},
  ): void {
    const size = opts.size ?? PT.body;
    const doc = this.p.use(opts.face ?? 'body', size);
    doc.text(text, MARGINS.left, doc.y, {
      width: this.p.width,
      // Left, not justify: pdfkit justifies by stretching spaces, which in Chinese are only around numbers.
      align: opts.align ?? 'left',
      indent: opts.indent ?? 0,
      lineGap: this.p.lineGap(size),
    });
  }

  async block(b: Block): Promise<void> {
    const { doc } = this.p;
    switch (b.kind) {
      case 'title':
        this.text(b.text, { face: 'heading', size: PT.title, align: 'center' });
        doc.moveDown(0.6);
        return;
      case 'subtitle':
        this.text(b.text, { align: 'center' });
        doc.moveDown(0.4);
        return;
      case 'heading':
        this.p.ensure(PT.body * 5);
        this.text(b.text, { face: 'heading', indent: PT.body * 2 });
        return;
      case 'subheading':
        // Kept with what follows: a table's header and first row, or a few lines.
        this.p.ensure(PT.body * 6);
        this.text(b.text, { indent: PT.body * 2 });
        return;
      case 'paragraph':
        for (const line of b.text.split(/\r?\n/)) this.text(line, { indent: PT.body * 2 });
        return;
      case 'fields':
        await this.table(
          [
            { header: '', widthMm: 30, align: 'center' },
            { header: '', widthMm: 48 },
            { header: '', widthMm: 30, align: 'center' },
            { header: '', widthMm: 48 },
          ],
          pairsToRows(b.pairs),
          { header: false, labels: true, size: PT.small },
        );
        return;
      case 'table':
        if (b.rows.length === 0) this.text(b.empty ?? '无。', { indent: PT.body * 2 });
        else await this.table(b.columns, b.rows, { header: true, labels: false, size: PT.table });
        return;
      case 'photoPages':
        await this.photoPages(b);
        return;
      case 'signature':
        doc.moveDown(1.5);
        for (const line of b.lines) {
          const d = this.p.use('body', PT.body);
          d.text(line, MARGINS.left, d.y, {
            width: this.p.width - 22 * MM,
            align: 'right',
            lineGap: this.p.lineGap(PT.body),
          });
        }
        return;
      case 'pageBreak':
        this.p.addPage();
        return;
    }
  }

  /** The photo's file at `size` (path and pixel size only: the bytes are read when placed). */
  private async resolve(photo: Photo, size: PhotoSize): Promise<PhotoFile | null> {
    const file = await photoFile(this.ctx.photosDir, photo, size, this.ctx.workDir);
    this.ctx.progress('photos', ++this.placed, this.total);
    return file;
  }

  /** Reads, places and drops the photo (pdfkit writes it out at once); a scratch copy is deleted. */
  private async place(
    file: PhotoFile | null,
    x: number,
    y: number,
    w: number,
    h: number,
    scratch = false,
  ): Promise<void> {
    if (!file) {
      this.p.use('body', PT.table).text('（照片不在本机）', x, y + h / 2 - PT.table, { width: w, align: 'center' });
      return;
    }
    this.p.doc.image(await readFile(file.path), x, y, { fit: [w, h], align: 'center', valign: 'center' });
    if (scratch) await rm(file.path, { force: true });
    this.embedded += 1;
  }

  private async table(
    columns: Column[],
    rows: Cell[][],
    opts: { header: boolean; labels: boolean; size: number },
  ): Promise<void> {
    const { doc } = this.p;
    const scale = this.p.width / columns.reduce((a, c) => a + c.widthMm * MM, 0);
    const widths = columns.map((c) => c.widthMm * MM * scale);
    const measure = (text: string, w: number, face: 'body' | 'heading'): number =>
      this.p.use(face, opts.size).heightOfString(text, { width: w - 2 * PAD }) + 2 * PAD;
    const maxRow = this.p.bottom - MARGINS.top - 40;
    let y = doc.y;
    const rowHeight = (cells: Cell[], header: boolean): number => {
      const heights = cells.map((c, i) => {
        if (isPhotoCell(c)) return c.heightMm * MM + 2 * PAD;
        const face = header || (opts.labels && i % 2 === 0) ? 'heading' : 'body';
        return measure(c === null ? '' : String(c), widths[i]!, face);
      });
      return Math.min(maxRow, Math.max(...heights, opts.size + 2 * PAD));
    };
    const drawRow = async (cells: Cell[], header: boolean): Promise<void> => {
      const h = rowHeight(cells, header);
      if (y + h > this.p.bottom) {
        this.p.addPage();
        y = doc.y;
        if (opts.header && !header)
          await drawRow(
            columns.map((c) => c.header),
            true,
          );
      }
      let x = MARGINS.left;
      for (let i = 0; i < cells.length; i++) {
        const w = widths[i]!;
        const c = cells[i] ?? null;
        const fill = header ? HEADER_FILL : opts.labels && i % 2 === 0 ? LABEL_FILL : null;
        if (fill) doc.rect(x, y, w, h).fill(fill);
        doc.lineWidth(0.5).rect(x, y, w, h).stroke(GRID);
        doc.fillColor('black');
        if (isPhotoCell(c)) {
          await this.place(await this.resolve(c.photo, 'table'), x + PAD, y + PAD, w - 2 * PAD, h - 2 * PAD, true);
        } else {
          const face = header || (opts.labels && i % 2 === 0) ? 'heading' : 'body';
          const align = header ? 'center' : (columns[i]?.align ?? 'left');
          this.p.use(face, opts.size).text(c === null ? '' : String(c), x + PAD, y + PAD, {
            width: w - 2 * PAD,
            height: h - 2 * PAD,
            align,
            ellipsis: true,
          });
        }
        x += w;
      }
      y += h;
    };
    if (opts.header) {
      // The header never ends a page alone: it starts one with its first row.
      const first = rows[0] ? rowHeight(rows[0], false) : 0;
      this.p.ensure(
        rowHeight(
          columns.map((c) => c.header),
          true,
        ) + first,
      );
      y = doc.y;
      await drawRow(
        columns.map((c) => c.header),
        true,
      );
    }
    for (const r of rows) await drawRow(r, false);
    doc.x = MARGINS.left;
    doc.y = y + PT.body * 0.6;
  }

  /** Rows of photos from the top of each page, each row as tall as its tallest photo, captions under. */
  private async photoPages(b: Extract<Block, { kind: 'photoPages' }>): Promise<void> {
    const { cols, rows } = photoGrid(b.perPage);
    const gap = 6 * MM;
    const captionH = 16 * MM;
    for (let start = 0; start < b.photos.length; start += b.perPage) {
      this.p.addPage();
      this.text(start === 0 ? b.heading : `${b.heading}（续）`, { face: 'heading', indent: PT.body * 2 });
      let y = this.p.doc.y + 3 * MM;
      const cellW = (this.p.width - gap * (cols - 1)) / cols;
      const boxH = (this.p.bottom - y) / rows - captionH;
      const page = b.photos.slice(start, start + b.perPage);
      for (let r = 0; r * cols < page.length; r++) {
        const items = page.slice(r * cols, r * cols + cols);
        const files = await Promise.all(items.map((i) => this.resolve(i.photo, 'report')));
        const heights = files.map((f) => (f ? fitInto(f.width, f.height, cellW, boxH).height : boxH / 2));
        const rowH = Math.max(...heights);
        for (let c = 0; c < items.length; c++) {
          const x = MARGINS.left + c * (cellW + gap);
          await this.place(files[c] ?? null, x, y + rowH - heights[c]!, cellW, heights[c]!);
          this.p.use('body', PT.table).text(items[c]!.caption, x, y + rowH + 2 * MM, {
            width: cellW,
            height: captionH - 3 * MM,
            align: 'center',
            ellipsis: true,
          });
        }
        y += rowH + captionH;
      }
      this.p.doc.x = MARGINS.left;
      this.p.doc.y = this.p.bottom;
    }
  }
}

function pairsToRows(pairs: [string, string][]): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const a = pairs[i]!;
    const b = pairs[i + 1] ?? ['', ''];
    rows.push([a[0], a[1], b[0], b[1]]);
  }
  return rows;
}

/** Writes `spec` as PDF to `out` (ended when done). */
export async function renderPdf(
  ctx: ReportContext,
  spec: DocumentSpec,
  out: Writable,
): Promise<WrittenSummary & { pages: number }> {
  const page = new PdfPage(out, { title: spec.title, author: spec.author, subject: spec.subject });
  const builder = new PdfBuilder(ctx, page, spec);
  for (const b of spec.blocks) await builder.block(b);
  ctx.progress('write', 1, 1);
  await page.end(out);
  return { rows: 0, photos: builder.photos, pages: page.pageCount };
}
