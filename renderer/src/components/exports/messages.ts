/**
 * The export UI's words, in their own i18next namespace `exports` (added when this module loads,
 * like the `plan` and `import` namespaces: another subtree in the main typed resources makes tsc's
 * key check too deep). Documents themselves are always Chinese; only the UI follows the language.
 */
import { useNamespaceT, type MessageKey, type NamespaceT } from '../../i18n/namespaceT';
import i18n from '../../i18n';

export const exportsZh = {
  button: {
    visit: '导出走访报告',
    ledger: '导出 Excel',
    problems: '导出 Excel',
    agenda: '导出议题清单',
    monthly: '月度调度报告',
  },
  format: { docx: 'Word 文档（.docx）', pdf: 'PDF 文件（.pdf）', xlsx: 'Excel 工作簿（.xlsx）' },
  perPage: '每页照片 {{count}} 张',
  progress: {
    title: '正在导出',
    collect: '正在汇总数据…',
    photos: '正在放入照片（{{done}}/{{total}}）…',
    write: '正在写入文件…',
    done: '已完成',
  },
  done: {
    title: '导出完成',
    file: '{{name}}（{{size}}）',
    saved: '已保存到 {{path}}',
    rows: '共 {{count}} 行',
    photos: '照片 {{count}} 张',
    openFolder: '打开所在文件夹',
    download: '下载',
    downloadAgain: '重新下载',
    close: '关闭',
  },
  failed: '导出失败',
  monthly: {
    title: '导出月度调度报告',
    scope: '范围',
    scopeAll: '全部项目',
    scopeGroup: '服务组',
    scopeDistrict: '区县',
    pickGroup: '选择服务组',
    pickDistrict: '选择区县',
    month: '月份',
    format: '格式',
    ok: '导出',
    cancel: '取消',
    hint: '含四率完成情况、项目进展（每个项目一张现场照片）、问题办理、走访完成情况和每周问题汇总。',
  },
};

export type ExportsMessages = typeof exportsZh;

export const exportsEn: ExportsMessages = {
  button: {
    visit: 'Export visit summary',
    ledger: 'Export to Excel',
    problems: 'Export to Excel',
    agenda: 'Export agenda',
    monthly: 'Monthly report',
  },
  format: { docx: 'Word document (.docx)', pdf: 'PDF (.pdf)', xlsx: 'Excel workbook (.xlsx)' },
  perPage: '{{count}} photos per page',
  progress: {
    title: 'Exporting',
    collect: 'Collecting the data…',
    photos: 'Placing photos ({{done}}/{{total}})…',
    write: 'Writing the file…',
    done: 'Done',
  },
  done: {
    title: 'Export finished',
    file: '{{name}} ({{size}})',
    saved: 'Saved to {{path}}',
    rows: '{{count}} rows',
    photos: '{{count}} photos',
    openFolder: 'Show in folder',
    download: 'Download',
    downloadAgain: 'Download again',
    close: 'Close',
  },
  failed: 'The export failed',
  monthly: {
    title: 'Export the monthly report',
    scope: 'Scope',
    scopeAll: 'All projects',
    scopeGroup: 'Service group',
    scopeDistrict: 'District',
    pickGroup: 'Choose a service group',
    pickDistrict: 'Choose a district',
    month: 'Month',
    format: 'Format',
    ok: 'Export',
    cancel: 'Cancel',
    hint: 'The four rates, each project’s progress with one site photo, problems, visits done against due and the weekly problem summaries. The document itself is in Chinese.',
  },
};

const NS = 'exports';
if (!i18n.hasResourceBundle('zh-CN', NS)) {
  i18n.addResourceBundle('zh-CN', NS, exportsZh);
  i18n.addResourceBundle('en', NS, exportsEn);
}

export type ExportsKey = MessageKey<ExportsMessages>;
export type ExportsT = NamespaceT<ExportsMessages>;

/** `t` for the `exports` namespace, keys checked against ExportsMessages; follows the language switch. */
export function useExportsT(): ExportsT {
  return useNamespaceT<ExportsMessages>(NS);
}
