/** A secretary's duty reviews (述职评议) on their member page: per cycle, the state, total and grade. */
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import { useT, type MessageKey } from '../../lib/i18n';
import { ErrorAlert } from '../ErrorAlert';
import { cycleNamesQuery, memberDutyReviewsQuery } from './queries';

type Evaluation = components['schemas']['EvaluationRead'];

export function DutyReviewsCard({ memberId }: { memberId: string }) {
  const t = useT();
  const list = useQuery(memberDutyReviewsQuery(memberId));
  const cycles = useQuery(cycleNamesQuery());
  const names = new Map((cycles.data?.items ?? []).map((c) => [c.id, `${c.year} · ${c.name}`]));
  const columns: TableProps<Evaluation>['columns'] = [
    {
      key: 'cycle',
      title: t('cycle.name'),
      render: (_, e) => <Link to={`/evaluations/${e.id}`}>{names.get(e.cycle_id) ?? e.organization_name}</Link>,
    },
    { key: 'state', title: t('eval.state'), responsive: ['sm'], render: (_, e) => t(`eval.state.${e.state}` as MessageKey) },
    { key: 'total', title: t('eval.total'), render: (_, e) => (e.total === null ? '—' : e.total.toFixed(2)) },
    {
      key: 'grade',
      title: t('eval.grade'),
      render: (_, e) => (e.grade ? <Tag color="blue">{t(`eval.grade.${e.grade}` as MessageKey)}</Tag> : '—'),
    },
  ];
  return (
    <Card title={t('cycle.secretaryResults')} size="small" style={{ marginBottom: 16 }} data-testid="duty-reviews">
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? (
        <Typography.Text type="secondary">{t('cycle.secretaryResults.none')}</Typography.Text>
      ) : (
        <Table<Evaluation> rowKey="id" size="small" loading={list.isLoading} columns={columns} dataSource={list.data?.items ?? []} pagination={false} />
      )}
    </Card>
  );
}
