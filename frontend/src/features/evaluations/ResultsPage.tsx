/** A cycle's results: filters, sorting, export, grades by domain (chart and table), confirming grades. */
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Modal, Select, Table, Tag, type TableProps } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useEnums } from '../../lib/enums';
import { errorText } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import {
  allResultsQuery,
  cycleQuery,
  exportResults,
  GRADES,
  resultsQuery,
  useConfirmGrade,
  useCycleAction,
  type Grade,
  type ResultFilters,
  type ResultRow,
} from './api';
import { evalLabel, percent, score } from './labels';

const GradeChart = lazy(async () => ({ default: (await import('./GradeChart')).GradeChart }));

function ConfirmGrade({ row }: { row: ResultRow }) {
  const t = useT();
  const { message } = App.useApp();
  const confirm = useConfirmGrade(row.id);
  const [open, setOpen] = useState(false);
  const [grade, setGrade] = useState<Grade | null>(row.grade ?? row.computed_grade);
  const [reason, setReason] = useState('');
  const changed = grade !== row.computed_grade;
  const submit = async () => {
    try {
      await confirm.mutateAsync({ grade, reason: changed ? reason.trim() : null });
      setOpen(false);
      void message.success(t('results.confirmedOne'));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('results.confirm')}
      </Button>
      <Modal
        open={open}
        title={`${t('results.confirmGrade')} · ${row.subject_name}`}
        okButtonProps={{ disabled: changed && reason.trim() === '', loading: confirm.isPending }}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
      >
        <Flex vertical gap={8}>
          <Select
            aria-label={t('eval.grade')}
            value={grade}
            onChange={setGrade}
            options={GRADES.map((g) => ({ value: g, label: evalLabel(t, 'grade', g) }))}
          />
          {changed && (
            <>
              <label htmlFor="grade-reason">{t('results.changeReason')}</label>
              <Input.TextArea id="grade-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
              <span>{t('results.reasonNeeded')}</span>
            </>
          )}
        </Flex>
      </Modal>
    </>
  );
}

function Distribution({ cycleId }: { cycleId: string }) {
  const t = useT();
  const { label } = useEnums();
  const all = useQuery(allResultsQuery(cycleId));
  const rows = useMemo(() => all.data?.items ?? [], [all.data]);
  const domains = [...new Set(rows.map((r) => r.domain))].map((d) => ({ value: d, label: label('organization_domain', d) }));
  const grades = GRADES.map((g) => ({ value: g, label: evalLabel(t, 'grade', g) }));
  const counts = (domain: string, grade: string) =>
    rows.filter((r) => r.domain === domain && (r.grade ?? r.computed_grade) === grade).length;
  if (rows.length === 0) return null;
  return (
    <Card title={t('results.distribution')} size="small" style={{ marginBottom: 16 }}>
      <Suspense fallback={<Loading />}>
        <GradeChart domains={domains} grades={grades} counts={counts} ariaLabel={t('results.distribution')} />
      </Suspense>
      <Table
        size="small"
        pagination={false}
        rowKey="value"
        caption={t('results.distributionTable')}
        dataSource={domains}
        columns={[
          { key: 'domain', title: t('eval.domain'), render: (_, d) => d.label },
          ...grades.map((g) => ({ key: g.value, title: g.label, align: 'right' as const, render: (_: unknown, d: { value: string }) => counts(d.value, g.value) })),
        ]}
      />
    </Card>
  );
}

export function ResultsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { cycleId = '' } = useParams();
  const { label, options } = useEnums();
  const cycle = useQuery(cycleQuery(cycleId));
  const [filters, setFilters] = useState<ResultFilters>({ domain: null, grade: null, order: 'rank' });
  const results = useQuery(resultsQuery(cycleId, filters));
  const confirmAll = useCycleAction(cycleId, 'confirm');
  const columns: TableProps<ResultRow>['columns'] = [
    { key: 'rank', title: t('eval.rank'), render: (_, r) => r.rank ?? '—' },
    { key: 'name', title: t('eval.organization'), render: (_, r) => r.subject_name },
    { key: 'domain', title: t('eval.domain'), responsive: ['md'], render: (_, r) => label('organization_domain', r.domain) },
    { key: 'self', title: t('eval.selfScore'), responsive: ['lg'], align: 'right', render: (_, r) => score(r.self_score) },
    { key: 'public', title: t('eval.publicScore'), responsive: ['lg'], align: 'right', render: (_, r) => score(r.public_score) },
    { key: 'review', title: t('eval.reviewScore'), responsive: ['lg'], align: 'right', render: (_, r) => score(r.review_score) },
    { key: 'total', title: t('eval.total'), align: 'right', render: (_, r) => score(r.total) },
    { key: 'count', title: t('eval.ratingCount'), responsive: ['md'], align: 'right', render: (_, r) => r.rating_count },
    { key: 'satisfaction', title: t('eval.satisfaction'), responsive: ['md'], align: 'right', render: (_, r) => percent(r.satisfaction_rate) },
    { key: 'computed', title: t('eval.computedGrade'), render: (_, r) => evalLabel(t, 'grade', r.computed_grade) },
    { key: 'grade', title: t('eval.grade'), render: (_, r) => (r.grade ? <Tag color="green">{evalLabel(t, 'grade', r.grade)}</Tag> : '—') },
    {
      key: 'flags',
      title: t('eval.flags'),
      responsive: ['lg'],
      render: (_, r) => r.flags.map((f) => <Tag key={f} color="orange">{evalLabel(t, 'flag', f)}</Tag>),
    },
    { key: 'confirm', title: '', render: (_, r) => <ConfirmGrade row={r} /> },
  ];
  return (
    <>
      <PageHeader
        title={`${t('results.title')}${cycle.data ? ` · ${cycle.data.year} ${cycle.data.name}` : ''}`}
        extra={
          <>
            <ExportButtons onExport={(format) => exportResults(cycleId, filters, format)} />
            <Button
              loading={confirmAll.isPending}
              onClick={() =>
                void confirmAll.mutateAsync().then(
                  (r) => message.success(t('cycle.confirmed', { count: 'changed' in r ? r.changed : 0 })),
                  (error: unknown) => message.error(errorText(error, t)),
                )
              }
            >
              {t('cycle.confirm')}
            </Button>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('eval.domain')}
          allowClear
          placeholder={t('eval.domain')}
          style={{ minWidth: 160 }}
          value={filters.domain}
          onChange={(domain: ResultFilters['domain'] | undefined) => setFilters({ ...filters, domain: domain ?? null })}
          options={options('organization_domain')}
        />
        <Select
          aria-label={t('eval.grade')}
          allowClear
          placeholder={t('eval.grade')}
          style={{ minWidth: 120 }}
          value={filters.grade}
          onChange={(grade: Grade | undefined) => setFilters({ ...filters, grade: grade ?? null })}
          options={GRADES.map((g) => ({ value: g, label: evalLabel(t, 'grade', g) }))}
        />
        <Select
          aria-label={t('results.sort')}
          style={{ minWidth: 120 }}
          value={filters.order}
          onChange={(order: ResultFilters['order']) => setFilters({ ...filters, order })}
          options={[
            { value: 'rank', label: t('results.sort.rank') },
            { value: 'name', label: t('results.sort.name') },
          ]}
        />
      </Flex>
      <ErrorAlert error={results.error} />
      <Distribution cycleId={cycleId} />
      <Table<ResultRow>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        loading={results.isLoading}
        columns={columns}
        dataSource={results.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('results.notFinalized') }}
      />
    </>
  );
}
