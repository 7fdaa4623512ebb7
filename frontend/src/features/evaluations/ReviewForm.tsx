/** An assigned reviewer's organizational review: a score per indicator and a comment; final once submitted. */
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';
import { evaluationTemplateQuery, factsQuery, myReviewQuery, useSaveReview, type Evaluation, type Review, type Template } from './api';
import { scoreErrors, type ScoreErrors } from './scoreErrors';
import { ScoreSheet } from './SelfAssessmentForm';

function ReviewEditor({ evaluation, template, review }: { evaluation: Evaluation; template: Template; review: Review | null }) {
  const t = useT();
  const { language } = useI18n();
  const { message } = App.useApp();
  const facts = useQuery(factsQuery(evaluation.id));
  const save = useSaveReview(evaluation.id, review);
  const [scores, setScores] = useState<Record<string, number | null>>(() =>
    Object.fromEntries(Object.entries(review?.scores ?? {}).map(([code, value]) => [code, Number(value)])),
  );
  const [comment, setComment] = useState(review?.comment ?? '');
  const [errors, setErrors] = useState<ScoreErrors | null>(null);
  const submitted = review?.submitted_at ?? null;
  const readOnly = submitted !== null || evaluation.state !== 'organizational_review';

  const send = async (submit: boolean) => {
    setErrors(null);
    const filled = Object.fromEntries(Object.entries(scores).filter((entry): entry is [string, number] => entry[1] !== null));
    try {
      await save.mutateAsync({ scores: filled, comment: comment.trim() === '' ? null : comment, submit });
      void message.success(t(submit ? 'eval.review.submitted' : 'eval.review.saved'));
    } catch (error) {
      setErrors(scoreErrors(error, t));
    }
  };

  return (
    <Card
      title={<h2 style={{ fontSize: '1.1rem', margin: 0 }}>{t('eval.review.title')}</h2>}
      style={{ marginBottom: 16 }}
      data-testid="review-form"
    >
      {submitted && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('eval.review.final', { at: formatDateTime(submitted, language) })} />
      )}
      {!submitted && readOnly && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('eval.review.notOpen')} />}
      {errors && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={errors.message} />}
      <Form layout="vertical" component="div">
        <ScoreSheet
          template={template}
          facts={facts.data}
          scores={scores}
          onScore={(code, value) => setScores((s) => ({ ...s, [code]: value }))}
          readOnly={readOnly}
          errors={errors?.fields ?? {}}
          idPrefix="review"
        />
        <Form.Item
          label={<label htmlFor="review-comment">{t('eval.review.comment')}</label>}
          validateStatus={errors?.fields.comment ? 'error' : undefined}
          help={errors?.fields.comment}
        >
          {readOnly ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{comment || '—'}</Typography.Paragraph>
          ) : (
            <Input.TextArea id="review-comment" aria-label={t('eval.review.comment')} rows={4} maxLength={5000} value={comment} onChange={(e) => setComment(e.target.value)} />
          )}
        </Form.Item>
        {!readOnly && (
          <Space wrap>
            <Button style={{ minHeight: 44 }} loading={save.isPending} onClick={() => void send(false)}>
              {t('eval.review.save')}
            </Button>
            <Button type="primary" style={{ minHeight: 44 }} loading={save.isPending} onClick={() => void send(true)}>
              {t('eval.review.submit')}
            </Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}

/** The review section of an evaluation page, for the cycle's assigned reviewers. */
export function ReviewForm({ evaluation }: { evaluation: Evaluation }) {
  const template = useQuery(evaluationTemplateQuery(evaluation.id));
  const review = useQuery(myReviewQuery(evaluation.id));
  if (template.isLoading || review.isLoading) return <Loading />;
  if (template.error || !template.data) return <ErrorAlert error={template.error} />;
  if (review.error) return <ErrorAlert error={review.error} />;
  const mine = review.data ?? null;
  return <ReviewEditor key={`${evaluation.id}-${mine?.version ?? 0}-${evaluation.state}`} evaluation={evaluation} template={template.data} review={mine} />;
}
