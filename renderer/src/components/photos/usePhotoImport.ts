/**
 * The background import queue: one photos.import call per file, a few in flight, a refused file
 * skipped. A full disk stops the files still waiting (each would fail the same way).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { IMPORT_CONCURRENCY, type PhotoView } from '../../../../shared/channels/photos';
import { ApiError, call, toApiError } from '../../api/client';

export type ImportState = 'waiting' | 'importing' | 'done' | 'duplicate' | 'error' | 'stopped';

export interface ImportItem {
  key: number;
  name: string;
  state: ImportState;
  error?: ApiError;
}

interface Job {
  key: number;
  file: File;
  projectId: string;
  visitId: string | null;
}

export function usePhotoImport(onImported: (photo: PhotoView) => void) {
  const [items, setItems] = useState<ImportItem[]>([]);
  const queue = useRef<Job[]>([]);
  const running = useRef(0);
  const nextKey = useRef(1);
  const onImportedRef = useRef(onImported);
  useEffect(() => {
    onImportedRef.current = onImported;
  });

  const update = (key: number, patch: Partial<ImportItem>) =>
    setItems((prev) => prev.map((it) => (it.key === key ? { ...it, ...patch } : it)));

  const run = useCallback(async (job: Job) => {
    update(job.key, { state: 'importing' });
    try {
      const bytes = new Uint8Array(await job.file.arrayBuffer());
      const result = await call('photos.import', {
        projectId: job.projectId,
        visitId: job.visitId,
        kind: 'progress',
        name: job.file.name,
        lastModified: Math.max(0, Math.round(job.file.lastModified || Date.now())),
        bytes,
      });
      update(job.key, { state: result.duplicate ? 'duplicate' : 'done' });
      onImportedRef.current(result.photo);
    } catch (e) {
      const error = e instanceof ApiError ? e : toApiError(e);
      update(job.key, { state: 'error', error });
      if (error.code === 'disk_full') {
        // Don't keep hammering a full disk: the rest waits for the user to free space and pick again.
        const stopped = new Set(queue.current.splice(0).map((j) => j.key));
        setItems((prev) => prev.map((it) => (stopped.has(it.key) ? { ...it, state: 'stopped' } : it)));
      }
      // Any other refused file must not stop the others: it is recorded and the queue goes on.
    }
  }, []);

  /** A worker takes files until the queue is empty; at most IMPORT_CONCURRENCY run. */
  const worker = useCallback(async () => {
    try {
      for (let job = queue.current.shift(); job; job = queue.current.shift()) await run(job);
    } finally {
      running.current--;
    }
  }, [run]);

  const add = useCallback(
    (files: File[], target: { projectId: string; visitId: string | null }) => {
      const jobs = files.map((file) => ({ key: nextKey.current++, file, ...target }));
      setItems((prev) => [...prev, ...jobs.map((j) => ({ key: j.key, name: j.file.name, state: 'waiting' as const }))]);
      queue.current.push(...jobs);
      while (running.current < IMPORT_CONCURRENCY && queue.current.length > 0) {
        running.current++;
        void worker();
      }
    },
    [worker],
  );

  const clearFinished = useCallback(
    () => setItems((prev) => prev.filter((it) => it.state === 'waiting' || it.state === 'importing')),
    [],
  );

  return { items, add, clearFinished };
}
