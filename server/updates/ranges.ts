/**
 * HTTP byte ranges (RFC 9110 §14) for the update feed. electron-updater's differential
 * download asks for many ranges in one request and reads a multipart/byteranges answer
 * part by part in the order it asked, so ranges are served as requested, never merged.
 */

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/** electron-updater sends at most 1000 ranges per request; more gets the whole file. */
export const MAX_RANGES = 1000;

/**
 * The ranges of a Range header for a file of `size` bytes: null when the header is
 * absent, not bytes, malformed or has too many ranges (the whole file is sent: RFC 9110
 * lets a server ignore Range), 'unsatisfiable' when no range overlaps the file.
 */
export function parseRange(header: string | undefined, size: number): ByteRange[] | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) return null;
  const specs = m[1]!.split(',');
  if (specs.length > MAX_RANGES) return null;
  const ranges: ByteRange[] = [];
  for (const spec of specs) {
    const r = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(spec);
    if (!r || (r[1] === '' && r[2] === '')) return null;
    if (r[1] === '') {
      // "-N": the last N bytes.
      const n = Number(r[2]);
      if (n === 0) continue;
      ranges.push({ start: Math.max(0, size - n), end: size - 1 });
      continue;
    }
    const start = Number(r[1]);
    const end = r[2] === '' ? size - 1 : Math.min(Number(r[2]), size - 1);
    if (r[2] !== '' && Number(r[2]) < start) return null;
    if (start >= size) continue;
    ranges.push({ start, end });
  }
  return ranges.length === 0 ? 'unsatisfiable' : ranges;
}

export interface MultipartPlan {
  boundary: string;
  contentLength: number;
  /** In order: a header text, then a range of the file, …, then the closing text. */
  pieces: ({ text: string } | ByteRange)[];
}

export function multipartPlan(ranges: ByteRange[], size: number, contentType: string, boundary: string): MultipartPlan {
  const pieces: MultipartPlan['pieces'] = [];
  let contentLength = 0;
  ranges.forEach((r, i) => {
    const head = `${i === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${contentType}\r\nContent-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`;
    pieces.push({ text: head }, r);
    contentLength += Buffer.byteLength(head) + (r.end - r.start + 1);
  });
  const tail = `\r\n--${boundary}--\r\n`;
  pieces.push({ text: tail });
  contentLength += Buffer.byteLength(tail);
  return { boundary, contentLength, pieces };
}
