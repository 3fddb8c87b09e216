/**
 * The import wizard's words, in their own i18next namespace `import` (added here when the page
 * loads, like the `plan` namespace of usePlanT: another subtree in the main typed resources makes
 * tsc's key check too deep). Field and refusal texts live here too; the backend's row messages
 * come in both languages already.
 */
import { useNamespaceT, type MessageKey, type NamespaceT } from '../../i18n/namespaceT';
import i18n from '../../i18n';

export const importZh = {
  open: '导入 Excel',
  title: '导入项目台账',
  subtitle: '从各单位报来的 Excel 台账（.xlsx）批量新增或更新项目',
  back: '返回台账',
  forbidden: '只有调度中心和管理员可以导入项目台账。',
  steps: { file: '选择文件', mapping: '核对列', preview: '预览与确认', done: '完成' },
  file: {
    drop: '点击选择或把 Excel 文件拖到这里',
    hint: '支持 .xlsx；表头可在标题行之下、可跨两行合并；会自动跳过序号列、合计行和填报人等行。',
    reading: '正在读取 {{name}} …',
    refused: '无法导入“{{name}}”',
    tooLarge: '文件超过 20 MB，请拆分后再导入。',
  },
  mapping: {
    intro: '已按表头自动对应各列，请核对；改动后预览会按新的对应重新解析。',
    sheet: '工作表“{{name}}”',
    headerRows: '表头：第 {{rows}} 行',
    noHeader: '未找到表头',
    include: '导入此表',
    hidden: '隐藏的工作表',
    sheetUnit: '表内注明单位：{{unit}}',
    col: { column: '列', header: '表头', field: '对应字段', unit: '单位', confidence: '匹配' },
    ignore: '（不导入）',
    confidence: { high: '确定', medium: '较可能', low: '请核对', user: '手动', none: '—' },
    unitSource: { header: '表头注明', sheet: '标题注明', assumed: '未注明，按万元', user: '手动' },
    defaults: '新项目的默认值（表中没有该列或单元格为空时使用）',
    level: '项目级别',
    stage: '项目阶段',
    industry: '所属行业',
    next: '下一步：预览',
    reparsing: '正在重新解析…',
  },
  preview: {
    summary:
      '共 {{rows}} 行项目：新增 {{create}}，更新 {{update}}，无变化 {{unchanged}}，有错误 {{invalid}}；跳过 {{skipped}} 行非项目内容。',
    filter: { all: '全部', invalid: '有错误', create: '新增', update: '更新', unchanged: '无变化' },
    col: {
      row: '行号',
      action: '处理',
      name: '项目名称',
      district: '区县',
      total: '总投资（万元）',
      detail: '变化 / 问题',
    },
    action: { create: '新增', update: '更新', unchanged: '无变化', invalid: '有错误' },
    matched: { code: '按项目编号匹配', name_district: '按名称和区县匹配' },
    changes: '将更新：{{fields}}',
    autoCode: '（自动编号）',
    skippedTitle: '已跳过的行（{{count}}）',
    skipped: { empty: '空行', total: '合计行', footer: '填报信息', section: '分类标题', header_repeat: '重复表头' },
    emptyWhenBlank: '空白单元格不会清除项目已有的内容。',
    commit: '导入选中的 {{count}} 行',
    committing: '正在导入…',
    nothing: '没有选中任何需要写入的行。',
    allOrNothing: '所选各行在一个事务中写入：任何一行失败，全部不写入。',
  },
  done: {
    title: '导入完成',
    summary: '新增 {{created}} 个项目，更新 {{updated}} 个，无变化 {{unchanged}} 个，跳过 {{skipped}} 行。',
    again: '再导入一个文件',
    toLedger: '查看项目台账',
  },
  field: {
    code: '项目编号',
    name: '项目名称',
    level: '项目级别',
    district: '所属区县',
    industry: '所属行业',
    ownerCompany: '建设单位',
    responsibleUnit: '责任单位',
    leaderInCharge: '包保领导',
    chiefOfficer: '首席服务员',
    chiefOfficerPhone: '联系电话',
    totalInvestment: '总投资',
    annualPlannedInvestment: '年度计划投资',
    stage: '项目阶段',
    isNew: '建设性质',
    plannedStart: '计划开工时间',
    actualStart: '实际开工时间',
    plannedCompletion: '计划竣工时间',
    actualCompletion: '实际竣工时间',
    plannedProduction: '计划投产时间',
    actualProduction: '实际投产时间',
    location: '建设地点',
  },
  unit: { yuan: '元', wan: '万元', yi: '亿元' },
  nature: { new: '新开工', continuing: '续建' },
};

type Stringify<T> = { [K in keyof T]: T[K] extends string ? string : Stringify<T[K]> };
export type ImportMessages = Stringify<typeof importZh>;

