/** The self-assessment: a score per indicator with the platform's facts beside it, a narrative per
 * dimension, evidence links, and for a secretary the duty report; read-only once submitted. */
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useI18n, useT, type MessageKey, type Translate } from '../../lib/i18n';
import { evaluationTemplateQuery, factsQuery, useSaveSelfAssessment, type Evaluation, type Template } from './api';
import { scoreErrors, type ScoreErrors } from './scoreErrors';

type Dimension = Template['dimensions'][number];
type Indicator = Dimension['indicators'][number];
type Facts = Record<string, unknown>;
interface Link {
  title: string;
  url: string;
}

export function localName(item: { name: string; name_en?: string | null }, english: boolean): string {
  return english && item.name_en ? item.name_en : item.name;
}

function factValue(t: Translate, value: unknown): string {
  if (typeof value === 'boolean') return t(value ? 'eval.fact.yes' : 'eval.fact.no');
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return '—';
}

/** The fact that evidences an indicator, as a tag beside its score. */
export function FactTag({ indicator, facts }: { indicator: Indicator; facts: Facts | undefined }) {
  const t = useT();
  if (!indicator.evidenced_by || !facts) return null;
  const name = t(`eval.fact.${indicator.evidenced_by}` as MessageKey);
  return (
    <Tag color="geekblue" data-testid={`fact-${indicator.code}`} style={{ whiteSpace: 'normal' }}>
      {name} · {t('eval.fact', { value: factValue(t, facts[indicator.evidenced_by]) })}
    </Tag>
  );
}

