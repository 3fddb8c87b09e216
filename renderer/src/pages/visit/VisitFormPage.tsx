import { Card, Empty, Skeleton } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { initFromPrefill, initFromView, type EditorInit } from './visitForm';
import { VisitEditor } from './VisitEditor';
import './visit.css';

interface Loaded {
  /** Identifies one editor session: a new key remounts the form with fresh values. */
  key: string;
  init?: EditorInit;
  error?: ApiError;
}

/**
 * `#/projects/:projectId/visits/new` and `#/visits/:id`. When the first autosave of a new visit
 * creates its draft, the URL becomes `#/visits/:id` but the editor keeps running: the form is
 * never reloaded under the user's fingers.
 */
export function VisitFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { projectId, id } = useParams();
  // Started from this month's plan: the last figures come filled in, to be updated.
  const fromPlan = useSearchParams()[0].get('from') === 'plan';
  const target = id ? `visit:${id}` : `new:${projectId ?? ''}`;
  const created = useRef<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded>({ key: '' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (id && id === created.current) return undefined;
    let alive = true;
    const load = id
      ? call('visits.get', { id }).then(initFromView)
      : call('visits.prefill', { projectId: projectId ?? '' }).then((pre) => initFromPrefill(pre, { fromPlan }));
    load.then(
      (init) => alive && setLoaded({ key: `${target}#${reloads}`, init }),
      (e: unknown) => alive && setLoaded({ key: `${target}#${reloads}`, error: toApiError(e) }),
    );
    return () => {
      alive = false;
    };
  }, [id, projectId, target, reloads, fromPlan]);

  const onCreated = useCallback(
    (newId: string) => {
      created.current = newId;
      void navigate(`/visits/${encodeURIComponent(newId)}`, { replace: true });
    },
    [navigate],
  );

  // Submitted or reopened: load the stored visit again (read-only, or editable again).
  const onChanged = useCallback(
    (visitId: string) => {
      created.current = null;
      if (visitId === id) setReloads((n) => n + 1);
      else void navigate(`/visits/${encodeURIComponent(visitId)}`, { replace: true });
    },
    [id, navigate],
  );

  if (loaded.error) {
    return (
      <div className="visit-page">
        {loaded.error.code === 'not_found' ? (
          <Card>
            <Empty description={t('visits.notFound')} />
          </Card>
        ) : (
          <ErrorAlert error={loaded.error} onRetry={() => setReloads((n) => n + 1)} />
        )}
      </div>
    );
  }
  if (!loaded.init) {
    return (
      <div className="visit-page" data-testid="visit-loading">
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </div>
    );
  }
  return <VisitEditor key={loaded.key} init={loaded.init} onCreated={onCreated} onChanged={onChanged} />;
}

export default VisitFormPage;
