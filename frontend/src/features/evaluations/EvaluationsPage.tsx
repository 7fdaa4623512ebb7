/** My evaluations: the organization's own (staff), those assigned (reviewers), by cycle (admins). */
import { useQuery } from '@tanstack/react-query';
import { Flex, Select, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import { canManageEvaluations, useMe } from '../../lib/me';
import { cyclesQuery, evaluationsQuery, STATES, type Evaluation, type EvaluationFilters } from './api';
import { evalLabel, score } from './labels';

export const STATE_COLOR: Record<string, string> = {
  self_assessment: 'blue',
  public_rating: 'orange',
  organizational_review: 'purple',
  finalized: 'green',
  withdrawn: 'default',
};

export function EvaluationsPage() {
  const t = useT();
  const { label } = useEnums();
  const { data: me } = useMe();
  const [filters, setFilters] = useState<EvaluationFilters>({ cycleId: null, state: null });
  const cycles = useQuery({ ...cyclesQuery(), enabled: canManageEvaluations(me) });
  const list = useQuery(evaluationsQuery(filters));
  const columns: TableProps<Evaluation>['columns'] = [
    {
      key: 'organization',
      title: t('eval.organization'),
      render: (_, e) => <Link to={`/evaluations/${e.id}`}>{e.organization_name}</Link>,
    },
    { key: 'domain', title: t('eval.domain'), responsive: ['sm'], render: (_, e) => label('organization_domain', e.domain) },
    {
      key: 'state',
      title: t('eval.state'),
      render: (_, e) => <Tag color={STATE_COLOR[e.state]}>{evalLabel(t, 'state', e.state)}</Tag>,
    },
    { key: 'total', title: t('eval.total'), responsive: ['md'], align: 'right', render: (_, e) => score(e.total) },
    { key: 'grade', title: t('eval.grade'), responsive: ['md'], render: (_, e) => evalLabel(t, 'grade', e.grade ?? e.computed_grade) },
  ];
  return (
    <>
      <PageHeader title={t('eval.list.title')} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {canManageEvaluations(me) && (
          <Select
            aria-label={t('eval.list.cycle')}
            style={{ minWidth: 220 }}
            allowClear
            placeholder={t('eval.list.allCycles')}
            value={filters.cycleId}
            onChange={(cycleId: string | undefined) => setFilters({ ...filters, cycleId: cycleId ?? null })}
            options={(cycles.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.year} ${c.name}` }))}
          />
        )}
        <Select
          aria-label={t('eval.list.state')}
          style={{ minWidth: 160 }}
          allowClear
          placeholder={t('eval.list.state')}
          value={filters.state}
          onChange={(state: Evaluation['state'] | undefined) => setFilters({ ...filters, state: state ?? null })}
          options={STATES.map((s) => ({ value: s, label: evalLabel(t, 'state', s) }))}
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<Evaluation>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('eval.list.empty') }}
      />
    </>
  );
}