function points(value: number | string | null | undefined): number {
  const n = typeof value === 'string' ? Number(value) : (value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** The score inputs of one template's indicators, grouped by dimension, for the self-assessment and
 * the review alike; `narratives` adds a text per dimension. */
export function ScoreSheet({
  template,
  facts,
  scores,
  onScore,
  readOnly,
  errors,
  narratives,
  onNarrative,
  idPrefix,
}: {
  template: Template;
  facts: Facts | undefined;
  scores: Record<string, number | null>;
  onScore: (code: string, value: number | null) => void;
  readOnly: boolean;
  errors: Record<string, string>;
  narratives?: Record<string, string>;
  onNarrative?: (code: string, value: string) => void;
  idPrefix: string;
}) {
  const t = useT();
  const { language } = useI18n();
  const english = language === 'en-US';
  return (
    <>
      {template.dimensions.map((dimension) => {
        const sum = dimension.indicators.reduce((acc, i) => acc + points(scores[i.code]), 0);
        const max = dimension.indicators.reduce((acc, i) => acc + points(i.max_score), 0);
        return (
          <Card
            key={dimension.code}
            size="small"
            title={localName(dimension, english)}
            extra={<span>{t('eval.self.sum', { score: sum, max })}</span>}
            style={{ marginBottom: 12 }}
          >
            {dimension.indicators.map((indicator) => {
              const name = localName(indicator, english);
              const error = errors[`scores.${indicator.code}`];
              const max = points(indicator.max_score);
              return (
                <Form.Item
                  key={indicator.code}
                  label={<label htmlFor={`${idPrefix}-${indicator.code}`}>{name}</label>}
                  validateStatus={error ? 'error' : undefined}
                  help={error}
                  extra={indicator.description}
                  style={{ marginBottom: 12 }}
                >
                  <Flex gap={8} align="center" wrap>
                    {readOnly ? (
                      <Typography.Text strong data-testid={`${idPrefix}-value-${indicator.code}`}>
                        {scores[indicator.code] ?? '—'}
                      </Typography.Text>
                    ) : (
                      <InputNumber
                        id={`${idPrefix}-${indicator.code}`}
                        aria-label={t('eval.self.scoreOf', { name, max })}
                        min={0}
                        max={max}
                        step={0.5}
                        value={scores[indicator.code] ?? null}
                        onChange={(value) => onScore(indicator.code, value === null ? null : Number(value))}
                        style={{ width: 120, minHeight: 44 }}
                        status={error ? 'error' : undefined}
                      />
                    )}
                    <span>{t('eval.self.max', { max })}</span>
                    <FactTag indicator={indicator} facts={facts} />
                  </Flex>
                </Form.Item>
              );
            })}
            {narratives && onNarrative && (
              <Form.Item
                label={<label htmlFor={`${idPrefix}-narrative-${dimension.code}`}>{t('eval.self.narrative', { dimension: localName(dimension, english) })}</label>}
                validateStatus={errors[`narratives.${dimension.code}`] ? 'error' : undefined}
                help={errors[`narratives.${dimension.code}`]}
                style={{ marginBottom: 0 }}
              >
                {readOnly ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {narratives[dimension.code] || '—'}
                  </Typography.Paragraph>
                ) : (
                  <Input.TextArea
                    id={`${idPrefix}-narrative-${dimension.code}`}
                    aria-label={t('eval.self.narrative', { dimension: localName(dimension, english) })}
                    rows={3}
                    maxLength={5000}
                    value={narratives[dimension.code] ?? ''}
                    onChange={(e) => onNarrative(dimension.code, e.target.value)}
                  />
                )}
              </Form.Item>
            )}
          </Card>
        );
      })}
    </>
  );
}

function initialScores(evaluation: Evaluation): Record<string, number | null> {
  return Object.fromEntries(Object.entries(evaluation.self_scores).map(([code, value]) => [code, points(value as string)]));
}

function SelfAssessmentEditor({ evaluation, template, facts }: { evaluation: Evaluation; template: Template; facts: Facts | undefined }) {
  const t = useT();
  const { message } = App.useApp();
  const save = useSaveSelfAssessment(evaluation);
  const [scores, setScores] = useState(() => initialScores(evaluation));
  const [narratives, setNarratives] = useState<Record<string, string>>(() => ({ ...evaluation.narratives }));
  const [links, setLinks] = useState<Link[]>(() => evaluation.evidence_links.map((l) => ({ title: l.title ?? '', url: l.url ?? '' })));
  const [dutyReport, setDutyReport] = useState(evaluation.duty_report ?? '');
  const [errors, setErrors] = useState<ScoreErrors | null>(null);
  const secretary = evaluation.member_id !== null;
  const readOnly = !(evaluation.state === 'self_assessment' && evaluation.can_self_assess);
  const fields = errors?.fields ?? {};

  const submit = async () => {
    setErrors(null);
    const filled = Object.fromEntries(Object.entries(scores).filter((entry): entry is [string, number] => entry[1] !== null));
    try {
      await save.mutateAsync({
        scores: filled,
        narratives: Object.fromEntries(Object.entries(narratives).filter(([, text]) => text.trim() !== '')),
        evidence_links: links.filter((l) => l.title.trim() !== '' || l.url.trim() !== ''),
        duty_report: secretary ? dutyReport : null,
      });
      void message.success(t('eval.self.saved'));
    } catch (error) {
      setErrors(scoreErrors(error, t));
    }
  };

  const total = template.dimensions.flatMap((d) => d.indicators).reduce((acc, i) => acc + points(scores[i.code]), 0);
  const max = template.dimensions.flatMap((d) => d.indicators).reduce((acc, i) => acc + points(i.max_score), 0);
  return (
    <Card
      title={<h2 style={{ fontSize: '1.1rem', margin: 0 }}>{t('eval.self.title')}</h2>}
      extra={<span data-testid="self-total">{t('eval.self.sum', { score: total, max })}</span>}
      style={{ marginBottom: 16 }}
      data-testid="self-assessment"
    >
      {readOnly && evaluation.submitted_at && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('eval.self.readOnly')} />}
      {errors && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={errors.message} />}
      <Form layout="vertical" component="div">
        <ScoreSheet
          template={template}
          facts={facts}
          scores={scores}
          onScore={(code, value) => setScores((s) => ({ ...s, [code]: value }))}
          readOnly={readOnly}
          errors={fields}
          narratives={narratives}
          onNarrative={(code, value) => setNarratives((n) => ({ ...n, [code]: value }))}
          idPrefix="self"
        />
        {secretary && (
          <Form.Item
            label={<label htmlFor="self-duty-report">{t('eval.self.dutyReport')}</label>}
            validateStatus={fields.duty_report ? 'error' : undefined}
            help={fields.duty_report}
          >
            {readOnly ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{dutyReport || '—'}</Typography.Paragraph>
            ) : (
              <Input.TextArea id="self-duty-report" aria-label={t('eval.self.dutyReport')} rows={6} maxLength={20000} value={dutyReport} onChange={(e) => setDutyReport(e.target.value)} />
            )}
          </Form.Item>
        )}
        <Typography.Title level={3} style={{ fontSize: '1rem' }}>
          {t('eval.self.evidence')}
        </Typography.Title>
        {links.length === 0 && readOnly && <Typography.Text type="secondary">—</Typography.Text>}
        {links.map((link, index) => (
          <Flex key={index} gap={8} wrap align="start" style={{ marginBottom: 8 }}>
            {readOnly ? (
              <a href={link.url} target="_blank" rel="noreferrer">
                {link.title || link.url}
              </a>
            ) : (
              <>
                <Form.Item
                  style={{ margin: 0, flex: '1 1 160px' }}
                  validateStatus={fields[`evidence_links.${index}.title`] ? 'error' : undefined}
                  help={fields[`evidence_links.${index}.title`]}
                >
                  <Input
                    aria-label={t('eval.self.evidenceTitleN', { n: index + 1 })}
                    placeholder={t('eval.self.evidenceTitle')}
                    value={link.title}
                    maxLength={200}
                    style={{ minHeight: 44 }}
                    onChange={(e) => setLinks((all) => all.map((l, i) => (i === index ? { ...l, title: e.target.value } : l)))}
                  />
                </Form.Item>
                <Form.Item
                  style={{ margin: 0, flex: '2 1 220px' }}
                  validateStatus={fields[`evidence_links.${index}.url`] ? 'error' : undefined}
                  help={fields[`evidence_links.${index}.url`]}
                >
                  <Input
                    type="url"
                    aria-label={t('eval.self.evidenceUrlN', { n: index + 1 })}
                    placeholder="https://"
                    value={link.url}
                    style={{ minHeight: 44 }}
                    onChange={(e) => setLinks((all) => all.map((l, i) => (i === index ? { ...l, url: e.target.value } : l)))}
                  />
                </Form.Item>
                <Button style={{ minHeight: 44 }} onClick={() => setLinks((all) => all.filter((_, i) => i !== index))}>
                  {t('eval.self.removeEvidence')}
                </Button>
              </>
            )}
          </Flex>
        ))}
        {!readOnly && (
          <Space wrap style={{ marginTop: 8 }}>
            <Button style={{ minHeight: 44 }} disabled={links.length >= 50} onClick={() => setLinks((all) => [...all, { title: '', url: '' }])}>
              {t('eval.self.addEvidence')}
            </Button>
            <Button type="primary" style={{ minHeight: 44 }} loading={save.isPending} onClick={() => void submit()}>
              {t('eval.self.save')}
            </Button>
          </Space>
        )}
        {!readOnly && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('eval.self.submitHint')}</Typography.Paragraph>}
      </Form>
    </Card>
  );
}

/** The self-assessment section of an evaluation page (keyed by version so a saved answer reloads). */
export function SelfAssessmentForm({ evaluation }: { evaluation: Evaluation }) {
  const template = useQuery(evaluationTemplateQuery(evaluation.id));
  const facts = useQuery(factsQuery(evaluation.id));
  if (template.isLoading) return <Loading />;
  if (template.error || !template.data) return <ErrorAlert error={template.error} />;
  return (
    <SelfAssessmentEditor
      key={`${evaluation.id}-${evaluation.version}`}
      evaluation={evaluation}
      template={template.data}
      facts={facts.data}
    />
  );
}
