import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Flex, Row, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { keys } from '../../api/keys';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { canManageVolunteering, linkedMemberId, useMe } from '../../lib/me';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { ActivityCard } from './ActivityCard';
import { ActivityFormDialog } from './ActivityFormDialog';
import { fetchActivityPage, type ActivityFilters } from './api';

/** Activities in scope and those the member may join, soonest first, with places left. */
export function ActivitiesPage() {
  const t = useT();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [filters, setFilters] = useState<ActivityFilters>({ within: null, upcoming: true });
  const [creating, setCreating] = useState(false);
  const pages = useCursorPages(keys.activities.list(filters), (cursor) => fetchActivityPage(filters, cursor, PAGE_SIZE));
  const memberId = linkedMemberId(me);
  return (
    <>
      <PageHeader
        title={t('nav.activities')}
        extra={
          canManageVolunteering(me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('activity.create')}
            </Button>
          ) : undefined
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Segmented<'upcoming' | 'all'>
          value={filters.upcoming ? 'upcoming' : 'all'}
          onChange={(value) => setFilters({ ...filters, upcoming: value === 'upcoming' })}
          options={[
            { value: 'upcoming', label: t('activity.upcoming') },
            { value: 'all', label: t('activity.allTimes') },
          ]}
        />
        <div style={{ flex: '1 1 220px' }}>
          <OrganizationSelect allowClear value={filters.within} placeholder={t('member.within')} onChange={(within) => setFilters({ ...filters, within })} />
        </div>
      </Flex>
      <ErrorAlert error={pages.error} />
      {pages.total !== null ? <Typography.Paragraph type="secondary">{t('activity.count', { count: pages.total })}</Typography.Paragraph> : null}
      {pages.isLoading ? (
        <Loading />
      ) : pages.items.length === 0 ? (
        <Empty description={t('activity.none')} />
      ) : (
        <Row gutter={[12, 12]}>
          {pages.items.map((activity) => (
            <Col xs={24} md={12} xl={8} key={activity.id}>
              <ActivityCard activity={activity} memberId={memberId} />
            </Col>
          ))}
        </Row>
      )}
      <CursorPager pages={pages} />
      <ActivityFormDialog open={creating} onClose={() => setCreating(false)} onSaved={(created) => void navigate(`/activities/${created.id}`)} />
    </>
  );
}
