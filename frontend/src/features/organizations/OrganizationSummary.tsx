import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { Member, Organization } from '../../api/types';
import { membersLink, membersPreviewQuery } from '../../components/members/queries';
import { RecentRecords } from '../../components/volunteering/RecentRecords';
import { recordsLink, thisYear, volunteerStatsQuery } from '../../components/volunteering/queries';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { canReadMembers, canReadVolunteering, useMe } from '../../lib/me';

/** Who holds the secretary's post of this very organization now, among the secretaries of its subtree. */
function secretaryOf(organizationId: string, members: Member[]): Member | undefined {
  const today = dayjs().format('YYYY-MM-DD');
  return members.find((member) =>
    member.positions.some(
      (position) =>
        position.position === 'secretary' &&
        position.organization_id === organizationId &&
        (position.started_on == null || position.started_on <= today) &&
        (position.ended_on == null || position.ended_on >= today),
    ),
  );
}

/**
 * The people and the service behind an organization: its secretary, its members, its verified
 * hours this year, and its newest records, each opening the list it counts.
 */
export function OrganizationSummary({ organization }: { organization: Organization }) {
  const { t, language } = useI18n();
  const { data: me } = useMe();
  const readsMembers = canReadMembers(me);
  const readsHours = canReadVolunteering(me);
  const year = thisYear(organization.id);
  const secretaries = useQuery({ ...membersPreviewQuery(organization.id, 'secretary', 100), enabled: readsMembers });
  const members = useQuery({ ...membersPreviewQuery(organization.id), enabled: readsMembers });
  const hours = useQuery({ ...volunteerStatsQuery(year, 'month'), enabled: readsHours });
  if (!readsMembers && !readsHours) return null;
  const secretary = secretaryOf(organization.id, secretaries.data?.items ?? []);
  const loading = <Typography.Text type="secondary">…</Typography.Text>;
  const items = [
    ...(readsMembers
      ? [
          {
            key: 'secretary',
            label: t('organization.secretary'),
            children: secretaries.isLoading ? (
              loading
            ) : secretary ? (
              <Link to={`/members/${secretary.id}`}>{secretary.name}</Link>
            ) : (
              <Typography.Text type="danger">{t('organization.secretaryVacant')}</Typography.Text>
            ),
          },
          {
            key: 'members',
            label: t('organization.memberCount'),
            children: members.isLoading ? (
              loading
            ) : (
              <Link to={membersLink(organization.id)}>{t('organization.peopleValue', { count: members.data?.total ?? 0 })}</Link>
            ),
          },
        ]
      : []),
    ...(readsHours
      ? [
          {
            key: 'hours',
            label: t('dashboard.hoursThisYear'),
            children: hours.isLoading ? (
              loading
            ) : (
              <Link to={recordsLink({ status: 'verified', within: organization.id, from: year.from, to: year.to })}>
                {t('service.hoursValue', { hours: formatNumber(hours.data?.total_hours ?? 0, language) })}
              </Link>
            ),
          },
        ]
      : []),
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={readsHours ? 10 : 24}>
        <Card size="small" title={t('organization.peopleAndService')} style={{ height: '100%' }}>
          <Descriptions size="small" column={1} items={items} />
        </Card>
      </Col>
      {readsHours ? (
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t('organization.recentRecords')}
            extra={<Link to={recordsLink({ status: 'all', within: organization.id })}>{t('common.all')}</Link>}
            style={{ height: '100%' }}
          >
            <RecentRecords within={organization.id} />
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
