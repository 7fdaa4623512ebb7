import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';
import { describeError } from '../lib/errors';
import { PageHeader } from '../components/PageHeader';
import { useT } from '../lib/i18n';

/** Shown when a page fails to load (e.g. a new release replaced its chunk) or throws. */
export function RouteError() {
  const t = useT();
  const error = useRouteError();
  const isChunkError = error instanceof TypeError && /dynamically imported module|Importing a module script/i.test(error.message);
  return (
    <Result
      status="error"
      title={<PageHeader title={isChunkError ? t('routeError.newVersion') : t('routeError.title')} />}
      subTitle={isChunkError ? undefined : describeError(error, t).message}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('routeError.reload')}
        </Button>
      }
    />
  );
}
