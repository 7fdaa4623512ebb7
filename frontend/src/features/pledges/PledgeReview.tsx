import { Button, Col, InputNumber, Row, Select, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useState } from 'react';
import { keys } from '../../api/keys';
import type { Pledge, PledgeStatus } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { PledgeStatusTag } from '../../components/volunteering/StatusTags';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { fetchPledgePage, type PledgeFilters } from './api';
import { PledgeDialog } from './PledgeDialog';

/** Pledges in scope for staff: filter by scope, year and status; mark each kept or not. */
export function PledgeReview({ canDecide }: { canDecide: boolean }) {
  const t = useT();
  const { options } = useEnums();
  const [filters, setFilters] = useState<PledgeFilters>({ within: null, year: new Date().getFullYear(), status: null, memberId: null });
  const pages = useCursorPages(keys.pledges.review(filters), (cursor) => fetchPledgePage(filters, cursor, PAGE_SIZE));
  const [reviewing, setReviewing] = useState<Pledge | null>(null);
  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={12}>
          <OrganizationSelect allowClear value={filters.within} placeholder={t('member.within')} onChange={(within) => setFilters({ ...filters, within })} />
        </Col>
        <Col xs={12} md={6}>
          <InputNumber
            style={{ width: '100%' }}
            min={2000}
            max={2100}
            precision={0}
            value={filters.year}
            placeholder={t('field.year')}
            aria-label={t('field.year')}
            onChange={(year) => setFilters({ ...filters, year: year ?? null })}
          />
        </Col>
        <Col xs={12} md={6}>
          <Select<PledgeStatus>
            allowClear
            style={{ width: '100%' }}
            placeholder={t('pledge.status')}
            aria-label={t('pledge.status')}
            value={filters.status ?? undefined}
            options={options('pledge_status')}
            onChange={(status) => setFilters({ ...filters, status: status ?? null })}
          />
        </Col>
      </Row>
      <ErrorAlert error={pages.error} />
      {pages.total !== null ? <Typography.Paragraph type="secondary">{t('pledge.count', { count: pages.total })}</Typography.Paragraph> : null}
      <Table<Pledge>
        rowKey="id"
        size="middle"
        dataSource={pages.items}
        loading={pages.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: pages.isLoading ? t('common.loading') : t('pledge.none') }}
        columns={[
          { key: 'member', title: t('records.member'), render: (_, pledge) => <Link to={`/members/${pledge.member_id}`}>{pledge.member_name}</Link> },
          { key: 'year', title: t('field.year'), dataIndex: 'year', responsive: ['md'] },
          {
            key: 'content',
            title: t('field.content'),
            render: (_, pledge) => (
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: pledge.content }} style={{ margin: 0, maxWidth: 320 }}>
                {pledge.content}
              </Typography.Paragraph>
            ),
          },
          { key: 'organization', title: t('member.organization'), responsive: ['lg'], render: (_, pledge) => <OrganizationName id={pledge.organization_id} /> },
          { key: 'status', title: t('pledge.status'), render: (_, pledge) => <PledgeStatusTag status={pledge.status} /> },
          { key: 'note', title: t('field.fulfilment_note'), responsive: ['xl'], render: (_, pledge) => pledge.fulfilment_note ?? '—' },
          ...(canDecide
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, pledge: Pledge) => (
                    <Button size="small" onClick={() => setReviewing(pledge)}>
                      {t('pledge.review')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CursorPager pages={pages} />
      <PledgeDialog pledge={reviewing} review onClose={() => setReviewing(null)} />
    </>
  );
}
