/**
 * Word pools for the demo: people, units, generated project names, problem wording.
 * Wording follows the source documents (问题清单, 会办, 容缺受理 …) so screens and exports read true.
 */
import type { ProblemCategory } from '../../shared/domain/problem';
import type { WorksKind } from './projects';

// prettier-ignore
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向', '汤'];
// prettier-ignore
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '志强', '海燕', '晓东', '春雷', '宏伟', '立新', '雪梅', '国庆', '文博', '思远', '德胜', '玉兰', '振宇', '晓光', '红梅', '永刚', '丹', '鹏', '浩然', '子涵', '佳琪', '铁军', '向东', '丽华', '长江', '冬梅', '宇航'];

export const CITY_UNITS = [
  '市发改委',
  '市自然资源和规划局',
  '市生态环境局',
  '市住建局',
  '市营商环境局',
  '市工信局',
  '市财政局',
  '市交通运输局',
  '市水务局',
  '市城管局',
  '市统计局',
  '市投资服务局',
  '市商务局',
  '市林草局',
  '市消防救援支队',
  '市人防办',
  '国网哈尔滨供电公司',
  '哈尔滨中庆燃气有限责任公司',
  '哈尔滨供排水集团',
  '哈尔滨热电有限责任公司',
  '市自然资源和规划局阿城分局',
] as const;

export const PROVINCE_UNITS = [
  '省发改委',
  '省自然资源厅',
  '省生态环境厅',
  '省住建厅',
  '省营商环境建设监督局',
  '省工信厅',
  '省财政厅',
  '国网黑龙江省电力有限公司',
] as const;

/** Lead units by category (牵头单位): the first is the usual one. */
export const LEAD_UNITS: Record<ProblemCategory, readonly string[]> = {
  land: ['市自然资源和规划局', '市自然资源和规划局阿城分局', '市林草局'],
  approval: ['市营商环境局', '市住建局', '市生态环境局', '市发改委', '市消防救援支队'],
  funding: ['市财政局', '市发改委', '市投资服务局'],
  utilities: ['国网哈尔滨供电公司', '哈尔滨中庆燃气有限责任公司', '哈尔滨供排水集团', '哈尔滨热电有限责任公司'],
  infrastructure: ['市住建局', '市交通运输局', '市水务局', '市城管局'],
  expropriation: ['市住建局', '市自然资源和规划局'],
  policy: ['市发改委', '市工信局', '市商务局', '市投资服务局'],
  other: ['市投资服务局', '市营商环境局'],
};

// Placeholders: {n} a count, {m} an amount in 万元, {u} the lead unit.
export const PROBLEM_TEXTS: Record<ProblemCategory, readonly string[]> = {
  land: [
    '用地指标未落实,约{n}亩建设用地尚未完成农用地转用审批',
    '二期用地尚未完成土地挂牌出让,影响按期开工',
    '项目用地涉及永久基本农田,需调整国土空间规划',
    '不动产权证办理滞后,影响后续规划许可办理',
    '项目用地批而未供,土地净地交付时间不确定',
  ],
  approval: [
    '施工许可证办理滞后,项目已具备开工条件但无法合法开工',
    '环评批复尚未取得,需补充大气环境专项评价',
    '建设工程规划许可证未核发,设计方案需调整容积率',
    '节能审查(能评)手续未办结',
    '消防设计审查意见未出具,影响施工图审查',
    '使用林地审批尚未获批,影响场地施工',
    '项目备案信息变更手续未办理',
  ],
  funding: [
    '专项债券资金{m}万元尚未拨付到位',
    '企业融资困难,银行授信{m}万元未落地',
    '中央预算内资金拨付进度慢,已滞留账面',
    '征拆资金不到位,影响净地交付',
    '工程款拖欠,施工单位资金周转困难',
  ],
  utilities: [
    '10千伏电源接入工程未完成,临时用电容量不足',
    '66千伏变电站配套建设滞后,影响设备调试',
    '天然气管线接入未落实,影响投产',
    '供热管网接入方案未确定,冬季无法保障供热',
    '给水管线未接通,施工用水依靠水车拉运',
  ],
  infrastructure: [
    '园区道路未建成,施工车辆进出困难',
    '市政排水管网未接入,雨污水无法排放',
    '厂区外约{n}米道路及雨污水管网配套滞后',
    '周边通信光缆未铺设,数据中心专线无法接入',
  ],
  expropriation: [
    '项目红线内{n}户居民征收补偿协议未签订',
    '地上附着物(坟地、鱼塘)迁移补偿未完成',
    '高压线迁改涉及多方协调,进度缓慢',
    '项目范围内{n}处企业厂房征收评估未完成',
  ],
  policy: [
    '招商引资协议约定的扶持政策未兑现',
    '战略性新兴产业投资基金引导资金申请尚未批复',
    '企业申请的技术改造补助资金未兑现',
    '“承诺即开工”政策在区县落实不到位',
  ],
  other: [
    '建设单位与施工单位合同纠纷,影响施工进度',
    '施工人员返岗不足,劳务输入困难',
    '砂石等建材价格上涨,供应紧张',
    '周边居民反映夜间施工扰民,投诉较多',
  ],
};

