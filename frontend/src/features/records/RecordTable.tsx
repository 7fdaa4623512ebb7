import { PictureOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type MouseEvent } from 'react';
import { Link } from 'react-router';
import type { VolunteerRecord } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { hasPhotos } from '../../components/volunteering/photos';
import { RecordPhotos } from '../../components/volunteering/RecordPhotos';
import { RecordStatusTag } from '../../components/volunteering/StatusTags';
import { useEnums } from '../../lib/enums';
import { formatDate, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { CursorPages } from '../../lib/paging';
import { useIsDesktop } from '../../lib/useMediaQuery';
import { RecordActions } from './RecordActions';
import type { RecordSelection } from './selection';

interface RecordTableProps {
  pages: CursorPages<VolunteerRecord>;
  /** Staff pick pending records for a bulk verify; others only read. */
  selection: RecordSelection | null;
  canRevert: boolean;
  onReject: (record: VolunteerRecord) => void;
}

interface RecordViewProps extends Omit<RecordTableProps, 'pages'> {
  records: VolunteerRecord[];
  refused: Set<string>;
  empty: string;
}

/** The photo button of a record that has photos; nothing for one that has none. */
function PhotosButton({ record, expanded, onClick, large = false }: {
  record: VolunteerRecord;
  expanded: boolean;
  onClick: (event: MouseEvent<HTMLElement>) => void;
  large?: boolean;
}) {
  const { t } = useI18n();
  if (!hasPhotos(record)) return null;
  return (
    <Button
      size={large ? 'large' : 'middle'}
      style={large ? { minHeight: 44, minWidth: 44 } : undefined}
      type={expanded ? 'primary' : 'default'}
      icon={<PictureOutlined />}
      aria-expanded={expanded}
      aria-label={t('photos.showOf', { name: record.member_name })}
      onClick={onClick}
    />
  );
}

function StatusCell({ record, refused, withReason }: { record: VolunteerRecord; refused: boolean; withReason: boolean }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={2} align="flex-start">
      <RecordStatusTag status={record.status} />
      {refused ? <Typography.Text type="danger">{t('records.notPendingAnymore')}</Typography.Text> : null}
      {withReason ? <RejectReason record={record} /> : null}
    </Flex>
  );
}

function RejectReason({ record }: { record: VolunteerRecord }) {
  const { t } = useI18n();
  if (record.status !== 'rejected' || !record.reject_reason) return null;
  return (
    <Typography.Text type="danger" style={{ wordBreak: 'break-word' }}>
      {t('service.rejectedBecause', { reason: record.reject_reason })}
    </Typography.Text>
  );
}

/**
 * On a desk: columns sized to fit the card (no sideways scrolling), the description and the
 * reasons wrapping, the actions in a column of their own that is always in view.
 */
function RecordRows({ records, refused, selection, canRevert, onReject, empty, loading }: RecordViewProps & { loading: boolean }) {
  const { t, language } = useI18n();
  const { label } = useEnums();
  const columns: ColumnsType<VolunteerRecord> = [
    {
      key: 'member',
      title: t('records.member'),
      width: 104,
      render: (_, record) => <Link to={`/members/${record.member_id}`}>{record.member_name}</Link>,
    },
    { key: 'served_on', title: t('field.served_on'), width: 128, render: (_, record) => formatDate(record.served_on, language) },
    {
      key: 'hours',
      title: t('field.hours'),
      width: 88,
      align: 'right',
      render: (_, record) => t('service.hoursValue', { hours: formatNumber(record.hours, language) }),
    },
    { key: 'kind', title: t('field.kind_of_service'), width: 96, render: (_, record) => label('service_kind', record.kind) },
    {
      key: 'organization',
      title: t('member.organization'),
      width: 180,
      responsive: ['xxl'],
      render: (_, record) => <OrganizationName id={record.organization_id} />,
    },
    {
      key: 'description',
      title: t('field.service_description'),
      render: (_, record) => (
        <>
          <Typography.Paragraph ellipsis={{ rows: 3, tooltip: record.description }} style={{ margin: 0 }}>
            {record.description ?? '—'}
          </Typography.Paragraph>
          <RejectReason record={record} />
        </>
      ),
    },
    {
      key: 'status',
      title: t('records.status'),
      width: 112,
      render: (_, record) => <StatusCell record={record} refused={refused.has(record.id)} withReason={false} />,
    },
    {
      key: 'actions',
      title: t('records.actions'),
      width: selection !== null ? 132 : 96,
      render: (_, record) => <RecordActions record={record} canDecide={selection !== null} canRevert={canRevert} onReject={onReject} />,
    },
  ];
  return (
    <Table<VolunteerRecord>
      rowKey="id"
      size="middle"
      tableLayout="fixed"
      columns={columns}
      dataSource={records}
      loading={loading}
      pagination={false}
      onRow={(record) =>
        refused.has(record.id) ? { style: { background: '#fff1f0', boxShadow: 'inset 4px 0 0 #c8161d' }, 'aria-invalid': true } : {}
      }
      rowSelection={
        selection
          ? {
              columnWidth: 40,
              selectedRowKeys: selection.selected,
              preserveSelectedRowKeys: true,
              onChange: (keys) => selection.select(keys.map(String)),
              getCheckboxProps: (record) => ({ disabled: record.status !== 'pending', 'aria-label': t('records.pick') }),
            }
          : undefined
      }
      expandable={{
        columnWidth: 56,
        expandedRowRender: (record) => <RecordPhotos recordId={record.id} editable={false} />,
        columnTitle: t('photos.column'),
        expandIcon: ({ expanded, onExpand, record }) => (
          <PhotosButton record={record} expanded={expanded} onClick={(event) => onExpand(record, event)} />
        ),
      }}
      locale={{ emptyText: empty }}
    />
  );
}

