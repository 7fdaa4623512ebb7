import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import type { MemberTransfer } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { transfersQuery } from './api';

/** Where the member's organizational relationship has moved, oldest first. */
export function TransfersCard({ memberId }: { memberId: string }) {
  const { t, language } = useI18n();
  const transfers = useQuery(transfersQuery(memberId));
  return (
    <Card size="small" title={t('member.transfers')} style={{ marginTop: 16 }}>
      <ErrorAlert error={transfers.error} />
      <Table<MemberTransfer>
        rowKey="id"
        size="small"
        pagination={false}
        loading={transfers.isFetching}
        dataSource={transfers.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: transfers.isLoading ? t('common.loading') : t('member.noTransfers') }}
        columns={[
          { key: 'transferred_on', title: t('field.transferred_on'), render: (_, row) => formatDate(row.transferred_on, language) },
          { key: 'from', title: t('member.transferFrom'), render: (_, row) => <OrganizationName id={row.from_organization_id} /> },
          { key: 'to', title: t('member.transferTo'), render: (_, row) => <OrganizationName id={row.to_organization_id} /> },
          { key: 'reason', title: t('field.reason'), render: (_, row) => row.reason || '—' },
        ]}
      />
    </Card>
  );
}