export const importEn: ImportMessages = {
  open: 'Import Excel',
  title: 'Import a project ledger',
  subtitle: 'Add or update projects in bulk from the Excel ledgers (.xlsx) offices send',
  back: 'Back to the ledger',
  forbidden: 'Only coordinators and administrators import project ledgers.',
  steps: { file: 'Choose file', mapping: 'Check columns', preview: 'Preview and confirm', done: 'Done' },
  file: {
    drop: 'Click to choose, or drop an Excel file here',
    hint: '.xlsx files; the header may sit below title lines and span two merged rows; 序号 columns, 合计 rows and 填报人 lines are skipped.',
    reading: 'Reading {{name}} …',
    refused: '“{{name}}” cannot be imported',
    tooLarge: 'The file is larger than 20 MB; split it and import the parts.',
  },
  mapping: {
    intro:
      'Columns were matched to fields by their headers. Check them; the preview is parsed again with your changes.',
    sheet: 'Sheet “{{name}}”',
    headerRows: 'Header: row {{rows}}',
    noHeader: 'No header found',
    include: 'Import this sheet',
    hidden: 'Hidden sheet',
    sheetUnit: 'Unit stated in the sheet: {{unit}}',
    col: { column: 'Column', header: 'Header', field: 'Field', unit: 'Unit', confidence: 'Match' },
    ignore: '(not imported)',
    confidence: { high: 'Certain', medium: 'Likely', low: 'Please check', user: 'Manual', none: '—' },
    unitSource: { header: 'in the header', sheet: 'in the title', assumed: 'not stated: 万元 assumed', user: 'manual' },
    defaults: 'Defaults for new projects (used when the sheet has no such column or the cell is empty)',
    level: 'Level',
    stage: 'Stage',
    industry: 'Industry',
    next: 'Next: preview',
    reparsing: 'Parsing again…',
  },
  preview: {
    summary:
      '{{rows}} project rows: {{create}} new, {{update}} to update, {{unchanged}} unchanged, {{invalid}} with errors; {{skipped}} lines that are not projects skipped.',
    filter: { all: 'All', invalid: 'Errors', create: 'New', update: 'Update', unchanged: 'Unchanged' },
    col: {
      row: 'Row',
      action: 'Action',
      name: 'Project',
      district: 'District',
      total: 'Total (10k CNY)',
      detail: 'Changes / problems',
    },
    action: { create: 'New', update: 'Update', unchanged: 'Unchanged', invalid: 'Errors' },
    matched: { code: 'matched by code', name_district: 'matched by name and district' },
    changes: 'Will update: {{fields}}',
    autoCode: '(code assigned)',
    skippedTitle: 'Skipped lines ({{count}})',
    skipped: {
      empty: 'empty',
      total: 'total row',
      footer: 'filled-in-by line',
      section: 'section heading',
      header_repeat: 'repeated header',
    },
    emptyWhenBlank: 'Blank cells never clear what a project already has.',
    commit: 'Import the {{count}} selected rows',
    committing: 'Importing…',
    nothing: 'No row to write is selected.',
    allOrNothing: 'The selected rows are written in one transaction: if any row fails, none is written.',
  },
  done: {
    title: 'Import finished',
    summary: '{{created}} projects created, {{updated}} updated, {{unchanged}} unchanged, {{skipped}} rows skipped.',
    again: 'Import another file',
    toLedger: 'Open the project ledger',
  },
  field: {
    code: 'Code',
    name: 'Project name',
    level: 'Level',
    district: 'District',
    industry: 'Industry',
    ownerCompany: 'Owner company',
    responsibleUnit: 'Responsible unit',
    leaderInCharge: 'Leader in charge',
    chiefOfficer: 'Chief service officer',
    chiefOfficerPhone: 'Phone',
    totalInvestment: 'Total investment',
    annualPlannedInvestment: 'Annual planned investment',
    stage: 'Stage',
    isNew: 'New or continuing',
    plannedStart: 'Planned start',
    actualStart: 'Actual start',
    plannedCompletion: 'Planned completion',
    actualCompletion: 'Actual completion',
    plannedProduction: 'Planned production',
    actualProduction: 'Actual production',
    location: 'Location',
  },
  unit: { yuan: 'CNY', wan: '10k CNY (万元)', yi: '100M CNY (亿元)' },
  nature: { new: 'New (新开工)', continuing: 'Continuing (续建)' },
};

const NS = 'import';
if (!i18n.hasResourceBundle('zh-CN', NS)) {
  i18n.addResourceBundle('zh-CN', NS, importZh);
  i18n.addResourceBundle('en', NS, importEn);
}

export type ImportKey = MessageKey<ImportMessages>;
export type ImportT = NamespaceT<ImportMessages>;

/** `t` for the `import` namespace, keys checked against ImportMessages; follows the language switch. */
export function useImportT(): ImportT {
  return useNamespaceT<ImportMessages>(NS);
}
