import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../lib/i18n';
import type { RowProblem } from './api';
import { expectedText, problemText, visibleProblems } from './job';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/**
 * The problems of a file, by row, twenty to a page (a job keeps the first thousand): the cell,
 * what is wrong, what it holds and what it should hold, all from codes and parameters.
 */
export function ProblemTable({ problems, count }: { problems: RowProblem[]; count: number }) {
  const { t, language } = useI18n();
  const rows = visibleProblems(problems).map((problem, index) => ({ ...problem, key: index }));
  const columns: ColumnsType<(typeof rows)[number]> = [
    { key: 'row', title: t('import.row'), dataIndex: 'row', width: 72, align: 'right' },
    { key: 'column', title: t('import.column'), width: 140, render: (_, problem) => problem.column ?? '—' },
    { key: 'reason', title: t('import.reason'), render: (_, problem) => problemText(problem, t) },
    {
      key: 'value',
      title: t('import.value'),
      render: (_, problem) => (problem.value ? <Typography.Text code style={{ wordBreak: 'break-all' }}>{problem.value}</Typography.Text> : dash),
    },
    { key: 'expected', title: t('import.expected'), render: (_, problem) => expectedText(problem, t, language) ?? dash },
  ];
  return (
    <>
      <Typography.Paragraph type="danger" strong>
        {t('import.problemCount', { count: count.toLocaleString(language) })}
        {count > problems.length ? ` ${t('import.problemsShown', { shown: problems.length.toLocaleString(language) })}` : ''}
      </Typography.Paragraph>
      <Table
        size="small"
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
        aria-label={t('import.problems')}
      />
    </>
  );
}