export const RESOLUTIONS: Record<ProblemCategory, readonly string[]> = {
  land: ['{u}已完成用地报批,土地已挂牌出让并签订出让合同', '已调整用地规划,净地已交付项目单位'],
  approval: ['通过容缺受理、并联审批,{u}已核发相关许可', '{u}开通绿色通道,手续已办结'],
  funding: ['{u}已拨付资金{m}万元', '经银企对接会协调,银行授信已落地'],
  utilities: ['{u}已完成接入工程,具备使用条件', '临时方案已实施,正式接入纳入年度计划'],
  infrastructure: ['配套道路及管网已完工,满足项目需要', '{u}已将配套工程纳入年度建设计划并开工'],
  expropriation: ['征收补偿协议已全部签订,地上物已清除', '经区县协调,迁改工作已完成'],
  policy: ['扶持资金已兑现到位', '{u}已出具政策落实意见,企业已享受相关政策'],
  other: ['经现场协调,双方已达成一致,施工恢复正常', '项目单位已调整施工组织,问题已解决'],
};

export const NOTE_TEXTS = [
  '已召开专题协调会,明确由{u}牵头办理',
  '{u}已受理,正在办理相关手续',
  '首席服务员电话跟进,{u}表示将加快办理',
  '项目单位已补齐申报材料',
  '已列入月调度会会办议题',
  '已提请市级联审会办会研究',
  '{u}已赴现场踏勘,形成初步解决方案',
  '已报请省级部门协调',
] as const;

const PROGRESS_STEPS: Record<WorksKind, readonly string[]> = {
  plant: [
    '场地平整及桩基施工',
    '厂房基础施工',
    '主厂房钢结构吊装',
    '厂房封闭,设备进场安装',
    '设备安装调试',
    '生产线试运行',
  ],
  building: [
    '基坑开挖及支护',
    '地下室结构施工',
    '主体结构施工',
    '主体封顶,二次结构及外墙施工',
    '室内装修及机电安装',
    '竣工验收准备',
  ],
  linear: ['管线迁改及交通导改', '桩基施工', '墩柱施工', '梁板架设', '桥面铺装及附属工程', '通车前收尾'],
  energy: ['风机及箱变基础浇筑', '升压站土建施工', '设备吊装', '集电线路架设', '并网调试', '全容量并网'],
  water: ['导流及围堰工程', '坝体填筑', '输水管线铺设', '闸门及机电设备安装', '附属工程施工', '蓄水验收准备'],
};

