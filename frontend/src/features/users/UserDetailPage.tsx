import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Col, Descriptions, Row } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RequirePermission } from '../../components/Forbidden';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { userQuery } from './api';
import { GrantsCard } from './GrantsCard';
import { UserProfileForm } from './UserProfileForm';

export function UserDetailPage() {
  return (
    <RequirePermission permission="users:manage">
      <UserDetailPageContent />
    </RequirePermission>
  );
}

function UserDetailPageContent() {
  const { t, language } = useI18n();
  const { userId = '' } = useParams();
  const user = useQuery(userQuery(userId));
  if (user.isLoading) return <Loading />;
  if (user.data === undefined) return <ErrorAlert error={user.error} />;
  const u = user.data;
  return (
    <>
      <PageHeader title={u.display_name || u.username}>
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={[{ key: 'users', title: <Link to="/users">{t('nav.users')}</Link> }, { key: u.id, title: u.username }]}
        />
      </PageHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('user.profile')}>
            <Descriptions
              size="small"
              column={1}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'username', label: t('field.username'), children: u.username },
                { key: 'last_login_at', label: t('field.last_login_at'), children: formatDateTime(u.last_login_at, language) || t('user.neverLoggedIn') },
                { key: 'created_at', label: t('field.created_at'), children: formatDateTime(u.created_at, language) },
              ]}
            />
            <UserProfileForm user={u} onReload={() => void user.refetch()} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <GrantsCard userId={u.id} />
        </Col>
      </Row>
    </>
  );
}
