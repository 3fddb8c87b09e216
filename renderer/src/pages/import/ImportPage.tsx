import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Result, Space, Steps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type {
  ImportCommitResult,
  ImportDefaults,
  ImportField,
  ImportPreview,
  ImportSettings,
  MoneyUnit,
} from '../../../../shared/channels/import';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Lang } from '../../i18n';
import { useRole } from '../../stores/sync';
import { mayEditProjects } from '../../sync/roles';
import { FileStep, tooLarge, type Refusal } from './FileStep';
import { MappingStep, type MappingHandlers } from './MappingStep';
import { useImportT } from './messages';
import { PreviewStep } from './PreviewStep';
import { defaultAccepted, keepAccepted, settingsOf, withField, withInclude, withUnit } from './wizardLogic';
import './import.css';

type Step = 'file' | 'mapping' | 'preview' | 'done';
const STEPS: readonly Step[] = ['file', 'mapping', 'preview', 'done'];

/** 导入项目台账: choose a file → check the columns → preview and accept rows → result. */
export default function ImportPage() {
  const ti = useImportT();
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const navigate = useNavigate();
  const allowed = mayEditProjects(useRole());
  const [step, setStep] = useState<Step>('file');
  const [reading, setReading] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [settings, setSettings] = useState<ImportSettings | null>(null);
  const [changed, setChanged] = useState<Set<string>>(new Set());
  const [accepted, setAccepted] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  // Only the newest re-parse may land: an older answer arriving late is dropped.
  const request = useRef(0);
  const importId = useRef<string | null>(null);

  // The backend keeps the workbook until the wizard closes.
  useEffect(
    () => () => {
      if (importId.current) void call('import.discard', { importId: importId.current }).catch(() => undefined);
    },
    [],
  );

  const reset = () => {
    if (importId.current) void call('import.discard', { importId: importId.current }).catch(() => undefined);
    importId.current = null;
    setPreview(null);
    setSettings(null);
    setChanged(new Set());
    setResult(null);
    setError(null);
    setStep('file');
  };

  const onFile = async (file: File) => {
    setRefusal(null);
    setError(null);
    if (tooLarge(file)) return setRefusal({ name: file.name, message: null });
    setReading(file.name);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const r = await call('import.preview', { name: file.name, bytes });
      if (r.status === 'refused') return setRefusal({ name: file.name, message: r.message });
      if (importId.current) void call('import.discard', { importId: importId.current }).catch(() => undefined);
      importId.current = r.preview.importId;
      setPreview(r.preview);
      setSettings(settingsOf(r.preview));
      setAccepted(defaultAccepted(r.preview));
      setChanged(new Set());
      setStep('mapping');
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setReading(null);
    }
  };

  const remap = async (next: ImportSettings) => {
    setSettings(next);
    const id = ++request.current;
    setBusy(true);
    try {
      const p = await call('import.remap', next);
      if (id !== request.current) return;
      setPreview(p);
      // Rows that became valid are accepted like at first; rows the user left out stay out.
      const before = preview ? defaultAccepted(preview) : new Set<string>();
      const fresh = [...defaultAccepted(p)].filter((k) => !before.has(k));
      setAccepted((prev) => keepAccepted(new Set([...prev, ...fresh]), p));
      setError(null);
    } catch (e) {
      if (id === request.current) setError(toApiError(e));
    } finally {
      if (id === request.current) setBusy(false);
    }
  };

  const handlers: MappingHandlers = {
    onField: (sheet: number, column: number, field: ImportField | null) => {
      if (!settings) return;
      setChanged((prev) => new Set(prev).add(`${sheet}:${column}`));
      void remap(withField(settings, sheet, column, field));
    },
    onUnit: (sheet: number, column: number, unit: MoneyUnit) => {
      if (!settings) return;
      setChanged((prev) => new Set(prev).add(`${sheet}:${column}`));
      void remap(withUnit(settings, sheet, column, unit));
    },
    onInclude: (sheet: number, include: boolean) => settings && void remap(withInclude(settings, sheet, include)),
    onDefaults: (defaults: ImportDefaults) => settings && void remap({ ...settings, defaults }),
  };

  const commit = async () => {
    if (!settings || !preview) return;
    setBusy(true);
    setError(null);
    try {
      const accept = [...accepted].map((k) => {
        const [sheet, row] = k.split(':').map(Number) as [number, number];
        return { sheet, row };
      });
      setResult(await call('import.commit', { ...settings, accept }));
      setStep('done');
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  if (!allowed) return <Result status="403" title={ti('title')} subTitle={ti('forbidden')} />;

  return (
    <div className="import-page" data-testid="import-page">
      <div className="page-head">
        <h1>{ti('title')}</h1>
        <span className="page-sub">{ti('subtitle')}</span>
        <Button
          style={{ marginLeft: 'auto', alignSelf: 'center' }}
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate('/projects')}
        >
          {ti('back')}
        </Button>
      </div>
      <div className="panel import-panel">
        <Steps
          size="small"
          current={STEPS.indexOf(step)}
          status={step === 'done' ? 'finish' : 'process'}
          items={STEPS.map((s) => ({ title: ti(`steps.${s}`) }))}
        />
        {error && <ErrorAlert error={error} />}
        {step === 'file' && <FileStep lang={lang} reading={reading} refusal={refusal} onFile={(f) => void onFile(f)} />}
        {step === 'mapping' && preview && (
          <>
            <MappingStep preview={preview} changed={changed} handlers={handlers} />
            <Space>
              <Button onClick={reset}>{ti('steps.file')}</Button>
              <Button type="primary" loading={busy} onClick={() => setStep('preview')} data-testid="import-to-preview">
                {ti('mapping.next')}
              </Button>
            </Space>
          </>
        )}
        {step === 'preview' && preview && (
          <>
            <PreviewStep preview={preview} lang={lang} accepted={accepted} onAccepted={setAccepted} />
            <Space>
              <Button onClick={() => setStep('mapping')}>{ti('steps.mapping')}</Button>
              <Button
                type="primary"
                loading={busy}
                disabled={accepted.size === 0}
                onClick={() => void commit()}
                data-testid="import-commit"
              >
                {busy ? ti('preview.committing') : ti('preview.commit', { count: accepted.size })}
              </Button>
              {accepted.size === 0 && <span className="muted">{ti('preview.nothing')}</span>}
            </Space>
          </>
        )}
        {step === 'done' && result && (
          <Result
            status="success"
            title={ti('done.title')}
            subTitle={
              <span data-testid="import-result">
                {ti('done.summary', {
                  created: result.created,
                  updated: result.updated,
                  unchanged: result.unchanged,
                  skipped: result.skipped,
                })}
              </span>
            }
            extra={[
              <Button key="ledger" type="primary" onClick={() => void navigate('/projects')}>
                {ti('done.toLedger')}
              </Button>,
              <Button key="again" onClick={reset}>
                {ti('done.again')}
              </Button>,
            ]}
          />
        )}
      </div>
    </div>
  );
}
