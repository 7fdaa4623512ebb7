import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { keys } from '../../api/keys';
import type { ApiKey, ApiKeyCreated } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RequirePermission } from '../../components/Forbidden';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { fetchApiKeyPage, useRevokeApiKey } from './api';
import { CreateApiKeyDialog } from './CreateApiKeyDialog';
import { SecretBox } from './SecretBox';

function KeyStatus({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useI18n();
  if (apiKey.revoked_at) return <Badge status="default" text={t('apiKey.revoked')} />;
  if (apiKey.expires_at && new Date(apiKey.expires_at) < new Date()) return <Badge status="warning" text={t('apiKey.expired')} />;
  return <Badge status="success" text={t('apiKey.active')} />;
}

export function ApiKeysPage() {
  return (
    <RequirePermission permission="api_keys:manage">
      <ApiKeysPageContent />
    </RequirePermission>
  );
}

function ApiKeysPageContent() {
  const { t, language } = useI18n();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const pages = useCursorPages(keys.apiKeys.list, (cursor) => fetchApiKeyPage(cursor, PAGE_SIZE));
  const revoke = useRevokeApiKey();
  return (
    <>
      <PageHeader
        title={t('nav.apiKeys')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('apiKey.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('apiKey.intro')}</Typography.Paragraph>
      <Card>
        <ErrorAlert error={pages.error ?? revoke.error} />
        <Table<ApiKey>
          rowKey="id"
          size="middle"
          dataSource={pages.items}
          loading={pages.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: pages.isLoading ? t('common.loading') : t('apiKey.none') }}
          columns={[
            { key: 'name', title: t('apiKey.name'), dataIndex: 'name' },
            { key: 'prefix', title: t('apiKey.prefix'), responsive: ['md'], render: (_, key) => <Typography.Text code>{key.prefix}…</Typography.Text> },
            { key: 'organization', title: t('field.organization'), render: (_, key) => <OrganizationName id={key.organization_id} name={key.organization_name} /> },
            { key: 'role', title: t('field.role'), render: (_, key) => <Tag>{t(`role.${key.role}`)}</Tag> },
            { key: 'status', title: t('user.status'), render: (_, key) => <KeyStatus apiKey={key} /> },
            { key: 'expires_at', title: t('field.expires_at'), responsive: ['lg'], render: (_, key) => formatDateTime(key.expires_at, language) || t('apiKey.never') },
            { key: 'last_used_at', title: t('apiKey.lastUsed'), responsive: ['lg'], render: (_, key) => formatDateTime(key.last_used_at, language) || t('apiKey.notUsed') },
            {
              key: 'actions',
              title: '',
              render: (_, key) =>
                key.revoked_at ? null : (
                  <Popconfirm
                    title={t('apiKey.revokeConfirm', { name: key.name })}
                    okText={t('apiKey.revoke')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => revoke.mutateAsync(key.id)}
                  >
                    <Button danger size="small" aria-label={t('a11y.rowActions', { action: t('apiKey.revoke'), object: key.name })}>
                      {t('apiKey.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
        <CursorPager pages={pages} />
      </Card>
      <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <SecretBox created={created} onClose={() => setCreated(null)} />
    </>
  );
}
