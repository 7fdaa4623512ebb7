import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { useT } from '../lib/i18n';

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title={<PageHeader title={t('notFound.title')} />}
      subTitle={t('notFound.body')}
      extra={
        <Link to="/dashboard">
          <Button type="primary">{t('notFound.home')}</Button>
        </Link>
      }
    />
  );
}
