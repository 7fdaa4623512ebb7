import { Button, Col, DatePicker, Row, Segmented, Tag } from 'antd';
import dayjs from 'dayjs';
import { MemberName } from '../../components/members/MemberName';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import type { RecordFilters, StatusFilter } from './filters';

/** Status first (the queue is the pending ones), then scope, period, and a member from a link. */
export function RecordFilterBar({ filters, onChange }: { filters: RecordFilters; onChange: (filters: RecordFilters) => void }) {
  const t = useT();
  const { label } = useEnums();
  const statuses: StatusFilter[] = ['pending', 'verified', 'rejected', 'all'];
  return (
    <>
      <Segmented<StatusFilter>
        block
        style={{ marginBottom: 12 }}
        value={filters.status}
        onChange={(status) => onChange({ ...filters, status })}
        options={statuses.map((value) => ({ value, label: value === 'all' ? t('records.all') : label('volunteer_record_status', value) }))}
      />
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={12}>
          <OrganizationSelect allowClear value={filters.within} placeholder={t('member.within')} onChange={(within) => onChange({ ...filters, within })} />
        </Col>
        <Col xs={24} md={12}>
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            allowEmpty={[true, true]}
            placeholder={[t('records.servedFrom'), t('records.servedTo')]}
            value={[filters.servedFrom ? dayjs(filters.servedFrom) : null, filters.servedTo ? dayjs(filters.servedTo) : null]}
            onChange={(values) =>
              onChange({
                ...filters,
                servedFrom: values?.[0] ? values[0].format('YYYY-MM-DD') : null,
                servedTo: values?.[1] ? values[1].format('YYYY-MM-DD') : null,
              })
            }
          />
        </Col>
      </Row>
      {filters.memberId || filters.activityId || filters.kind ? (
        <div style={{ marginBottom: 12 }}>
          {filters.memberId ? (
            <Tag closable color="red" onClose={() => onChange({ ...filters, memberId: null })}>
              {t('records.ofMember')} <MemberName id={filters.memberId} />
            </Tag>
          ) : null}
          {filters.activityId ? (
            <Tag closable color="red" onClose={() => onChange({ ...filters, activityId: null })}>
              {t('records.ofActivity')}
            </Tag>
          ) : null}
          {filters.kind ? (
            <Tag closable color="red" onClose={() => onChange({ ...filters, kind: null })}>
              {t('records.ofKind', { kind: label('service_kind', filters.kind) })}
            </Tag>
          ) : null}
          <Button type="link" onClick={() => onChange({ ...filters, memberId: null, activityId: null, kind: null })}>
            {t('organization.clearFilters')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
