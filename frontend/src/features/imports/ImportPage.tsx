import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Progress, Result, Steps, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { hasMessage, useI18n } from '../../lib/i18n';
import { formatSize, useLimits } from '../../lib/limits';
import { useMe } from '../../lib/me';
import { useJob, useRefreshImported, useStartImport, type ImportKind, type Job } from './api';
import { BoundaryExampleButton } from './BoundaryExampleButton';
import { outcomeOf } from './job';
import { KINDS, kindOf } from './kinds';
import { ProblemTable } from './ProblemTable';
import { downloadTemplate, REQUIRED_HEADERS } from './template';

/** Progress of a running job: the share of rows looked at so far. */
function JobProgress({ job }: { job: Job | undefined }) {
  const { t } = useI18n();
  const percent = Math.round(job?.percent ?? 0);
  return (
    <Flex vertical gap={8} role="status" aria-live="polite">
      <Typography.Text>{job?.dry_run === false ? t('import.importing') : t('import.checking')}</Typography.Text>
      <Progress percent={percent} status="active" aria-label={t('import.progress')} />
      {job && job.total_rows > 0 ? (
        <Typography.Text type="secondary">{t('import.rowsDone', { done: job.processed_rows, total: job.total_rows })}</Typography.Text>
      ) : null}
    </Flex>
  );
}

/** Why a job failed as a whole, by its code: the missing columns, the row limit, or the code's words. */
function failureText(code: string, columns: string[], t: ReturnType<typeof useI18n>['t'], maxRows: number, language: string): string {
  if (code === 'import_columns_missing' && columns.length > 0) return t('import.columnsMissing', { columns: columns.join('、') });
  if (code === 'import_too_many_rows') return t('import.tooManyRows', { rows: maxRows.toLocaleString(language) });
  const key = `error.code.${code}`;
  return hasMessage(key) ? t(key) : t('import.failed');
}

/** Why a finished job stopped, in words, or what it did. */
function JobOutcome({ job, kind }: { job: Job; kind: ImportKind }) {
  const { t, language } = useI18n();
  const limits = useLimits();
  const outcome = outcomeOf(job);
  switch (outcome.kind) {
    case 'failed':
      return (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={failureText(outcome.code, outcome.columns, t, limits.import_max_rows, language)}
        />
      );
    case 'problems':
      return (
        <>
          <Alert
            type={job.dry_run ? 'warning' : 'error'}
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            title={job.dry_run ? t('import.dryRunProblems') : t('error.code.import_rows_refused')}
            description={t('import.fixAndRetry')}
          />
          <ProblemTable problems={job.errors} count={job.error_count} />
        </>
      );
    case 'ready':
      return <Alert type="success" showIcon role="status" title={t('import.ready', { count: job.total_rows })} />;
    case 'imported':
      return (
        <Result
          status="success"
          title={t(KINDS[kind].done, { count: job.created_rows })}
          extra={
            <Link to={KINDS[kind].list}>
              <Button type="primary">{t(KINDS[kind].toList)}</Button>
            </Link>
          }
        />
      );
    default:
      return null;
  }
}

/**
 * Import a table in four steps: pick the file, check it (a dry run, whose problems are listed
 * by row), import it (all rows or none), and the result.
 */
