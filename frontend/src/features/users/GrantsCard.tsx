import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Select, Table } from 'antd';
import { useState } from 'react';
import type { Role, UserGrant } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ROLES } from '../../lib/roles';
import { grantsQuery, useAddGrant, useRevokeGrant } from './api';
import { RoleTag } from './RoleTag';

function AddGrantForm({ userId }: { userId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [role, setRole] = useState<Role>('org_staff');
  const add = useAddGrant(userId);
  return (
    <>
      <ErrorAlert error={add.error} />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <div style={{ flex: '2 1 240px' }}>
          <OrganizationSelect value={organizationId} onChange={(id) => setOrganizationId(id)} />
        </div>
        <Select<Role>
          style={{ flex: '1 1 140px' }}
          value={role}
          onChange={setRole}
          aria-label={t('field.role')}
          options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
        />
        <Button
          type="primary"
          disabled={organizationId === null}
          loading={add.isPending}
          onClick={() =>
            organizationId &&
            add.mutate(
              { organizationId, role },
              {
                onSuccess: () => {
                  void message.success(t('grant.added'));
                  setOrganizationId(null);
                },
              },
            )
          }
        >
          {t('grant.add')}
        </Button>
      </Flex>
    </>
  );
}

/** What the user may do where: each grant covers the organization's whole subtree. */
export function GrantsCard({ userId }: { userId: string }) {
  const { t, language } = useI18n();
  const grants = useQuery(grantsQuery(userId));
  const revoke = useRevokeGrant(userId);
  return (
    <Card title={t('grant.title')} size="small">
      <AddGrantForm userId={userId} />
      <ErrorAlert error={grants.error ?? revoke.error} />
      <Table<UserGrant>
        rowKey="id"
        size="small"
        dataSource={grants.data?.items ?? []}
        loading={grants.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: grants.isLoading ? t('common.loading') : t('grant.none') }}
        columns={[
          { key: 'organization', title: t('field.organization'), render: (_, grant) => <OrganizationName id={grant.organization_id} name={grant.organization_name} /> },
          { key: 'role', title: t('field.role'), render: (_, grant) => <RoleTag role={grant.role} /> },
          { key: 'created_at', title: t('field.created_at'), responsive: ['md'], render: (_, grant) => formatDateTime(grant.created_at, language) },
          {
            key: 'actions',
            title: '',
            render: (_, grant) => (
              <Popconfirm
                title={t('grant.revokeConfirm')}
                okText={t('grant.revoke')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => revoke.mutateAsync(grant.id)}
              >
                <Button danger size="small" aria-label={t('a11y.rowActions', { action: t('grant.revoke'), object: grant.organization_name ?? '' })}>
                  {t('grant.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
