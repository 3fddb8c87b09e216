/** Lays a document's blocks out as Word (.docx) in the official layout of docx-kit.ts. */
import type { Writable } from 'node:stream';
import {
  AlignmentType,
  BorderStyle,
  Document,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  WidthType,
  type FileChild,
  type ImageRun,
} from 'docx';
import { isPhotoCell, photoGrid, countPhotos, type Block, type DocumentSpec } from './blocks';
import type { ReportContext, WrittenSummary } from './context';
import {
  CONTENT_MM,
  DOCUMENT_STYLES,
  SIZE,
  body,
  caption,
  docTable,
  docTitle,
  heading,
  mmPx,
  mmTwip,
  officialSection,
  run,
  signature,
  type DocCell,
} from './docx-kit';
import { DocxPhotos } from './docx-pack';
import { fitInto, photoFile, type PhotoSize } from './photos';

/** Room kept on a photo page for its heading and each photo's caption (mm). */
const PHOTO_PAGE = { height: 225 - 18, caption: 13, gap: 6 } as const;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE } as const;

class DocxBuilder {
  readonly photos = new DocxPhotos();
  private placed = 0;

  constructor(
    private readonly ctx: ReportContext,
    private readonly total: number,
  ) {}

  /** The photo as an image run within `boxMm`, or a note when it is not on this device. */
  async image(photo: Parameters<typeof photoFile>[1], size: PhotoSize, boxMm: [number, number]): Promise<DocCell> {
    const file = await photoFile(this.ctx.photosDir, photo, size, this.ctx.workDir);
    this.ctx.progress('photos', ++this.placed, this.total);
    if (!file) return '（照片不在本机）';
    const fit = fitInto(file.width, file.height, boxMm[0], boxMm[1]);
    return this.photos.image(file.path, mmPx(fit.width), mmPx(fit.height));
  }

  async block(b: Block): Promise<FileChild[]> {
    switch (b.kind) {
      case 'title':
        return [docTitle(b.text)];
      case 'subtitle':
        return [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 300 },
            children: [run(b.text, { role: 'kai' })],
          }),
        ];
      case 'heading':
        return [heading(b.text)];
      case 'subheading':
        return [heading(b.text, 'kai')];
      case 'paragraph':
        return body(b.text);
      case 'fields':
        return [this.fields(b.pairs), new Paragraph({ children: [] })];
      case 'table': {
        if (b.rows.length === 0) return body(b.empty ?? '无。');
        const rows: DocCell[][] = [];
        for (const r of b.rows) {
          const cells: DocCell[] = [];
          for (const c of r) {
            cells.push(isPhotoCell(c) ? await this.image(c.photo, 'table', [c.widthMm - 2, c.heightMm]) : c);
          }
          rows.push(cells);
        }
        return [docTable(b.columns, rows), new Paragraph({ children: [] })];
      }
      case 'photoPages':
        return this.photoPages(b);
      case 'signature':
        return signature(b.lines);
      case 'pageBreak':
        return [new Paragraph({ children: [new PageBreak()] })];
    }
  }

  private fields(pairs: [string, string][]): Table {
    const widths = [30, 48, 30, 48].map(mmTwip);
    const rows: TableRow[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const cells = [pairs[i]!, pairs[i + 1] ?? ['', '']].flatMap(([label, value]) => [label, value]);
      rows.push(
        new TableRow({
          cantSplit: true,
          children: cells.map(
            (text, j) =>
              new TableCell({
                width: { size: widths[j]!, type: WidthType.DXA },
                verticalAlign: VerticalAlign.CENTER,
                shading: j % 2 === 0 ? { fill: 'F2F2F2' } : undefined,
                children: [
                  new Paragraph({
                    alignment: j % 2 === 0 ? AlignmentType.CENTER : AlignmentType.LEFT,
                    spacing: { before: 40, after: 40 },
                    children: [run(text, { size: SIZE.small4, role: j % 2 === 0 ? 'heading' : 'body' })],
                  }),
                ],
              }),
          ),
        }),
      );
    }
    return new Table({
      layout: TableLayoutType.FIXED,
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      rows,
    });
  }

  /** Each page of photos its own borderless grid, after a page break. */
  private async photoPages(b: Extract<Block, { kind: 'photoPages' }>): Promise<FileChild[]> {
    if (b.photos.length === 0) return [];
    const { cols, rows } = photoGrid(b.perPage);
    const boxW = (CONTENT_MM - PHOTO_PAGE.gap * (cols - 1)) / cols;
    const boxH = PHOTO_PAGE.height / rows - PHOTO_PAGE.caption;
    const out: FileChild[] = [];
    for (let start = 0; start < b.photos.length; start += b.perPage) {
      out.push(new Paragraph({ children: [new PageBreak()] }));
      out.push(heading(start === 0 ? b.heading : `${b.heading}（续）`));
      const page = b.photos.slice(start, start + b.perPage);
      const tableRows: TableRow[] = [];
      for (let r = 0; r < rows && r * cols < page.length; r++) {
        const cells: TableCell[] = [];
        for (let c = 0; c < cols; c++) {
          const item = page[r * cols + c];
          const children = item
            ? [imageParagraph(await this.image(item.photo, 'report', [boxW, boxH])), caption(item.caption)]
            : [new Paragraph({ children: [] })];
          cells.push(
            new TableCell({
              width: { size: mmTwip(boxW), type: WidthType.DXA },
              borders: NO_BORDERS,
              verticalAlign: VerticalAlign.BOTTOM,
              children,
            }),
          );
        }
        tableRows.push(new TableRow({ cantSplit: true, children: cells }));
      }
      out.push(
        new Table({
          layout: TableLayoutType.FIXED,
          borders: { ...NO_BORDERS, insideHorizontal: NONE, insideVertical: NONE },
          width: { size: mmTwip(CONTENT_MM), type: WidthType.DXA },
          columnWidths: Array.from({ length: cols }, () => mmTwip(boxW + (cols > 1 ? PHOTO_PAGE.gap / 2 : 0))),
          rows: tableRows,
        }),
      );
    }
    return out;
  }
}

function imageParagraph(cell: DocCell): Paragraph {
  const children = typeof cell === 'string' ? [run(cell, { size: SIZE.small4 })] : [cell as ImageRun];
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120 }, children });
}

/** Writes `spec` as .docx to `out` (ended when done). */
export async function renderDocx(ctx: ReportContext, spec: DocumentSpec, out: Writable): Promise<WrittenSummary> {
  const builder = new DocxBuilder(ctx, countPhotos(spec.blocks));
  const children: FileChild[] = [];
  for (const b of spec.blocks) children.push(...(await builder.block(b)));
  const doc = new Document({
    creator: spec.author,
    lastModifiedBy: spec.author,
    title: spec.title,
    subject: spec.subject,
    description: `Sitebook 导出 ${ctx.today}`,
    evenAndOddHeaderAndFooters: true,
    styles: DOCUMENT_STYLES,
    sections: [officialSection(children, spec.landscape ?? false)],
  });
  await builder.photos.pack(doc, out, (done, total) => ctx.progress('write', done, total));
  return { rows: 0, photos: builder.photos.count };
}
