import { CheckCircleFilled, DownloadOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Button, Modal, Progress, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ExportDone, ExportProgress, ExportRequest } from '../../../../shared/channels/exports';
import { call, onEvent, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { useExportsT, type ExportsT } from './messages';

type State =
  | { status: 'idle' }
  | { status: 'running'; progress: ExportProgress | null; sawPhotos: boolean }
  | { status: 'done'; result: ExportDone }
  | { status: 'failed'; error: ApiError };

/** A bar that moves steadily: data 0–5 %, photos 5–70 %, writing the rest (from 5 % when there are no photos). */
export function percentOf(p: ExportProgress | null, sawPhotos: boolean): number {
  if (!p) return 1;
  const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  if (p.phase === 'collect') return 3;
  if (p.phase === 'photos') return Math.round(5 + 65 * frac);
  if (p.phase === 'write') return Math.round((sawPhotos ? 70 : 5) + (sawPhotos ? 29 : 94) * frac);
  return 100;
}

function progressText(te: ExportsT, p: ExportProgress | null): string {
  if (!p || p.phase === 'collect') return te('progress.collect');
  if (p.phase === 'photos') return te('progress.photos', { done: p.done, total: p.total });
  if (p.phase === 'write') return te('progress.write');
  return te('progress.done');
}

function sizeText(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Starts the browser's download of a file the browser shell serves. */
function download(result: ExportDone): void {
  if (!result.downloadUrl) return;
  const a = document.createElement('a');
  a.href = result.downloadUrl;
  a.download = result.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export interface ExportRunner {
  run: (request: ExportRequest) => Promise<void>;
  busy: boolean;
  /** The progress / result dialog; render it once. */
  modal: ReactNode;
}

/**
 * Runs exports with a progress bar. The desktop shell asks where to save before anything is
 * written (the dialog shows only once the first progress event arrives, so it never sits behind
 * the save dialog); the browser shell downloads the file when it is ready.
 */
export function useExport(): ExportRunner {
  const te = useExportsT();
  const [state, setState] = useState<State>({ status: 'idle' });
  const [visible, setVisible] = useState(false);
  const job = useRef<string | null>(null);

  useEffect(
    () =>
      onEvent('exports.progress', (p) => {
        if (p.jobId !== job.current) return;
        setVisible(true);
        setState((s) =>
          s.status === 'running'
            ? { status: 'running', progress: p, sawPhotos: s.sawPhotos || p.phase === 'photos' }
            : s,
        );
      }),
    [],
  );

  const run = useCallback(async (request: ExportRequest) => {
    const jobId = `x-${crypto.randomUUID()}`;
    job.current = jobId;
    setState({ status: 'running', progress: null, sawPhotos: false });
    try {
      const outcome = await call('exports.run', { jobId, request });
      if (job.current !== jobId) return;
      if (outcome.status === 'cancelled') {
        setState({ status: 'idle' });
        setVisible(false);
        return;
      }
      setState({ status: 'done', result: outcome });
      setVisible(true);
      download(outcome);
    } catch (e) {
      if (job.current !== jobId) return;
      setState({ status: 'failed', error: toApiError(e) });
      setVisible(true);
    }
  }, []);

  const close = (): void => {
    setVisible(false);
    if (state.status !== 'running') setState({ status: 'idle' });
  };

  const modal = (
    <Modal
      open={visible && state.status !== 'idle'}
      title={
        state.status === 'done' ? te('done.title') : state.status === 'failed' ? te('failed') : te('progress.title')
      }
      onCancel={close}
      maskClosable={state.status !== 'running'}
      closable={state.status !== 'running'}
      footer={
        state.status === 'running' ? null : (
          <Button onClick={close} data-testid="export-close">
            {te('done.close')}
          </Button>
        )
      }
      destroyOnHidden
    >
      {state.status === 'running' && (
        <div data-testid="export-progress">
          <Progress percent={percentOf(state.progress, state.sawPhotos)} status="active" />
          <Typography.Text type="secondary">{progressText(te, state.progress)}</Typography.Text>
        </div>
      )}
      {state.status === 'failed' && <ErrorAlert error={state.error} />}
      {state.status === 'done' && <DoneBody te={te} result={state.result} />}
    </Modal>
  );

  return { run, busy: state.status === 'running', modal };
}

function DoneBody({ te, result }: { te: ExportsT; result: ExportDone }) {
  const counts = [
    result.rows > 0 ? te('done.rows', { count: result.rows }) : null,
    result.photos > 0 ? te('done.photos', { count: result.photos }) : null,
  ].filter(Boolean);
  const showInFolder = window.api.showExportInFolder;
  return (
    <div data-testid="export-done">
      <Space align="start">
        <CheckCircleFilled style={{ color: '#52c41a', fontSize: 22 }} />
        <div>
          <div data-testid="export-file-name">
            {te('done.file', { name: result.fileName, size: sizeText(result.bytes) })}
          </div>
          {counts.length > 0 && <Typography.Text type="secondary">{counts.join('，')}</Typography.Text>}
          {result.savedPath && (
            <div>
              <Typography.Text type="secondary">{te('done.saved', { path: result.savedPath })}</Typography.Text>
            </div>
          )}
        </div>
      </Space>
      <div style={{ marginTop: 16 }}>
        {result.savedPath && showInFolder && (
          <Button
            icon={<FolderOpenOutlined />}
            onClick={() => void showInFolder(result.savedPath!)}
            data-testid="export-open-folder"
          >
            {te('done.openFolder')}
          </Button>
        )}
        {result.downloadUrl && (
          <Button
            icon={<DownloadOutlined />}
            href={result.downloadUrl}
            download={result.fileName}
            data-testid="export-download"
          >
            {te('done.downloadAgain')}
          </Button>
        )}
      </div>
    </div>
  );
}
