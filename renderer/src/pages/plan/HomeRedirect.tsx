import { useEffect, useState } from 'react';
import { Navigate } from 'react-router';
import { call } from '../../api/client';

/**
 * The landing page: this month's plan for someone who serves in a group (the inspector's home
 * screen), the ledger otherwise. Unknown paths land here too.
 */
export function HomeRedirect() {
  const [to, setTo] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    call('groups.overview', {}).then(
      (groups) => alive && setTo(groups.some((g) => g.mine) ? '/plan' : '/projects'),
      // Without the overview (an older backend, an error) the ledger is still a good start.
      () => alive && setTo('/projects'),
    );
    return () => {
      alive = false;
    };
  }, []);
  return to ? <Navigate to={to} replace /> : <div data-testid="home-redirect" />;
}
