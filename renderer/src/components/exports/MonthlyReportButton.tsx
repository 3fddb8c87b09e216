import { FileTextOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type CSSProperties } from 'react';
import { shanghaiMonth } from '../../../../shared/calendar';
import type { ReportScope } from '../../../../shared/channels/exports';
import { call } from '../../api/client';
import { useAsync } from '../../hooks/useAsync';
import { useNow } from '../../hooks/useNow';
import { useExportsT } from './messages';
import { useExport } from './useExport';

type ScopeKind = ReportScope['kind'];

/** 月度调度报告: scope (all / a group / a district), month and format, then the export with its progress. */
export function MonthlyReportButton(props: { month?: string; style?: CSSProperties }) {
  const te = useExportsT();
  const runner = useExport();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<ScopeKind>('all');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [district, setDistrict] = useState<string | null>(null);
  const now = useNow(60_000);
  const [month, setMonth] = useState<Dayjs>(() => dayjs(`${props.month ?? shanghaiMonth(Date.now())}-01`));
  const [format, setFormat] = useState<'docx' | 'pdf'>('docx');
  const facets = useAsync('export-facets', () => call('projects.facets', {}), ['projects', 'service_groups']);

  const scope: ReportScope | null =
    kind === 'all'
      ? { kind: 'all' }
      : kind === 'group'
        ? groupId
          ? { kind: 'group', groupId }
          : null
        : district
          ? { kind: 'district', district }
          : null;

  const start = (): void => {
    if (!scope) return;
    setOpen(false);
    void runner.run({ kind: 'monthlyReport', scope, month: month.format('YYYY-MM'), format });
  };

  return (
    <>
      <Button
        icon={<FileTextOutlined />}
        loading={runner.busy}
        style={props.style}
        onClick={() => {
          // The page's month (the plan page's) when there is one, each time the dialog opens.
          if (props.month) setMonth(dayjs(`${props.month}-01`));
          setOpen(true);
        }}
        data-testid="monthly-report-open"
      >
        {te('button.monthly')}
      </Button>
      <Modal
        open={open}
        title={te('monthly.title')}
        okText={te('monthly.ok')}
        cancelText={te('monthly.cancel')}
        okButtonProps={{ disabled: !scope, 'data-testid': 'monthly-report-ok' }}
        onOk={start}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={te('monthly.scope')}>
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as ScopeKind)}
              data-testid="monthly-scope"
            >
              <Radio value="all">{te('monthly.scopeAll')}</Radio>
              <Radio value="group">{te('monthly.scopeGroup')}</Radio>
              <Radio value="district">{te('monthly.scopeDistrict')}</Radio>
            </Radio.Group>
          </Form.Item>
          {kind === 'group' && (
            <Form.Item label={te('monthly.scopeGroup')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={te('monthly.pickGroup')}
                value={groupId ?? undefined}
                onChange={(v: string) => setGroupId(v)}
                options={(facets.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))}
                data-testid="monthly-group"
              />
            </Form.Item>
          )}
          {kind === 'district' && (
            <Form.Item label={te('monthly.scopeDistrict')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={te('monthly.pickDistrict')}
                value={district ?? undefined}
                onChange={(v: string) => setDistrict(v)}
                options={(facets.data?.districts ?? []).map((d) => ({ value: d, label: d }))}
                data-testid="monthly-district"
              />
            </Form.Item>
          )}
          <Form.Item label={te('monthly.month')}>
            <DatePicker
              picker="month"
              allowClear={false}
              value={month}
              onChange={(v) => v && setMonth(v)}
              disabledDate={(d) => d.format('YYYY-MM') > shanghaiMonth(now)}
              data-testid="monthly-month"
            />
          </Form.Item>
          <Form.Item label={te('monthly.format')}>
            <Radio.Group
              value={format}
              onChange={(e) => setFormat(e.target.value as 'docx' | 'pdf')}
              data-testid="monthly-format"
            >
              <Radio value="docx">{te('format.docx')}</Radio>
              <Radio value="pdf">{te('format.pdf')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Typography.Text type="secondary">{te('monthly.hint')}</Typography.Text>
        </Form>
      </Modal>
      {runner.modal}
    </>
  );
}
