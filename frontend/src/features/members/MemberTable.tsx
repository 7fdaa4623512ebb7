import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { Member } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import type { CursorPages } from '../../lib/paging';
import { MemberTags, PositionTags } from './MemberTags';

/** One page of members, personal data masked; name, positions and tags only on a phone. */
export function MemberTable({ pages }: { pages: CursorPages<Member> }) {
  const t = useT();
  const { label } = useEnums();
  const columns: ColumnsType<Member> = [
    { key: 'name', title: t('field.person_name'), render: (_, member) => <Link to={`/members/${member.id}`}>{member.name}</Link> },
    { key: 'gender', title: t('field.gender'), responsive: ['md'], render: (_, member) => (member.gender ? label('member_gender', member.gender) : '—') },
    { key: 'organization', title: t('member.organization'), responsive: ['md'], render: (_, member) => <OrganizationName id={member.organization_id} /> },
    { key: 'positions', title: t('member.positions'), render: (_, member) => <PositionTags member={member} /> },
    { key: 'tags', title: t('member.tags'), render: (_, member) => <MemberTags member={member} /> },
    { key: 'phone', title: t('field.phone'), responsive: ['lg'], render: (_, member) => member.phone ?? '—' },
    { key: 'id_number', title: t('field.id_number'), responsive: ['xl'], render: (_, member) => member.id_number ?? '—' },
  ];
  return (
    <>
      <ErrorAlert error={pages.error} />
      {pages.total !== null ? (
        <Typography.Paragraph type="secondary">{t('member.count', { count: pages.total })}</Typography.Paragraph>
      ) : null}
      <Table<Member>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={pages.items}
        loading={pages.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: pages.isLoading ? t('common.loading') : t('member.noneFound') }}
      />
      <CursorPager pages={pages} />
    </>
  );
}
