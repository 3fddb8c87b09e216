/**
 * Word documents in the official layout (GB/T 9704-2012, 党政机关公文格式): A4, margins
 * 37/35/28/26 mm (top/bottom/left/right), title in 2号小标宋, body in 3号仿宋 at 22 lines a page,
 * first-level headings in 黑体, page numbers "— 1 —" in 4号宋体, right on odd pages and left on
 * even ones. Fonts are named as Windows installs them (FangSong, SimHei, SimSun); the font table
 * also gives their Chinese names, GB2312 charset and PANOSE class, so Word, WPS and LibreOffice
 * substitute a like font where one is missing.
 */
import {
  AlignmentType,
  BorderStyle,
  Footer,
  ImageRun,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';

export const PAGE_MM = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;
/** 156 mm: the type area's width. */
export const CONTENT_MM = PAGE_MM.width - PAGE_MM.left - PAGE_MM.right;
/** 243 mm: the type area's width on a landscape page (wide tables). */
export const LANDSCAPE_CONTENT_MM = PAGE_MM.height - PAGE_MM.left - PAGE_MM.right;

export const FONTS = {
  body: 'FangSong',
  title: '方正小标宋简体',
  heading: 'SimHei',
  kai: 'KaiTi',
  number: 'SimSun',
  latin: 'Times New Roman',
} as const;

/** Half-points, as Word counts font sizes: 2号 22pt, 3号 16pt, 4号 14pt, 小4 12pt, 5号 10.5pt. */
export const SIZE = { title: 44, body: 32, four: 28, small4: 24, five: 21 } as const;

/** 22 lines in the 225 mm type height: an exact line pitch of about 29 pt. */
const BODY_LINE_TWIPS = Math.round(((PAGE_MM.height - PAGE_MM.top - PAGE_MM.bottom) / 22 / 25.4) * 1440);

/** Millimetres to twips, rounded (the library's own conversion truncates: A4 would be 11905 wide, not 11906). */
export const mmTwip = (mm: number): number => Math.round((mm / 25.4) * 1440);
/** docx sizes images in 96-dpi pixels. */
export const mmPx = (mm: number): number => Math.round((mm / 25.4) * 96);

type FontRole = keyof typeof FONTS;

export function run(text: string, opts: { role?: FontRole; size?: number; bold?: boolean } = {}): TextRun {
  // Body text at the default size carries no run properties: the document defaults give 仿宋 3号,
  // which keeps a 300-row table's XML (and the library's memory while packing it) small.
  const role = opts.role ?? 'body';
  return new TextRun({
    text,
    ...(opts.bold ? { bold: true } : {}),
    ...(opts.size !== undefined && opts.size !== SIZE.body ? { size: opts.size } : {}),
    ...(role !== 'body'
      ? { font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: FONTS[role], cs: FONTS.latin } }
      : {}),
  });
}

export function docTitle(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 400, line: 700, lineRule: LineRuleType.EXACT },
    children: [run(text, { role: 'title', size: SIZE.title })],
  });
}

/** 一、… headings (黑体), or （一）… ones (楷体); kept with what follows. */
export function heading(text: string, role: 'heading' | 'kai' = 'heading'): Paragraph {
  return new Paragraph({
    keepNext: true,
    spacing: { line: BODY_LINE_TWIPS, lineRule: LineRuleType.EXACT },
    indent: { firstLine: mmTwip(11.3) },
    children: [run(text, { role })],
  });
}

/** A body paragraph: indented two characters, exact line pitch. Newlines start new paragraphs. */
export function body(text: string, opts: { indent?: boolean } = {}): Paragraph[] {
  return text.split(/\r?\n/).map(
    (line) =>
      new Paragraph({
        spacing: { line: BODY_LINE_TWIPS, lineRule: LineRuleType.EXACT },
        indent: opts.indent === false ? undefined : { firstLine: mmTwip(11.3) },
        alignment: AlignmentType.JUSTIFIED,
        children: [run(line)],
      }),
  );
}

/** Lines right-aligned at the end (署名 and date), kept a few characters from the margin. */
export function signature(lines: string[]): Paragraph[] {
  return lines.map(
    (line, i) =>
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        indent: { right: mmTwip(22) },
        spacing: { before: i === 0 ? 600 : 0, line: BODY_LINE_TWIPS, lineRule: LineRuleType.EXACT },
        children: [run(line)],
      }),
  );
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const TABLE_BORDERS = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
} as const;

/** The paragraph style of table cells (五号 仿宋, tight spacing): set once, not on every run. */
export const CELL_STYLE = 'SitebookCell';
export const CELL_HEAD_STYLE = 'SitebookCellHead';

export type DocCell = string | number | null | ImageRun | { runs: TextRun[] };

