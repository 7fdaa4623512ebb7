import { Card, Result, Tabs } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { canManageVolunteering, canReadVolunteering, linkedMemberId, useMe } from '../../lib/me';
import { MyPledges } from './MyPledges';
import { PledgeReview } from './PledgeReview';

/** Pledge and fulfilment: a member's own pledges, and for staff the review of those in scope. */
export function PledgesPage() {
  const t = useT();
  const { data: me } = useMe();
  const memberId = linkedMemberId(me);
  const reviews = canReadVolunteering(me);
  const tabs = [
    ...(memberId ? [{ key: 'mine', label: t('pledge.mine'), children: <MyPledges memberId={memberId} /> }] : []),
    ...(reviews ? [{ key: 'review', label: t('pledge.reviewTab'), children: <PledgeReview canDecide={canManageVolunteering(me)} /> }] : []),
  ];
  return (
    <>
      <PageHeader title={t('nav.pledges')} />
      {tabs.length === 0 ? (
        <Result status="info" title={t('service.notLinkedTitle')} subTitle={t('service.notLinkedBody')} />
      ) : tabs.length === 1 ? (
        <Card size="small">{tabs[0]?.children}</Card>
      ) : (
        <Card size="small">
          <Tabs items={tabs} />
        </Card>
      )}
    </>
  );
}
