/** One evaluation: state, step windows, scores, the transitions open to the caller, and the public rating tools. */
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useEnums } from '../../lib/enums';
import { errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';
import { canManageEvaluations, useMe } from '../../lib/me';
import { evaluationQuery, needsReason, qrQuery, useMakeInvitations, useTransition, type Evaluation, type EvaluationState } from './api';
import { STATE_COLOR } from './EvaluationsPage';
import { evalLabel, percent, score } from './labels';
import './print.css';
import { ReviewForm } from './ReviewForm';
import { SelfAssessmentForm } from './SelfAssessmentForm';

function Transitions({ evaluation }: { evaluation: Evaluation }) {
  const t = useT();
  const { message } = App.useApp();
  const transition = useTransition(evaluation);
  const [asking, setAsking] = useState<EvaluationState | null>(null);
  const [reason, setReason] = useState('');
  const go = async (to: EvaluationState, why: string | null) => {
    try {
      await transition.mutateAsync({ to, reason: why });
      setAsking(null);
      setReason('');
      void message.success(t('eval.transition.done', { state: evalLabel(t, 'state', to) }));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  if (evaluation.allowed_transitions.length === 0) return null;
  return (
    <Card title={t('eval.transitions')} size="small" style={{ marginBottom: 16 }}>
      <Space wrap>
        {evaluation.allowed_transitions.map((to) => (
          <Button
            key={to}
            type={needsReason(evaluation.state, to) ? 'default' : 'primary'}
            loading={transition.isPending}
            onClick={() => (needsReason(evaluation.state, to) ? setAsking(to) : void go(to, null))}
          >
            {t('eval.transition.to', { state: evalLabel(t, 'state', to) })}
          </Button>
        ))}
      </Space>
      <Modal
        open={asking !== null}
        title={asking ? t('eval.transition.to', { state: evalLabel(t, 'state', asking) }) : ''}
        okButtonProps={{ disabled: reason.trim() === '', loading: transition.isPending }}
        onOk={() => asking && void go(asking, reason.trim())}
        onCancel={() => setAsking(null)}
      >
        <label htmlFor="transition-reason">{t('eval.transition.reasonRequired')}</label>
        <Input.TextArea id="transition-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}

function RatingTools({ evaluation, manage }: { evaluation: Evaluation; manage: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const qr = useQuery(qrQuery(evaluation.id));
  const invitations = useMakeInvitations(evaluation.id);
  const [count, setCount] = useState<number | null>(20);
  const [codes, setCodes] = useState<string[]>([]);
  if (evaluation.rating_link === null) return null;
  const make = async () => {
    try {
      setCodes((await invitations.mutateAsync(count ?? 1)).codes);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  return (
    <>
      <Card title={t('eval.qrPoster')} size="small" style={{ marginBottom: 16 }} extra={<Button onClick={() => window.print()}>{t('eval.print')}</Button>}>
        <div className="eval-print-area eval-poster">
          <Typography.Title level={4}>{t('eval.poster.scan', { name: evaluation.organization_name })}</Typography.Title>
          {qr.data && <img src={qr.data} alt={t('eval.qrAlt')} width={240} height={240} />}
          <Typography.Paragraph copyable={{ text: evaluation.rating_link }}>
            {t('eval.ratingLink')}: <a href={evaluation.rating_link}>{evaluation.rating_link}</a>
          </Typography.Paragraph>
          {codes.length > 0 && (
            <div className="eval-slips">
              {codes.map((code) => (
                <div key={code} className="eval-slip">
                  <div>{evaluation.organization_name}</div>
                  <div>
                    {t('eval.invitations.slip')}: <b data-testid="invitation-code">{code}</b>
                  </div>
                </div>
              ))}
            </div>
          )}
        </div>
      </Card>
      {manage && (
        <Card title={t('eval.invitations')} size="small" style={{ marginBottom: 16 }}>
          <Flex gap={8} align="center" wrap>
            <label htmlFor="invitation-count">{t('eval.invitations.count')}</label>
            <InputNumber id="invitation-count" min={1} max={1000} value={count} onChange={setCount} />
            <Button type="primary" loading={invitations.isPending} onClick={() => void make()}>
              {t('eval.invitations.make')}
            </Button>
          </Flex>
          {codes.length > 0 && <Typography.Text type="warning">{t('eval.invitations.once')}</Typography.Text>}
        </Card>
      )}
    </>
  );
}

export function EvaluationDetailPage() {
  const t = useT();
  const { evaluationId = '' } = useParams();
  const { label } = useEnums();
  const { language } = useI18n();
  const { data: me } = useMe();
  const query = useQuery(evaluationQuery(evaluationId));
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} />;
  const e = query.data;
  const windows = Object.entries(e.windows);
  return (
    <>
      <PageHeader title={t('eval.detailTitle', { name: e.organization_name })} extra={<Tag color={STATE_COLOR[e.state]}>{evalLabel(t, 'state', e.state)}</Tag>} />
      <Transitions evaluation={e} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'domain', label: t('eval.domain'), children: label('organization_domain', e.domain) },
            ...windows.map(([step, w]) => ({
              key: step,
              label: t(`eval.window.${step}` as 'eval.window.self_assessment'),
              children: `${formatDateTime(w.opens_at, language)} – ${formatDateTime(w.closes_at, language)}`,
            })),
            { key: 'self', label: t('eval.selfScore'), children: score(e.self_score) },
            { key: 'public', label: t('eval.publicScore'), children: score(e.public_score) },
            { key: 'review', label: t('eval.reviewScore'), children: score(e.review_score) },
            { key: 'total', label: t('eval.total'), children: score(e.total) },
            { key: 'count', label: t('eval.ratingCount'), children: e.rating_count },
            { key: 'satisfaction', label: t('eval.satisfaction'), children: percent(e.satisfaction_rate) },
            { key: 'computed', label: t('eval.computedGrade'), children: evalLabel(t, 'grade', e.computed_grade) },
            { key: 'grade', label: t('eval.grade'), children: evalLabel(t, 'grade', e.grade) },
            { key: 'rank', label: t('eval.rank'), children: e.rank ?? '—' },
          ]}
        />
      </Card>
      {(e.can_self_assess || e.submitted_at !== null) && e.state !== 'withdrawn' && <SelfAssessmentForm evaluation={e} />}
      {e.reviewing && ['organizational_review', 'finalized'].includes(e.state) && <ReviewForm evaluation={e} />}
      <RatingTools evaluation={e} manage={canManageEvaluations(me)} />
    </>
  );
}
