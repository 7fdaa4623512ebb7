/** Evaluation cycles for their admins: launch, finalize, confirm all grades, and open the results. */
import { useQuery } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, type TableProps } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { errorText } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { canManageEvaluations, useMe } from '../../lib/me';
import { cyclesQuery, useCycleAction, type Cycle } from './api';

function CycleActions({ cycle }: { cycle: Cycle }) {
  const t = useT();
  const { message } = App.useApp();
  const launch = useCycleAction(cycle.id, 'launch');
  const finalize = useCycleAction(cycle.id, 'finalize');
  const run = async (action: typeof launch, done: (result: Record<string, number>) => string) => {
    try {
      void message.success(done(await action.mutateAsync()));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  return (
    <Space wrap>
      <Button
        size="small"
        loading={launch.isPending}
        onClick={() => void run(launch, (r) => t('cycle.launchedCount', { created: r.created ?? 0, total: r.evaluations ?? 0 }))}
      >
        {t('cycle.launch')}
      </Button>
      {cycle.launched_at !== null && (
        <Button size="small" loading={finalize.isPending} onClick={() => void run(finalize, (r) => t('cycle.finalized', { count: r.changed ?? 0 }))}>
          {t('cycle.finalize')}
        </Button>
      )}
      {cycle.launched_at !== null && <Link to={`/evaluation-cycles/${cycle.id}/results`}>{t('cycle.results')}</Link>}
    </Space>
  );
}

export function CyclesPage() {
  const t = useT();
  const { data: me } = useMe();
  const list = useQuery(cyclesQuery());
  const columns: TableProps<Cycle>['columns'] = [
    { key: 'year', title: t('cycle.year'), render: (_, c) => c.year },
    { key: 'name', title: t('cycle.name'), render: (_, c) => c.name },
    { key: 'subject', title: t('cycle.subject'), responsive: ['md'], render: (_, c) => t(`eval.subject.${c.subject}`) },
    {
      key: 'launched',
      title: t('eval.state'),
      render: (_, c) => (c.launched_at ? <Tag color="green">{t('cycle.launched')}</Tag> : <Tag>{t('cycle.notLaunched')}</Tag>),
    },
    { key: 'actions', title: '', render: (_, c) => <CycleActions cycle={c} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('cycle.list.title')}
        extra={
          canManageEvaluations(me) && (
            <Link to="/evaluation-cycles/new">
              <Button type="primary" style={{ minHeight: 44 }}>
                {t('cycle.new')}
              </Button>
            </Link>
          )
        }
      />
      <ErrorAlert error={list.error} />
      <Table<Cycle> rowKey="id" loading={list.isLoading} columns={columns} dataSource={list.data?.items ?? []} pagination={false} />
    </>
  );
}