/** One record on a phone: who, when, how long, what; the decision buttons always in view. */
function RecordCard({ record, refused, selection, canRevert, onReject }: Omit<RecordViewProps, 'records' | 'empty' | 'refused'> & {
  record: VolunteerRecord;
  refused: boolean;
}) {
  const { t, language } = useI18n();
  const { label } = useEnums();
  const [showPhotos, setShowPhotos] = useState(false);
  const picked = selection?.selected.includes(record.id) ?? false;
  return (
    <Card
      size="small"
      role="listitem"
      aria-invalid={refused || undefined}
      aria-label={t('records.cardLabel', { name: record.member_name, date: formatDate(record.served_on, language) })}
      style={refused ? { background: '#fff1f0', boxShadow: 'inset 4px 0 0 #c8161d' } : undefined}
    >
      <Flex gap={8} align="flex-start">
        {selection && record.status === 'pending' ? (
          <Checkbox
            checked={picked}
            aria-label={t('records.pick')}
            style={{ padding: 4 }}
            onChange={(event) =>
              selection.select(event.target.checked ? [...selection.selected, record.id] : selection.selected.filter((id) => id !== record.id))
            }
          />
        ) : null}
        <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Flex justify="space-between" align="baseline" gap={8} wrap>
            <Link to={`/members/${record.member_id}`} style={{ fontWeight: 600, fontSize: '1rem' }}>
              {record.member_name}
            </Link>
            <Typography.Text strong>{t('service.hoursValue', { hours: formatNumber(record.hours, language) })}</Typography.Text>
          </Flex>
          <Typography.Text type="secondary">
            {formatDate(record.served_on, language)} · {label('service_kind', record.kind)}
          </Typography.Text>
          {record.description ? (
            <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: t('common.more') }} style={{ margin: 0 }}>
              {record.description}
            </Typography.Paragraph>
          ) : null}
          <StatusCell record={record} refused={refused} withReason />
        </Flex>
      </Flex>
      <Flex gap={8} wrap justify="flex-end" align="center" style={{ marginTop: 8 }}>
        <PhotosButton record={record} expanded={showPhotos} onClick={() => setShowPhotos((shown) => !shown)} large />
        <RecordActions record={record} canDecide={selection !== null} canRevert={canRevert} onReject={onReject} large />
      </Flex>
      {showPhotos ? (
        <div style={{ marginTop: 8 }}>
          <RecordPhotos recordId={record.id} editable={false} />
        </div>
      ) : null}
    </Card>
  );
}

/** One page of records, as columns on a desk and as cards on a phone; refused ones marked in red. */
export function RecordTable({ pages, selection, canRevert, onReject }: RecordTableProps) {
  const { t } = useI18n();
  const isDesktop = useIsDesktop();
  const refused = new Set(selection?.refused ?? []);
  const empty = pages.isLoading ? t('common.loading') : t('records.none');
  return (
    <>
      <ErrorAlert error={pages.error} />
      {pages.total !== null ? <Typography.Paragraph type="secondary">{t('records.count', { count: pages.total })}</Typography.Paragraph> : null}
      {isDesktop ? (
        <RecordRows
          records={pages.items}
          refused={refused}
          selection={selection}
          canRevert={canRevert}
          onReject={onReject}
          empty={empty}
          loading={pages.isFetching}
        />
      ) : pages.isLoading ? (
        <Loading />
      ) : pages.items.length === 0 ? (
        <Empty description={empty} />
      ) : (
        <Flex vertical gap={8} role="list" aria-label={t('records.listLabel')}>
          {pages.items.map((record) => (
            <RecordCard
              key={record.id}
              record={record}
              refused={refused.has(record.id)}
              selection={selection}
              canRevert={canRevert}
              onReject={onReject}
            />
          ))}
        </Flex>
      )}
      <CursorPager pages={pages} />
    </>
  );
}
