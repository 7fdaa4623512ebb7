import { Badge, Button, Card, Col, DatePicker, Flex, Input, Row, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { keys } from '../../api/keys';
import type { AuditEvent } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RequirePermission } from '../../components/Forbidden';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { hasMessage, useI18n, type Translate } from '../../lib/i18n';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { useMediaQuery } from '../../lib/useMediaQuery';
import { ActorSelect } from './ActorSelect';
import { ENTITY_TYPES, fetchAuditPage, NO_FILTERS, type AuditFilters } from './api';
import { ChangesTable } from './ChangesTable';

function labelOf(prefix: string, value: string, t: Translate, fallback: string): string {
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key) : fallback;
}

const OUTCOME_STATUS = { success: 'success', denied: 'warning', failure: 'error' } as const;

function Filters({ filters, onChange }: { filters: AuditFilters; onChange: (filters: AuditFilters) => void }) {
  const { t } = useI18n();
  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 16 }}>
      <Col xs={24} md={12} lg={8}>
        <OrganizationSelect allowClear value={filters.within} placeholder={t('audit.within')} onChange={(within) => onChange({ ...filters, within })} />
      </Col>
      <Col xs={24} md={12} lg={8}>
        <ActorSelect value={filters.actorId} onChange={(actorId) => onChange({ ...filters, actorId })} />
      </Col>
      <Col xs={24} md={12} lg={8}>
        <Select<string>
          allowClear
          style={{ width: '100%' }}
          placeholder={t('audit.entityType')}
          aria-label={t('audit.entityType')}
          value={filters.entityType ?? undefined}
          onChange={(entityType) => onChange({ ...filters, entityType: entityType ?? null })}
          options={ENTITY_TYPES.map((value) => ({ value, label: t(`audit.entity.${value}`) }))}
        />
      </Col>
      <Col xs={24} md={12} lg={8}>
        <Input.Search
          allowClear
          placeholder={t('audit.entityId')}
          aria-label={t('audit.entityId')}
          defaultValue={filters.entityId}
          onSearch={(entityId) => onChange({ ...filters, entityId })}
          maxLength={64}
        />
      </Col>
      <Col xs={24} md={16} lg={12}>
        <DatePicker.RangePicker
          showTime
          allowEmpty={[true, true]}
          style={{ width: '100%' }}
          placeholder={[t('audit.since'), t('audit.until')]}
          onChange={(values) =>
            onChange({
              ...filters,
              since: values?.[0] ? values[0].toISOString() : null,
              until: values?.[1] ? values[1].toISOString() : null,
            })
          }
        />
      </Col>
    </Row>
  );
}

/** Who did what, where and when: the audit trail with its filters (admins only). */
export function AuditPage() {
  return (
    <RequirePermission permission="audit:read">
      <AuditPageContent />
    </RequirePermission>
  );
}

function AuditPageContent() {
  const { t, language } = useI18n();
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [resetCount, setResetCount] = useState(0);
  const pages = useCursorPages(keys.audit.list(filters), (cursor) => fetchAuditPage(filters, cursor, PAGE_SIZE));
  const wide = useMediaQuery('(min-width: 576px)');
  const actor = (event: AuditEvent) => (
    <span>
      {event.actor_label ?? labelOf('audit.actorType', event.actor_type, t, t('audit.actorType.unknown'))}
      {event.actor_type === 'api_key' ? <Typography.Text type="secondary"> · {t('audit.actorType.api_key')}</Typography.Text> : null}
    </span>
  );
  const action = (event: AuditEvent) => labelOf('audit.action', event.action, t, t('audit.action.other'));
  const entity = (event: AuditEvent) => labelOf('audit.entity', event.entity_type, t, t('audit.entity.other'));
  const outcome = (event: AuditEvent) => (
    <Badge
      status={OUTCOME_STATUS[event.outcome as keyof typeof OUTCOME_STATUS] ?? 'default'}
      text={labelOf('audit.outcome', event.outcome, t, t('audit.outcome.other'))}
    />
  );
  const columns: ColumnsType<AuditEvent> = [
    { key: 'occurred_at', title: t('audit.occurredAt'), width: 180, render: (_, event) => formatDateTime(event.occurred_at, language) },
    { key: 'actor', title: t('audit.actor'), render: (_, event) => actor(event) },
    { key: 'action', title: t('audit.action'), width: 88, render: (_, event) => action(event) },
    { key: 'entity', title: t('audit.entityType'), width: 104, render: (_, event) => entity(event) },
    { key: 'outcome', title: t('audit.outcome'), width: 96, render: (_, event) => outcome(event) },
    { key: 'organization', title: t('field.organization'), responsive: ['lg'], render: (_, event) => <OrganizationName id={event.organization_id} /> },
    { key: 'client', title: t('audit.client'), width: 128, responsive: ['xl'], render: (_, event) => event.client_address ?? '—' },
  ];
  // On a phone, two columns: who and when; what, on what, and how it ended.
  const phoneColumns: ColumnsType<AuditEvent> = [
    {
      key: 'who',
      title: `${t('audit.actor')} · ${t('audit.occurredAt')}`,
      render: (_, event) => (
        <Flex vertical>
          {actor(event)}
          <Typography.Text type="secondary" style={{ fontSize: '0.8125rem' }}>
            {formatDateTime(event.occurred_at, language)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'what',
      title: t('audit.action'),
      render: (_, event) => (
        <Flex vertical>
          <span>
            {action(event)} · {entity(event)}
          </span>
          {outcome(event)}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.audit')}
        extra={
          <Button
            onClick={() => {
              setFilters(NO_FILTERS);
              setResetCount((count) => count + 1);
            }}
          >
            {t('organization.clearFilters')}
          </Button>
        }
      />
      <Card>
        <Filters key={resetCount} filters={filters} onChange={setFilters} />
        <ErrorAlert error={pages.error} />
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          dataSource={pages.items}
          loading={pages.isFetching}
          pagination={false}
          tableLayout="fixed"
          style={{ overflowWrap: 'anywhere' }}
          locale={{ emptyText: pages.isLoading ? t('common.loading') : t('audit.none') }}
          expandable={{
            rowExpandable: (event) => event.changes !== null && Object.keys(event.changes).length > 0,
            expandedRowRender: (event) => <ChangesTable changes={event.changes ?? {}} />,
          }}
          columns={wide ? columns : phoneColumns}
        />
        <CursorPager pages={pages} />
      </Card>
    </>
  );
}
