import { Alert, Collapse, Segmented, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { ImportAction, ImportPreview, ImportRow } from '../../../../shared/channels/import';
import { wan } from '../../format';
import type { Lang } from '../../i18n';
import { useImportT } from './messages';
import { ACTION_COLOR, rowKey } from './wizardLogic';

type Filter = 'all' | ImportAction;
const FILTERS: readonly Filter[] = ['all', 'invalid', 'create', 'update', 'unchanged'];

/** Step 3: every project row with what will happen to it and what is wrong; the user picks the rows. */
export function PreviewStep({
  preview,
  lang,
  accepted,
  onAccepted,
}: {
  preview: ImportPreview;
  lang: Lang;
  accepted: Set<string>;
  onAccepted: (keys: Set<string>) => void;
}) {
  const ti = useImportT();
  const [filter, setFilter] = useState<Filter>(preview.totals.invalid > 0 ? 'invalid' : 'all');
  const sheetNames = useMemo(() => new Map(preview.sheets.map((s) => [s.sheet, s.name])), [preview]);
  const rows = useMemo(
    () => preview.sheets.flatMap((s) => s.rows).filter((r) => filter === 'all' || r.action === filter),
    [preview, filter],
  );
  const skipped = preview.sheets.flatMap((s) => s.skipped.map((k) => ({ ...k, sheet: s.name })));
  const multiSheet = preview.sheets.filter((s) => s.include).length > 1;
  const tot = preview.totals;

  const detail = (r: ImportRow) => {
    if (r.issues.length > 0) {
      return (
        <ul className="import-issues" data-testid="import-issues">
          {r.issues.map((i, n) => (
            <li key={n}>{lang === 'zh-CN' ? i.message.zh : i.message.en}</li>
          ))}
        </ul>
      );
    }
    if (r.action === 'update') {
      return ti('preview.changes', {
        fields: r.changes.map((f) => ti(`field.${f}`)).join(lang === 'zh-CN' ? '、' : ', '),
      });
    }
    if (r.action === 'create' && r.values.code === undefined)
      return <span className="muted">{ti('preview.autoCode')}</span>;
    return null;
  };

  return (
    <div className="import-preview">
      <Alert
        type={tot.invalid > 0 ? 'warning' : 'info'}
        showIcon
        data-testid="import-summary"
        title={ti('preview.summary', { ...tot })}
        description={`${ti('preview.emptyWhenBlank')} ${ti('preview.allOrNothing')}`}
      />
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        data-testid="import-filter"
        options={FILTERS.map((f) => ({
          value: f,
          label: `${ti(`preview.filter.${f}`)} ${f === 'all' ? tot.rows : tot[f]}`,
        }))}
      />
      <Table<ImportRow>
        size="small"
        rowKey={rowKey}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        rowSelection={{
          selectedRowKeys: [...accepted],
          getCheckboxProps: (r) => ({ disabled: r.action === 'invalid' || r.action === 'unchanged' }),
          onChange: (keys) => {
            // Keys of rows outside the current filter stay as they were.
            const shown = new Set(rows.map(rowKey));
            const next = new Set([...accepted].filter((k) => !shown.has(k)));
            for (const k of keys) next.add(String(k));
            onAccepted(next);
          },
        }}
        onRow={(r) => ({ 'data-testid': `import-row-${r.action}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: ti('preview.col.row'),
            key: 'row',
            width: multiSheet ? 150 : 70,
            render: (_: unknown, r) => (
              <span className="num">{multiSheet ? `${sheetNames.get(r.sheet) ?? ''} · ${r.row}` : r.row}</span>
            ),
          },
          {
            title: ti('preview.col.action'),
            key: 'action',
            width: 110,
            render: (_: unknown, r) => (
              <span title={r.matchedBy ? ti(`preview.matched.${r.matchedBy}`) : undefined}>
                <Tag color={ACTION_COLOR[r.action]}>{ti(`preview.action.${r.action}`)}</Tag>
              </span>
            ),
          },
          { title: ti('preview.col.name'), key: 'name', render: (_: unknown, r) => String(r.values.name ?? '') },
          {
            title: ti('preview.col.district'),
            key: 'district',
            width: 90,
            render: (_: unknown, r) => String(r.values.district ?? ''),
          },
          {
            title: ti('preview.col.total'),
            key: 'total',
            width: 130,
            align: 'right',
            render: (_: unknown, r) =>
              typeof r.values.totalInvestment === 'number' ? (
                <span className="num">{wan(r.values.totalInvestment, lang)}</span>
              ) : (
                ''
              ),
          },
          { title: ti('preview.col.detail'), key: 'detail', render: (_: unknown, r) => detail(r) },
        ]}
      />
      {skipped.length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: 'skipped',
              label: ti('preview.skippedTitle', { count: skipped.length }),
              children: (
                <ul className="import-skipped" data-testid="import-skipped">
                  {skipped.map((k) => (
                    <li key={`${k.sheet}:${k.row}`}>
                      {multiSheet ? `${k.sheet} · ` : ''}
                      {k.row}：{ti(`preview.skipped.${k.reason}`)} <span className="muted">{k.text}</span>
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
