/**
 * A document as a list of blocks, written once per document (visit summary, monthly report,
 * agenda) and laid out twice: render-docx.ts for Word, render-pdf.ts for PDF. Photos are named,
 * not loaded: each renderer reads the files one at a time when it places them.
 */
import type { Photo } from '../../../shared/domain/photo';

export interface Column {
  header: string;
  widthMm: number;
  align?: 'left' | 'center' | 'right';
}

/** A photo in a table cell (a 480 px copy of the report copy), drawn to fit `widthMm` × `heightMm`. */
export interface PhotoCell {
  photo: Photo;
  widthMm: number;
  heightMm: number;
}

export type Cell = string | number | null | PhotoCell;

export interface CaptionedPhoto {
  photo: Photo;
  caption: string;
}

export type Block =
  | { kind: 'title'; text: string }
  /** A centred line under the title (period, scope). */
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string }
  /** （一）… second-level headings (楷体), kept with what follows. */
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Label–value pairs, two pairs a row. */
  | { kind: 'fields'; pairs: [string, string][] }
  | { kind: 'table'; columns: Column[]; rows: Cell[][]; empty?: string }
  /** Photos 2–4 a page (report copies), each with its caption, on pages of their own. */
  | { kind: 'photoPages'; heading: string; perPage: 2 | 3 | 4; photos: CaptionedPhoto[] }
  | { kind: 'signature'; lines: string[] }
  | { kind: 'pageBreak' };

export interface DocumentSpec {
  title: string;
  /** Document properties: author (the exporter) and subject. */
  author: string;
  subject: string;
  /** A landscape page for documents that are one wide table (the agenda); Word only. */
  landscape?: boolean;
  blocks: Block[];
}

export function isPhotoCell(cell: Cell): cell is PhotoCell {
  return cell !== null && typeof cell === 'object';
}

/** How a photo page is divided: columns × rows. */
export function photoGrid(perPage: 2 | 3 | 4): { cols: number; rows: number } {
  return perPage === 4 ? { cols: 2, rows: 2 } : { cols: 1, rows: perPage };
}

/** Every photo a document places (tables and photo pages), in order. */
export function countPhotos(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.kind === 'photoPages') n += b.photos.length;
    if (b.kind === 'table') for (const r of b.rows) n += r.filter(isPhotoCell).length;
  }
  return n;
}