export function ImportPage() {
  const { t, language } = useI18n();
  const kind = kindOf(useParams().kind);
  const { data: me } = useMe();
  const limits = useLimits();
  const refreshImported = useRefreshImported();
  const [file, setFile] = useState<File | null>(null);
  const tooLarge = file !== null && file.size > limits.upload_max_bytes;
  const [verify, setVerify] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartImport(kind ?? 'members', (job) => setJobId(job.id));
  const job = useJob(jobId);
  const outcome = outcomeOf(job.data);
  useEffect(() => {
    if (outcome.kind === 'imported' && kind !== null) void refreshImported(KINDS[kind].changes);
  }, [outcome.kind, kind, refreshImported]);

  if (kind === null) return <Result status="404" title={t('notFound.title')} subTitle={t('notFound.body')} />;
  const allowed = KINDS[kind].allowed(me);
  if (me !== undefined && !allowed) return <Result status="403" title={t('error.code.forbidden')} />;

  const reset = () => {
    setFile(null);
    setJobId(null);
    start.reset();
  };
  const running = jobId !== null && outcome.kind === 'running';
  const dryRun = job.data?.dry_run ?? true;
  const step = jobId === null ? 0 : dryRun ? 1 : outcome.kind === 'running' ? 2 : 3;
  const title = t(KINDS[kind].title);

  return (
    <>
      <PageHeader
        title={title}
        extra={
          kind === 'grid-boundaries' ? (
            <BoundaryExampleButton />
          ) : (
            <ExportButtons
              label={t('import.template')}
              choices={{ xlsx: t('import.templateXlsx'), csv: t('import.templateCsv') }}
              onExport={(format) => downloadTemplate(kind, format)}
            />
          )
        }
      />
      <Card size="small">
        <Steps
          size="small"
          current={step}
          responsive
          style={{ marginBottom: 16 }}
          items={[{ title: t('import.stepChoose') }, { title: t('import.stepCheck') }, { title: t('import.stepImport') }, { title: t('import.stepDone') }]}
        />
        <ErrorAlert error={start.error} />
        {jobId === null ? (
          <Flex vertical gap={12}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {kind === 'grid-boundaries' ? t('import.introBoundaries') : t('import.intro', { columns: REQUIRED_HEADERS[kind].join('、') })}
            </Typography.Paragraph>
            <Upload.Dragger
              accept={KINDS[kind].accept}
              maxCount={1}
              multiple={false}
              showUploadList={false}
              beforeUpload={(chosen) => {
                setFile(chosen);
                start.reset();
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{file ? file.name : t('import.pick')}</p>
              <p className="ant-upload-hint">
                {t(kind === 'grid-boundaries' ? 'import.pickHintBoundaries' : 'import.pickHintRows', {
                  size: formatSize(limits.upload_max_bytes),
                  rows: limits.import_max_rows.toLocaleString(language),
                })}
              </p>
            </Upload.Dragger>
            {tooLarge ? <Alert type="error" showIcon role="alert" title={t('import.tooLarge', { size: formatSize(limits.upload_max_bytes) })} /> : null}
            {kind === 'volunteer-records' ? (
              <Checkbox checked={verify} onChange={(event) => setVerify(event.target.checked)}>
                {t('import.verifyAtOnce')}
              </Checkbox>
            ) : null}
            <Flex gap={8} wrap>
              <Button
                type="primary"
                disabled={file === null || tooLarge}
                loading={start.isPending}
                onClick={() => start.mutate({ file: file as File, dryRun: true, verify })}
              >
                {t('import.check')}
              </Button>
            </Flex>
          </Flex>
        ) : (
          <Flex vertical gap={12}>
            {file ? (
              <Typography.Text type="secondary">
                {t('import.file', { name: file.name })}
                {kind === 'volunteer-records' && verify ? ` · ${t('import.verifyAtOnce')}` : ''}
              </Typography.Text>
            ) : null}
            <ErrorAlert error={job.error} />
            {running ? <JobProgress job={job.data} /> : null}
            {job.data && !running ? <JobOutcome job={job.data} kind={kind} /> : null}
            {!running ? (
              <Flex gap={8} wrap>
                {outcome.kind === 'ready' ? (
                  <Button type="primary" loading={start.isPending} onClick={() => start.mutate({ file: file as File, dryRun: false, verify })}>
                    {t('import.run', { count: job.data?.total_rows ?? 0 })}
                  </Button>
                ) : null}
                <Button onClick={reset}>{outcome.kind === 'imported' ? t('import.another') : t('import.chooseAnother')}</Button>
              </Flex>
            ) : null}
          </Flex>
        )}
      </Card>
    </>
  );
}
