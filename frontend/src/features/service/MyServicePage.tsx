import { Col, Result, Row } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { linkedMemberId, useMe } from '../../lib/me';
import { LogServiceForm } from './LogServiceForm';
import { ServiceHistory } from './ServiceHistory';

/** "My service": a member logs the hours they served and follows their verification. */
export function MyServicePage() {
  const t = useT();
  const { data: me } = useMe();
  const memberId = linkedMemberId(me);
  if (memberId === null)
    return (
      <>
        <PageHeader title={t('nav.myService')} />
        <Result status="info" title={t('service.notLinkedTitle')} subTitle={t('service.notLinkedBody')} />
      </>
    );
  return (
    <>
      <PageHeader title={t('nav.myService')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <LogServiceForm memberId={memberId} />
        </Col>
        <Col xs={24} lg={14}>
          <ServiceHistory memberId={memberId} />
        </Col>
      </Row>
    </>
  );
}
