import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  DatePicker,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  type ButtonProps,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiDashboard } from '../../../../shared/channels/kpi';
import { ProjectLevel } from '../../../../shared/domain/project';
import { formatTargetBp } from '../../../../shared/kpi/format';
import { TargetRate, type CampaignTarget } from '../../../../shared/kpi/targets';
import { call, toApiError } from '../../api/client';
import { date } from '../../format';
import type { Lang } from '../../i18n';
import { useDashboardT } from './useDashboardT';

interface Draft {
  id?: string;
  campaign: string;
  rate: TargetRate;
  percent: number | null;
  dueOn: string | null;
  levels: ProjectLevel[];
}

const EMPTY: Draft = { campaign: '', rate: 'start', percent: 100, dueOn: null, levels: [] };

/** Campaign targets: everyone sees them; coordinators and admins add, change and delete. */
export function TargetsPanel({ data, lang }: { data: KpiDashboard; lang: Lang }) {
  const td = useDashboardT();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const levelName = (l: ProjectLevel) => t(`labels.level.${l}`);

  const fail = (e: unknown) => {
    const err = toApiError(e);
    void message.error(`${t(`errors.${err.code}`)}: ${err.message}`);
  };
  const save = async () => {
    if (!draft || draft.percent === null) return;
    setBusy(true);
    try {
      await call('kpi.saveTarget', {
        ...(draft.id ? { id: draft.id } : {}),
        campaign: draft.campaign.trim(),
        rate: draft.rate,
        targetBp: Math.round(draft.percent * 100),
        dueOn: draft.dueOn,
        levels: draft.levels,
      });
      void message.success(td('targets.saved'));
      setDraft(null);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const edit = (x: CampaignTarget) =>
    setDraft({
      id: x.id,
      campaign: x.campaign,
      rate: x.rate,
      percent: x.targetBp / 100,
      dueOn: x.dueOn,
      levels: x.levels,
    });

  return (
    <div className="panel kpi-panel" data-testid="kpi-targets">
      <div className="kpi-panel-head">
        <span className="kpi-panel-title">{td('targets.title')}</span>
        {!data.mayManage && <span className="muted kpi-panel-sub">{td('targets.readOnly')}</span>}
        {data.mayManage && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            className="kpi-panel-action"
            onClick={() => setDraft(EMPTY)}
            data-testid="target-add"
          >
            {td('targets.add')}
          </Button>
        )}
      </div>
      <Table<CampaignTarget>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={data.targets}
        locale={{ emptyText: <div className="muted kpi-empty-text">{td('targets.empty')}</div> }}
        onRow={() => ({ 'data-testid': 'target-row' }) as object}
        columns={[
          { title: td('targets.campaign'), dataIndex: 'campaign', render: (v: string) => v || '—' },
          { title: td('targets.rate'), key: 'rate', render: (_: unknown, x) => td(`rate.${x.rate}`) },
          {
            title: td('targets.value'),
            key: 'value',
            align: 'right',
            render: (_: unknown, x) => <span className="num">{formatTargetBp(x.targetBp)}</span>,
          },
          {
            title: td('targets.dueOn'),
            key: 'due',
            render: (_: unknown, x) => (x.dueOn ? date(x.dueOn, lang) : td('targets.wholeYear')),
          },
          {
            title: td('targets.levels'),
            key: 'levels',
            render: (_: unknown, x) =>
              x.levels.length === 0 ? td('targets.allLevels') : x.levels.map((l) => <Tag key={l}>{levelName(l)}</Tag>),
          },
          ...(data.mayManage
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 84,
                  render: (_: unknown, x: CampaignTarget) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        aria-label={td('targets.edit')}
                        onClick={() => edit(x)}
                      />
                      <Popconfirm
                        title={td('targets.removeConfirm')}
                        onConfirm={() => call('kpi.deleteTarget', { id: x.id }).catch(fail)}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={td('targets.remove')}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={draft !== null}
        title={draft?.id ? td('targets.edit') : td('targets.add')}
        onCancel={() => setDraft(null)}
        onOk={() => void save()}
        confirmLoading={busy}
        okButtonProps={{ disabled: draft?.percent === null, 'data-testid': 'target-save' } as ButtonProps}
        destroyOnHidden
      >
        {draft && (
          <div className="kpi-target-form">
            <label>
              <span>{td('targets.campaign')}</span>
              <Input
                value={draft.campaign}
                maxLength={200}
                placeholder={td('targets.campaignPlaceholder')}
                onChange={(e) => setDraft({ ...draft, campaign: e.target.value })}
              />
            </label>
            <label>
              <span>{td('targets.rate')}</span>
              <Select<TargetRate>
                value={draft.rate}
                onChange={(rate) => setDraft({ ...draft, rate })}
                options={TargetRate.options.map((r) => ({ value: r, label: td(`rate.${r}`) }))}
              />
            </label>
            <label>
              <span>{td('targets.value')}</span>
              <InputNumber<number>
                min={0}
                max={200}
                step={5}
                precision={1}
                value={draft.percent}
                onChange={(percent) => setDraft({ ...draft, percent })}
                data-testid="target-percent"
              />
            </label>
            <label>
              <span>{td('targets.dueOn')}</span>
              <DatePicker
                value={draft.dueOn ? dayjs(draft.dueOn) : null}
                placeholder={td('targets.dueOnHint')}
                onChange={(d) => setDraft({ ...draft, dueOn: d ? d.format('YYYY-MM-DD') : null })}
              />
            </label>
            <label>
              <span>{td('targets.levels')}</span>
              <Select<ProjectLevel[]>
                mode="multiple"
                allowClear
                value={draft.levels}
                placeholder={td('targets.allLevels')}
                onChange={(levels) => setDraft({ ...draft, levels })}
                options={ProjectLevel.options.map((l) => ({ value: l, label: levelName(l) }))}
              />
            </label>
          </div>
        )}
      </Modal>
    </div>
  );
}
