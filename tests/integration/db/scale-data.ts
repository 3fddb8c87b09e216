import type { SnapshotBatch } from '../../../electron/backend/db/snapshot';
import type { Photo } from '../../../shared/domain/photo';
import type { Problem } from '../../../shared/domain/problem';
import type { Project } from '../../../shared/domain/project';
import type { Visit } from '../../../shared/domain/visit';
import { DISTRICTS } from '../../../shared/domain/project';

const PHRASES = [
  '项目用地指标尚未落实',
  '施工许可办理进度慢',
  '供电线路迁改',
  '配套道路未建成',
  '资金到位不足',
  '征收拆迁遗留问题',
  '环评批复待审',
  '天然气管网接入',
];
const UNITS = ['市自然资源局', '市住建局', '国网哈尔滨供电公司', '市生态环境局', '市发改委'];

/** Province-scale rows (deterministic), shaped like the demo generator's. */
export function provinceBatches(scale = 1): SnapshotBatch[] {
  const nProjects = 3000 * scale;
  const projects: Project[] = [];
  for (let i = 0; i < nProjects; i++) {
    const district = DISTRICTS[i % DISTRICTS.length]!;
    projects.push({
      id: `p${i}`,
      code: `HLJ-2020-${String(i).padStart(5, '0')}`,
      name: `${district}第${i}号重点产业项目`,
      level: 'city_key_industrial',
      district,
      industry: ['装备制造', '绿色食品', '生物医药', '现代服务业'][i % 4]!,
      ownerCompany: `哈尔滨第${i % 500}建设有限公司`,
      responsibleUnit: `${district}发改局`,
      leaderInCharge: '王副区长',
      chiefOfficer: '李四',
      chiefOfficerPhone: '13800000000',
      groupId: null,
      totalInvestment: 1_000_000_000 + i,
      annualPlannedInvestment: 200_000_000,
      stage: 'continuing',
      isNew: i % 3 === 0,
      plannedStart: '2020-04-01',
      actualStart: null,
      plannedCompletion: null,
      actualCompletion: null,
      plannedProduction: null,
      actualProduction: null,
      location: `${district}工业园区`,
      position: { lat: 45.7, lng: 126.6 },
    });
  }
  const visits: Visit[] = [];
  for (let i = 0; i < 40_000 * scale; i++) {
    visits.push({
      id: `v${i}`,
      projectId: `p${i % nProjects}`,
      groupId: null,
      date: `2020-${String((i % 12) + 1).padStart(2, '0')}-15`,
      kind: 'monthly',
      participants: ['张三', '李四'],
      findings: '现场施工正常，工人在岗',
      status: 'submitted',
      isCorrection: false,
      location: null,
      position: null,
      submittedAt: 1_600_000_000_000,
      figures: {
        completedInvestmentThisYear: 1,
        fundsInPlace: 1,
        cumulativeInvestment: 2,
        stage: 'continuing',
        workersOnSite: 50,
        visibleProgress: '主体施工',
      },
    });
  }
  const problems: Problem[] = [];
  for (let i = 0; i < 150_000 * scale; i++) {
    problems.push({
      id: `q${i}`,
      projectId: `p${i % nProjects}`,
      visitId: null,
      category: 'land',
      description: `${PHRASES[i % PHRASES.length]}，需${UNITS[i % UNITS.length]}协调解决（第${i}项）`,
      leadUnit: UNITS[i % UNITS.length]!,
      cooperatingUnits: ['区政府'],
      deadline: '2020-06-30',
      handlingLevel: 'district',
      status: i % 4 === 0 ? 'closed' : 'open',
      raisedOn: '2020-04-02',
      resolvedOn: null,
      closedOn: null,
      closingVisitId: null,
      resolution: null,
    });
  }
  const photos: Photo[] = [];
  for (let i = 0; i < 400_000 * scale; i++) {
    photos.push({
      id: `ph${i}`,
      sha256: i.toString(16).padStart(64, '0'),
      projectId: `p${i % nProjects}`,
      visitId: `v${i % visits.length}`,
      problemId: null,
      kind: 'progress',
      caption: '施工现场',
      takenAt: 1_600_000_000_000 + i,
      takenAtSource: 'exif',
      position: null,
      width: 4000,
      height: 3000,
      mime: 'image/jpeg',
      byteSize: 3_000_000,
      originalName: `IMG_${i}.JPG`,
    });
  }
  return [
    { table: 'projects', records: projects },
    { table: 'visits', records: visits },
    { table: 'problems', records: problems },
    { table: 'photos', records: photos },
  ];
}
