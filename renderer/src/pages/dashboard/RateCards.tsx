import { InfoCircleOutlined } from '@ant-design/icons';
import { Progress, Tooltip } from 'antd';
import type { KeyboardEvent } from 'react';
import type { KpiDashboard } from '../../../../shared/channels/kpi';
import { formatDays } from '../../../../shared/kpi/format';
import type { FigureKey, RatioKey } from '../../../../shared/kpi/types';
import { date, yi } from '../../format';
import type { Lang } from '../../i18n';
import { CARD_RATES, isMoney, progressPercent, rateText, targetState } from './dashboardLogic';
import { useDashboardT } from './useDashboardT';

interface Props {
  data: KpiDashboard;
  lang: Lang;
  onOpen: (figure: FigureKey) => void;
}

/** A figure that opens the list of its projects, by mouse or keyboard. */
function clickable(figure: FigureKey, onOpen: (f: FigureKey) => void) {
  return {
    role: 'button',
    tabIndex: 0,
    onClick: () => onOpen(figure),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onOpen(figure);
      }
    },
  };
}

function RateCard({ rate, data, lang, onOpen }: Props & { rate: RatioKey }) {
  const td = useDashboardT();
  const r = data.figures[rate];
  const target = data.applied[rate];
  const ts = targetState(r.value, target);
  const parts = isMoney(rate)
    ? td('parts.money', { num: yi(r.numerator, lang), den: yi(r.denominator, lang) })
    : rate === 'coverage'
      ? td('parts.visits', { num: r.numerator, den: r.denominator })
      : td('parts.projects', { num: r.numerator, den: r.denominator });
  return (
    <div
      className={`panel kpi-card${ts?.met === false ? ' kpi-card-behind' : ''}`}
      data-testid={`rate-card-${rate}`}
      title={td('clickHint')}
      {...clickable(rate, onOpen)}
    >
      <div className="kpi-card-title">
        {td(`rate.${rate}`)}
        <Tooltip title={td(`rateHint.${rate}`)}>
          <InfoCircleOutlined className="kpi-card-info" onClick={(e) => e.stopPropagation()} />
        </Tooltip>
      </div>
      <div className="kpi-card-value num" data-testid={`rate-${rate}`}>
        {rateText(r)}
      </div>
      <div className="kpi-card-parts num muted">{parts}</div>
      <Progress
        percent={progressPercent(r.value, target)}
        showInfo={false}
        size="small"
        status={ts?.met ? 'success' : 'normal'}
      />
      <div className="kpi-card-target" data-testid={`target-${rate}`}>
        {ts ? (
          <>
            <span>{td('target.label', { target: ts.text })}</span>
            {ts.dueOn && <span className="muted"> {td('target.by', { date: date(ts.dueOn, lang) })}</span>}
            {ts.met === true && <span className="kpi-met"> · {td('target.met')}</span>}
            {ts.gap !== null && <span className="kpi-behind"> · {td('target.behind', { gap: ts.gap })}</span>}
          </>
        ) : (
          <span className="muted">{td('target.none')}</span>
        )}
      </div>
    </div>
  );
}

/** The four rates against their targets, then visits and problems of the month. */
export function RateCards(props: Props) {
  const td = useDashboardT();
  const { data, onOpen } = props;
  const f = data.figures;
  return (
    <div className="kpi-cards">
      {CARD_RATES.map((rate) => (
        <RateCard key={rate} rate={rate} {...props} />
      ))}
      <div className="panel kpi-card kpi-card-small" data-testid="visits-card">
        <div className="kpi-card-title">{td('visits.title')}</div>
        <div className="kpi-split">
          <div {...clickable('coverage', onOpen)} className="kpi-split-item" data-testid="visits-done">
            <div className="kpi-split-value num">{f.coverage.numerator}</div>
            <div className="muted">{td('visits.done')}</div>
          </div>
          <div {...clickable('coverage', onOpen)} className="kpi-split-item" data-testid="visits-due">
            <div className="kpi-split-value num">{f.coverage.denominator}</div>
            <div className="muted">{td('visits.due')}</div>
          </div>
        </div>
        <div className="kpi-card-parts muted">
          {td('rate.coverage')} <span className="num">{rateText(f.coverage)}</span>
        </div>
      </div>
      <div className="panel kpi-card kpi-card-small" data-testid="problems-card">
        <div className="kpi-card-title">{td('problems.title')}</div>
        <div className="kpi-split">
          <div
            {...clickable('overdue', onOpen)}
            className="kpi-split-item kpi-split-alert"
            data-testid="problems-overdue"
          >
            <div className="kpi-split-value num">{f.overdue}</div>
            <div className="muted">{td('problems.overdue')}</div>
          </div>
          <div {...clickable('raised', onOpen)} className="kpi-split-item" data-testid="problems-raised">
            <div className="kpi-split-value num">{f.raised}</div>
            <div className="muted">{td('problems.raised')}</div>
          </div>
          <div {...clickable('resolved', onOpen)} className="kpi-split-item" data-testid="problems-resolved">
            <div className="kpi-split-value num">{f.resolved}</div>
            <div className="muted">{td('problems.resolved')}</div>
          </div>
        </div>
        <div className="kpi-card-parts muted" {...clickable('resolveDays', onOpen)} data-testid="problems-days">
          {td('problems.avgDays')}{' '}
          <span className="num">
            {f.resolveDays.value === null
              ? formatDays(null)
              : td('problems.days', { days: formatDays(f.resolveDays.value) })}
          </span>
        </div>
      </div>
    </div>
  );
}
