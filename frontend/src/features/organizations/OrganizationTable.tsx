import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { Organization } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import type { CursorPages } from '../../lib/paging';

interface OrganizationTableProps {
  pages: CursorPages<Organization>;
  empty?: string;
  /** Search results come from anywhere in the tree: say under which organization each one is. */
  showParent?: boolean;
}

/** One page of organizations by full name with their labels; on a phone, name (and parent) and domain. */
export function OrganizationTable({ pages, empty, showParent = false }: OrganizationTableProps) {
  const t = useT();
  const { label } = useEnums();
  const columns: ColumnsType<Organization> = [
    {
      key: 'name',
      title: t('field.name'),
      render: (_, organization) => (
        <>
          <Link to={`/organizations/${organization.id}`}>{organization.name}</Link>
          {showParent && organization.parent_id ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: '0.8125rem' }}>
              {t('organization.under')} <OrganizationName id={organization.parent_id} />
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { key: 'code', title: t('field.code'), dataIndex: 'code', responsive: ['md'] },
    { key: 'kind', title: t('field.kind'), render: (_, o) => label('organization_kind', o.kind), responsive: ['lg'] },
    { key: 'tier', title: t('field.tier'), render: (_, o) => label('organization_tier', o.tier), responsive: ['md'] },
    { key: 'domain', title: t('field.domain'), responsive: ['sm'], render: (_, o) => label('organization_domain', o.domain) },
    {
      key: 'flags',
      title: t('field.flags'),
      responsive: ['lg'],
      render: (_, o) =>
        o.flags.map((flag) => (
          <Tag key={flag} color={flag === 'weak_and_lax' ? 'red' : 'orange'}>
            {label('organization_flag', flag)}
          </Tag>
        )),
    },
  ];
  return (
    <>
      <ErrorAlert error={pages.error} />
      {pages.total !== null ? (
        <Typography.Paragraph type="secondary">{t('organization.count', { count: pages.total })}</Typography.Paragraph>
      ) : null}
      <Table<Organization>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={pages.items}
        loading={pages.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: pages.isLoading ? t('common.loading') : (empty ?? t('organization.noneFound')) }}
      />
      <CursorPager pages={pages} />
    </>
  );
}
