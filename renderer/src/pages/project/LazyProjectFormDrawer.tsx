import { lazy, Suspense, useState, type ComponentProps } from 'react';
import type { ProjectFormDrawer as Drawer } from './ProjectFormDrawer';

// The form brings zod and react-hook-form along: fetched on the first open, not with the ledger.
const ProjectFormDrawer = lazy(() => import('./ProjectFormDrawer').then((m) => ({ default: m.ProjectFormDrawer })));

export function LazyProjectFormDrawer(props: ComponentProps<typeof Drawer>) {
  const [wanted, setWanted] = useState(props.open);
  if (props.open && !wanted) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <ProjectFormDrawer {...props} />
    </Suspense>
  );
}
