/**
 * Chinese fonts for PDF. A PDF embeds its fonts, so one must be found on this machine: 仿宋 or
 * 宋体 on Windows, 宋体 (Songti) on macOS, Noto CJK (fonts-noto-cjk) on Linux; 黑体 or a bold face
 * for headings where there is one. SITEBOOK_PDF_FONT (a .ttf/.otf/.ttc path, with
 * SITEBOOK_PDF_FONT_FAMILY naming the face in a collection) overrides the search.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';

export interface FontFace {
  path: string;
  /** The PostScript name of the face inside a .ttc collection. */
  family?: string;
}

export interface PdfFonts {
  body: FontFace;
  heading: FontFace;
}

const windowsFonts = join(process.env['WINDIR'] ?? 'C:\\Windows', 'Fonts');

const BODY: FontFace[] = [
  { path: join(windowsFonts, 'simfang.ttf') },
  { path: join(windowsFonts, 'simsun.ttc'), family: 'SimSun' },
  { path: '/System/Library/Fonts/Supplemental/Songti.ttc', family: 'STSongti-SC-Regular' },
  { path: '/Library/Fonts/Songti.ttc', family: 'STSongti-SC-Regular' },
  { path: '/System/Library/Fonts/STHeiti Light.ttc', family: 'STHeitiSC-Light' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
];

const HEADING: FontFace[] = [
  { path: join(windowsFonts, 'simhei.ttf') },
  { path: '/System/Library/Fonts/STHeiti Medium.ttc', family: 'STHeitiSC-Medium' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', family: 'NotoSansCJKsc-Bold' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', family: 'NotoSansCJKsc-Bold' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', family: 'NotoSerifCJKsc-Bold' },
  { path: '/usr/share/fonts/noto-cjk/NotoSerifCJK-Bold.ttc', family: 'NotoSerifCJKsc-Bold' },
];

export const FONT_MISSING_MESSAGE =
  '找不到可用于 PDF 的中文字体：Windows 需有仿宋或宋体（C:\\Windows\\Fonts\\simfang.ttf、simsun.ttc），' +
  'macOS 需有宋体（Songti.ttc），Linux 请安装 fonts-noto-cjk；也可用环境变量 SITEBOOK_PDF_FONT 指定字体文件。' +
  ' / No Chinese font for PDF: Windows needs FangSong or SimSun, macOS Songti, Linux the fonts-noto-cjk' +
  ' package; or set SITEBOOK_PDF_FONT to a font file.';

/** The faces that exist here, in order of preference (the caller tries them until one loads). */
export function fontCandidates(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): { body: FontFace[]; heading: FontFace[] } {
  const override = env['SITEBOOK_PDF_FONT'];
  const forced: FontFace[] = override
    ? [{ path: override, ...(env['SITEBOOK_PDF_FONT_FAMILY'] ? { family: env['SITEBOOK_PDF_FONT_FAMILY'] } : {}) }]
    : [];
  const present = (list: FontFace[]): FontFace[] => list.filter((f) => exists(f.path));
  const body = present([...forced, ...BODY]);
  if (body.length === 0) throw new AppError('internal', FONT_MISSING_MESSAGE);
  return { body, heading: override ? present(forced) : present(HEADING) };
}
