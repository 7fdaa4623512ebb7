import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { keys } from '../../api/keys';
import type { User } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RequirePermission } from '../../components/Forbidden';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { fetchUserPage } from './api';
import { CreateUserDialog } from './CreateUserDialog';

export function UsersPage() {
  return (
    <RequirePermission permission="users:manage">
      <UsersPageContent />
    </RequirePermission>
  );
}

function UsersPageContent() {
  const { t, language } = useI18n();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const pages = useCursorPages(keys.users.list(q), (cursor) => fetchUserPage(q, cursor, PAGE_SIZE));
  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('user.create')}
          </Button>
        }
      />
      <Card>
        <Input.Search
          allowClear
          enterButton
          placeholder={t('user.searchPlaceholder')}
          aria-label={t('user.searchPlaceholder')}
          onSearch={(value) => setQ(value.trim())}
          style={{ marginBottom: 16 }}
          maxLength={100}
        />
        <ErrorAlert error={pages.error} />
        <Table<User>
          rowKey="id"
          size="middle"
          dataSource={pages.items}
          loading={pages.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: pages.isLoading ? t('common.loading') : t('user.none') }}
          columns={[
            {
              key: 'name',
              title: t('field.display_name'),
              render: (_, user) => <Link to={`/users/${user.id}`}>{user.display_name || user.username}</Link>,
            },
            { key: 'username', title: t('field.username'), dataIndex: 'username' },
            { key: 'organization', title: t('user.organization'), responsive: ['md'], render: (_, user) => <OrganizationName id={user.organization_id} /> },
            { key: 'phone', title: t('field.phone'), dataIndex: 'phone', responsive: ['lg'] },
            {
              key: 'status',
              title: t('user.status'),
              render: (_, user) => (
                <>
                  <Badge status={user.is_active ? 'success' : 'default'} text={user.is_active ? t('user.active') : t('user.inactive')} />
                  {user.is_superuser ? <Tag color="red" style={{ marginInlineStart: 8 }}>{t('user.superuser')}</Tag> : null}
                </>
              ),
            },
            {
              key: 'last_login_at',
              title: t('field.last_login_at'),
              responsive: ['lg'],
              render: (_, user) => formatDateTime(user.last_login_at, language) || t('user.neverLoggedIn'),
            },
          ]}
        />
        <CursorPager pages={pages} />
      </Card>
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