/** 形象进度 for a share of the total works done (0..1). */
export function visibleProgressText(works: WorksKind, share: number, winter: boolean, started: boolean): string {
  if (!started) return '前期手续办理中,现场尚未动工';
  const steps = PROGRESS_STEPS[works];
  const i = Math.min(steps.length - 1, Math.floor(share * steps.length));
  const pct = Math.min(100, Math.round(share * 100));
  const base = `${steps[i]},累计完成总工程量约${pct}%`;
  return winter ? `冬季停工,现场封闭看护;${base}` : base;
}

/** Generated (non-named) projects: name patterns per industry. */
export interface IndustryPattern {
  industry: string;
  works: WorksKind;
  names: readonly string[];
  /** Typical total investment range, 亿元. */
  sizeYi: [number, number];
  government: boolean;
}

// prettier-ignore
export const INDUSTRY_PATTERNS: readonly IndustryPattern[] = [
  { industry: '绿色农产品深加工', works: 'plant', sizeYi: [1, 15], government: false, names: ['年产{n}万吨玉米深加工项目', '大米精深加工项目', '大豆蛋白生产线项目', '鲜食玉米加工项目', '肉牛屠宰及精深加工项目', '食用菌产业园项目', '杂粮杂豆加工项目'] },
  { industry: '先进装备制造', works: 'plant', sizeYi: [1, 20], government: false, names: ['智能装备生产基地项目', '燃气轮机配套部件项目', '农机装备制造项目', '轨道交通装备项目', '航空零部件生产项目'] },
  { industry: '新材料', works: 'plant', sizeYi: [1, 25], government: false, names: ['年产{n}万吨石墨深加工项目', '碳纤维复合材料项目', '高性能铝型材项目', '特种钢材项目', '生物基材料项目'] },
  { industry: '生物医药', works: 'plant', sizeYi: [1, 12], government: false, names: ['中药饮片生产项目', '生物疫苗产业化项目', '医疗器械生产基地项目', '原料药产业化项目'] },
  { industry: '新能源', works: 'energy', sizeYi: [2, 30], government: false, names: ['{n}兆瓦风电项目', '{n}兆瓦光伏发电项目', '生物质热电联产项目', '秸秆生物天然气项目'] },
  { industry: '现代物流', works: 'building', sizeYi: [1, 15], government: false, names: ['冷链物流园项目', '电商物流中心项目', '智慧物流园项目', '粮食仓储物流项目'] },
  { industry: '数字经济', works: 'building', sizeYi: [2, 30], government: false, names: ['大数据中心项目', '云计算中心项目', '工业互联网平台项目', '软件产业园项目'] },
  { industry: '文化旅游', works: 'building', sizeYi: [2, 40], government: false, names: ['冰雪旅游度假区项目', '文旅综合体项目', '民俗文化小镇项目'] },
  { industry: '城市基础设施', works: 'linear', sizeYi: [0.5, 20], government: true, names: ['老旧小区改造工程', '供热管网改造工程', '污水处理厂提标改造工程', '城区道路改造工程'] },
  { industry: '卫生健康', works: 'building', sizeYi: [0.5, 8], government: true, names: ['人民医院门诊综合楼项目', '中医医院迁建项目', '疾控中心能力提升项目'] },
  { industry: '水利', works: 'water', sizeYi: [0.5, 10], government: true, names: ['灌区续建配套与节水改造项目', '防洪堤加固工程', '城乡供水一体化工程'] },
];

// prettier-ignore
export const BRANDS = ['鑫达', '恒信', '华宇', '龙腾', '北方', '金谷', '天成', '瑞丰', '宏达', '盛源', '东极', '冰城', '松江', '远航', '中科', '汇通', '兴隆', '福源', '嘉和', '正大', '博远', '润禾'];

export function fill(template: string, vars: { n?: number; m?: number; u?: string }): string {
  return template
    .replace('{n}', String(vars.n ?? 0))
    .replace('{m}', String(vars.m ?? 0))
    .replace(/\{u\}/g, vars.u ?? '相关部门');
}
