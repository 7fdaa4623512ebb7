import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../../components/Loading';
import { describeError } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { useMe, useSignedIn } from '../../lib/me';

/** Renders its children for a signed-in user; anyone else goes to the login page and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const t = useT();
  const location = useLocation();
  const signedIn = useSignedIn();
  const me = useMe();
  if (!signedIn) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.isLoading) return <Loading />;
  if (me.error) {
    return (
      <Result
        status="warning"
        title={describeError(me.error, t).message}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return children;
}
