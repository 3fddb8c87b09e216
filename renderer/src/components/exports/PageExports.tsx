/** The export buttons of each page, where users look for them; each brings its own progress dialog. */
import { Space } from 'antd';
import type { ProjectLedgerFilters, ProblemLedgerFilters } from '../../../../shared/channels/exports';
import type { ProblemSortField } from '../../../../shared/channels/problems';
import { ExportMenu } from './ExportMenu';
import { useExportsT } from './messages';
import { MonthlyReportButton } from './MonthlyReportButton';

/** Ledger page: the project ledger with the current filters and sort, and the monthly report. */
export function LedgerExportButtons({ query, first }: { query: ProjectLedgerFilters; first: boolean }) {
  const te = useExportsT();
  return (
    <Space style={{ marginLeft: first ? 'auto' : 8, alignSelf: 'center' }}>
      <ExportMenu
        label={te('button.ledger')}
        testId="ledger-export"
        choices={[{ format: 'xlsx', request: () => ({ kind: 'projectLedger', filters: query }) }]}
      />
      <MonthlyReportButton />
    </Space>
  );
}

/** Problems page: the problem ledger with the current filters and sort. */
export function ProblemsExportButton(props: {
  query: Omit<ProblemLedgerFilters, 'sort'>;
  sort: { field: ProblemSortField; order: 'asc' | 'desc' };
}) {
  const te = useExportsT();
  return (
    <ExportMenu
      label={te('button.problems')}
      testId="problems-export"
      style={{ marginLeft: 'auto', alignSelf: 'center' }}
      choices={[
        { format: 'xlsx', request: () => ({ kind: 'problemLedger', filters: { ...props.query, sort: props.sort } }) },
      ]}
    />
  );
}

/** Meetings page: the selected meeting's agenda as Word or Excel. */
export function AgendaExportButton({ meetingId }: { meetingId: string | null }) {
  const te = useExportsT();
  return (
    <ExportMenu
      label={te('button.agenda')}
      testId="agenda-export"
      disabled={!meetingId}
      style={{ marginLeft: 'auto', alignSelf: 'center' }}
      choices={(['docx', 'xlsx'] as const).map((format) => ({
        format,
        request: () => ({ kind: 'meetingAgenda', meetingId: meetingId ?? '', format }),
      }))}
    />
  );
}

/** Visit page: the visit summary as Word or PDF. */
export function VisitExportButton({ visitId }: { visitId: string }) {
  const te = useExportsT();
  return (
    <ExportMenu
      label={te('button.visit')}
      testId="visit-export"
      choices={(['docx', 'pdf'] as const).map((format) => ({
        format,
        request: () => ({ kind: 'visitSummary', visitId, format }),
      }))}
    />
  );
}
