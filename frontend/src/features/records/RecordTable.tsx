import { PictureOutlined } from '@ant-design/icons';
import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { VolunteerRecord } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { RecordPhotos } from '../../components/volunteering/RecordPhotos';
import { RecordStatusTag } from '../../components/volunteering/StatusTags';
import { useEnums } from '../../lib/enums';
import { formatDate, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { CursorPages } from '../../lib/paging';
import { RecordActions } from './RecordActions';
import type { RecordSelection } from './selection';

interface RecordTableProps {
  pages: CursorPages<VolunteerRecord>;
  /** Staff pick pending records for a bulk verify; others only read. */
  selection: RecordSelection | null;
  canRevert: boolean;
  onReject: (record: VolunteerRecord) => void;
}

/** One page of records; the ones a bulk verify refused are marked in red. */
export function RecordTable({ pages, selection, canRevert, onReject }: RecordTableProps) {
  const { t, language } = useI18n();
  const { label } = useEnums();
  const refused = new Set(selection?.refused ?? []);
  const columns: ColumnsType<VolunteerRecord> = [
    { key: 'member', title: t('records.member'), render: (_, record) => <Link to={`/members/${record.member_id}`}>{record.member_name}</Link> },
    { key: 'served_on', title: t('field.served_on'), render: (_, record) => formatDate(record.served_on, language) },
    { key: 'hours', title: t('field.hours'), align: 'right', render: (_, record) => formatNumber(record.hours, language) },
    { key: 'kind', title: t('field.kind_of_service'), responsive: ['md'], render: (_, record) => label('service_kind', record.kind) },
    { key: 'organization', title: t('member.organization'), responsive: ['xl'], render: (_, record) => <OrganizationName id={record.organization_id} /> },
    { key: 'beneficiaries', title: t('field.beneficiaries'), responsive: ['xxl'], align: 'right', render: (_, record) => record.beneficiaries },
    {
      key: 'description',
      title: t('field.service_description'),
      responsive: ['lg'],
      render: (_, record) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: record.description }} style={{ margin: 0, maxWidth: 280 }}>
          {record.description ?? '—'}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'status',
      title: t('records.status'),
      render: (_, record) => (
        <>
          <RecordStatusTag status={record.status} />
          {refused.has(record.id) ? <Typography.Text type="danger">{t('records.notPendingAnymore')}</Typography.Text> : null}
          {record.status === 'rejected' && record.reject_reason ? (
            <div>
              <Typography.Text type="secondary">{record.reject_reason}</Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
    {
      key: 'actions',
      title: '',
      render: (_, record) => <RecordActions record={record} canDecide={selection !== null} canRevert={canRevert} onReject={onReject} />,
    },
  ];
  return (
    <>
      <ErrorAlert error={pages.error} />
      {pages.total !== null ? <Typography.Paragraph type="secondary">{t('records.count', { count: pages.total })}</Typography.Paragraph> : null}
      <Table<VolunteerRecord>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={pages.items}
        loading={pages.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(record) =>
          refused.has(record.id) ? { style: { background: '#fff1f0', boxShadow: 'inset 4px 0 0 #c8161d' }, 'aria-invalid': true } : {}
        }
        rowSelection={
          selection
            ? {
                selectedRowKeys: selection.selected,
                preserveSelectedRowKeys: true,
                onChange: (keys) => selection.select(keys.map(String)),
                getCheckboxProps: (record) => ({ disabled: record.status !== 'pending', 'aria-label': t('records.pick') }),
              }
            : undefined
        }
        expandable={{
          expandedRowRender: (record) => <RecordPhotos recordId={record.id} editable={false} />,
          columnTitle: t('photos.column'),
          expandIcon: ({ expanded, onExpand, record }) => (
            <Button
              size="small"
              type={expanded ? 'primary' : 'default'}
              icon={<PictureOutlined />}
              aria-expanded={expanded}
              aria-label={t('photos.showOf', { name: record.member_name })}
              onClick={(event) => onExpand(record, event)}
            />
          ),
        }}
        locale={{ emptyText: pages.isLoading ? t('common.loading') : t('records.none') }}
      />
      <CursorPager pages={pages} />
    </>
  );
}