export interface DocColumn {
  header: string;
  widthMm: number;
  align?: 'left' | 'center' | 'right';
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cellParagraphs(value: DocCell, align: 'left' | 'center' | 'right', style: string): Paragraph[] {
  // Left is the style's own alignment: only other alignments are written per paragraph.
  const base = { style, ...(align !== 'left' ? { alignment: ALIGN[align] } : {}) };
  if (value instanceof ImageRun)
    return [new Paragraph({ ...base, alignment: AlignmentType.CENTER, children: [value] })];
  if (value !== null && typeof value === 'object') return [new Paragraph({ ...base, children: value.runs })];
  const text = value === null ? '' : String(value);
  return text.split(/\r?\n/).map((line) => new Paragraph({ ...base, children: [new TextRun(line)] }));
}

/**
 * A bordered table; the header row repeats on every page and rows do not split across pages.
 * Borders and cell margins are the table's, text formatting the cell styles', so each cell's XML
 * is little more than its text.
 */
export function docTable(columns: DocColumn[], rows: DocCell[][]): Table {
  const widths = columns.map((c) => mmTwip(c.widthMm));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          shading: { fill: 'E8EEF7' },
          children: cellParagraphs(c.header, 'center', CELL_HEAD_STYLE),
        }),
    ),
  });
  const body = rows.map(
    (cells) =>
      new TableRow({
        cantSplit: true,
        children: columns.map(
          (c, i) =>
            new TableCell({
              width: { size: widths[i]!, type: WidthType.DXA },
              verticalAlign: VerticalAlign.CENTER,
              children: cellParagraphs(cells[i] ?? null, c.align ?? 'left', CELL_STYLE),
            }),
        ),
      }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: TABLE_BORDERS,
    margins: { left: 60, right: 60, top: 0, bottom: 0 },
    rows: [header, ...body],
  });
}

/** A small caption paragraph (小4 仿宋, centred). */
export function caption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 120 },
    children: [run(text, { size: SIZE.small4 })],
  });
}

function pageNumberFooter(align: 'left' | 'right'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: mmTwip(7) } : { left: mmTwip(7) },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: SIZE.four,
            font: { ascii: FONTS.number, hAnsi: FONTS.number, eastAsia: FONTS.number },
          }),
        ],
      }),
    ],
  });
}

/** A section on A4 with the official margins and page numbers. */
export function officialSection(children: ISectionOptions['children'], landscape = false): ISectionOptions {
  // docx swaps width and height itself for a landscape page; the margins stay the official ones.
  return {
    properties: {
      page: {
        size: {
          width: mmTwip(PAGE_MM.width),
          height: mmTwip(PAGE_MM.height),
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: {
          top: mmTwip(PAGE_MM.top),
          bottom: mmTwip(PAGE_MM.bottom),
          left: mmTwip(PAGE_MM.left),
          right: mmTwip(PAGE_MM.right),
          header: mmTwip(15),
          footer: mmTwip(20),
          gutter: 0,
        },
      },
    },
    footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
    children,
  };
}

/** Document-wide defaults (仿宋 3号, Chinese language tags) and the table cell styles. */
export const DOCUMENT_STYLES = {
  default: {
    document: {
      run: {
        size: SIZE.body,
        font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: FONTS.body, cs: FONTS.latin },
        language: { value: 'zh-CN', eastAsia: 'zh-CN' },
      },
    },
  },
  paragraphStyles: [
    {
      id: CELL_STYLE,
      name: 'Sitebook 表格文字',
      basedOn: 'Normal',
      quickFormat: false,
      run: { size: SIZE.five },
      paragraph: { spacing: { before: 20, after: 20 } },
    },
    {
      id: CELL_HEAD_STYLE,
      name: 'Sitebook 表头',
      basedOn: CELL_STYLE,
      quickFormat: false,
      run: {
        size: SIZE.five,
        font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: FONTS.heading, cs: FONTS.latin },
      },
      paragraph: { alignment: AlignmentType.CENTER },
    },
  ],
};

/** Font table entries: Chinese alias, GB2312 charset and PANOSE, for substitution where a font is missing. */
export const FONT_TABLE_ENTRIES = [
  ['FangSong', '仿宋', '02010609060101010101', 'modern', 'fixed'],
  ['SimHei', '黑体', '02010609060101010101', 'modern', 'fixed'],
  ['SimSun', '宋体', '02010600030101010101', 'auto', 'variable'],
  ['KaiTi', '楷体', '02010609060101010101', 'modern', 'fixed'],
  ['方正小标宋简体', '宋体', '02000000000000000000', 'script', 'variable'],
]
  .map(
    ([name, alt, panose, family, pitch]) =>
      `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:panose1 w:val="${panose}"/>` +
      `<w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`,
  )
  .join('');
