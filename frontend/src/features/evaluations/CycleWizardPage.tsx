/** The cycle wizard: basics, targets, templates, windows and weights, reviewers; then the targets a
 * launch would evaluate, and the launch. */
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, List, Select, Space, Steps, Typography } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { newIdempotencyKey } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showFieldErrors } from '../../components/formErrors';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { useEnums } from '../../lib/enums';
import { errorText } from '../../lib/errors';
import { useI18n, useT } from '../../lib/i18n';
import {
  previewQuery,
  reviewerSearchQuery,
  templatesQuery,
  useCycleAction,
  useSaveCycle,
  weightsValid,
  type Cycle,
  type CycleCreate,
} from './api';

type Subject = CycleCreate['subject'];
type Domain = NonNullable<CycleCreate['target_domains']>[number];

interface Values {
  name: string;
  year: number;
  subject: Subject;
  organization_id: string;
  target_domains: Domain[];
  target_tiers: NonNullable<CycleCreate['target_tiers']>;
  target_kinds: NonNullable<CycleCreate['target_kinds']>;
  templates: Record<string, string | undefined>;
  self_opens: string;
  self_closes: string;
  public_opens: string;
  public_closes: string;
  review_opens: string;
  review_closes: string;
  weight_self: number;
  weight_public: number;
  weight_review: number;
  min_public_ratings: number;
  excellent: number;
  good: number;
  fair: number;
  reviewers: string[];
  groups: Record<string, string | undefined>;
}

const STEP_FIELDS: (keyof Values)[][] = [
  ['name', 'year', 'subject', 'organization_id'],
  ['target_domains', 'target_tiers', 'target_kinds'],
  [],
  ['self_opens', 'self_closes', 'public_opens', 'public_closes', 'review_opens', 'review_closes', 'weight_self', 'weight_public', 'weight_review', 'min_public_ratings', 'excellent', 'good', 'fair'],
  ['reviewers'],
];

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function defaults(): Partial<Values> {
  const now = new Date();
  const day = 24 * 3600 * 1000;
  const at = (days: number) => isoDate(new Date(now.getTime() + days * day));
  return {
    year: now.getFullYear(),
    subject: 'organization',
    target_domains: [],
    target_tiers: [],
    target_kinds: [],
    templates: {},
    self_opens: at(0),
    self_closes: at(30),
    public_opens: at(30),
    public_closes: at(60),
    review_opens: at(60),
    review_closes: at(90),
    weight_self: 0.2,
    weight_public: 0.4,
    weight_review: 0.4,
    min_public_ratings: 30,
    excellent: 90,
    good: 80,
    fair: 60,
    reviewers: [],
    groups: {},
  };
}

/** A date at local midnight, as an instant. */
function instant(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}

export function toCycleBody(v: Values): CycleCreate {
  const templates = Object.fromEntries(Object.entries(v.templates ?? {}).filter((e): e is [string, string] => Boolean(e[1])));
  return {
    organization_id: v.organization_id,
    name: v.name.trim(),
    year: v.year,
    subject: v.subject,
    target_domains: v.target_domains,
    target_tiers: v.target_tiers,
    target_kinds: v.target_kinds,
    templates,
    windows: {
      self_assessment: { opens_at: instant(v.self_opens), closes_at: instant(v.self_closes) },
      public_rating: { opens_at: instant(v.public_opens), closes_at: instant(v.public_closes) },
      organizational_review: { opens_at: instant(v.review_opens), closes_at: instant(v.review_closes) },
    },
    weights: { self: v.weight_self, public: v.weight_public, review: v.weight_review },
    min_public_ratings: v.min_public_ratings,
    thresholds: { excellent: v.excellent, good: v.good, fair: v.fair },
    satisfaction_cap: 0.9,
    advanced_share: 0.3,
    lagging_share: 0.1,
    reviewers: v.reviewers.map((user_id) => ({ user_id, group: v.groups?.[user_id]?.trim() || null })),
  };
}

function ReviewerPicker({ value, onChange, id }: { value?: string[]; onChange?: (ids: string[]) => void; id?: string }) {
  const t = useT();
  const [text, setText] = useState('');
  const deferred = useDeferredValue(text.trim());
  const found = useQuery(reviewerSearchQuery(deferred));
  const [names, setNames] = useState<Record<string, string>>({});
  const options = (found.data?.items ?? []).map((u) => ({ value: u.id, label: u.display_name ? `${u.display_name}（${u.username}）` : u.username }));
  const known = (value ?? []).filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: names[v] ?? v }));
  return (
    <Select
      id={id}
      mode="multiple"
      aria-label={t('cycle.reviewers')}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      loading={found.isFetching}
      options={[...known, ...options]}
      onChange={(ids: string[]) => {
        setNames((current) => ({ ...current, ...Object.fromEntries(options.map((o) => [o.value, o.label])) }));
        onChange?.(ids);
      }}
      style={{ width: '100%', minHeight: 44 }}
    />
  );
}

function LaunchStep({ cycle }: { cycle: Cycle }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { label } = useEnums();
  const preview = useQuery(previewQuery(cycle.id));
  const launch = useCycleAction(cycle.id, 'launch');
  const go = async () => {
    try {
      const result = await launch.mutateAsync();
      if ('created' in result) void message.success(t('cycle.launchedCount', { created: result.created, total: result.evaluations }));
      void navigate('/evaluation-cycles');
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  return (
    <Card size="small" title={t('cycle.preview')} data-testid="cycle-preview">
      <ErrorAlert error={preview.error} />
      {preview.data && (
        <>
          <Typography.Paragraph strong data-testid="preview-count">
            {t('cycle.previewCount', { count: preview.data.length })}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={preview.data.slice(0, 100)}
            renderItem={(target) => (
              <List.Item>
                {target.member_name ? `${target.member_name} · ` : ''}
                {target.organization_name} · {label('organization_domain', target.domain)}
              </List.Item>
            )}
          />
          {preview.data.length > 100 && <Typography.Text type="secondary">{t('cycle.previewMore', { count: preview.data.length - 100 })}</Typography.Text>}
        </>
      )}
      <Button type="primary" style={{ marginTop: 12, minHeight: 44 }} loading={launch.isPending} disabled={!preview.data?.length} onClick={() => void go()}>
        {t('cycle.launch')}
      </Button>
    </Card>
  );
}

export function CycleWizardPage() {
  const t = useT();
  const { language } = useI18n();
  const { options } = useEnums();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [cycle, setCycle] = useState<Cycle | null>(null);
  const [key] = useState(newIdempotencyKey);
  const [failure, setFailure] = useState<unknown>(null);
  const save = useSaveCycle();
  const templates = useQuery(templatesQuery());
  const subject = Form.useWatch('subject', form) ?? 'organization';
  const chosenDomains = Form.useWatch('target_domains', form) ?? [];
  const reviewers = Form.useWatch('reviewers', form) ?? [];
  const weights = {
    self: Form.useWatch('weight_self', form) ?? 0,
    public: Form.useWatch('weight_public', form) ?? 0,
    review: Form.useWatch('weight_review', form) ?? 0,
  };
  const weightsOk = weightsValid(weights);
  const domainOptions = options('organization_domain');
  const templateDomains = subject === 'secretary' ? ['*'] : chosenDomains.length ? chosenDomains : domainOptions.map((o) => o.value);
  const english = language === 'en-US';
  const templateOptions = useMemo(
    () => (templates.data?.items ?? []).filter((tpl) => tpl.subject === subject),
    [templates.data, subject],
  );

  const steps = [t('cycle.step.basics'), t('cycle.step.targets'), t('cycle.step.templates'), t('cycle.step.windows'), t('cycle.step.reviewers'), t('cycle.step.launch')];

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step] ?? []);
    } catch {
      return;
    }
    if (step === 3 && !weightsOk) return;
    if (step < 4) {
      setStep(step + 1);
      return;
    }
    setFailure(null);
    try {
      const saved = await save.mutateAsync({ body: toCycleBody(form.getFieldsValue(true) as Values), existing: cycle, key });
      setCycle(saved);
      setStep(5);
    } catch (error) {
      setFailure(error);
      showFieldErrors(form, error, t, { evaluation_weights_invalid: 'weight_public' });
    }
  };

  const dateItem = (name: keyof Values, text: string) => (
    <Form.Item name={name} label={text} rules={[{ required: true, message: t('cycle.required') }]} style={{ flex: '1 1 150px' }}>
      <Input type="date" aria-label={text} style={{ minHeight: 44 }} />
    </Form.Item>
  );
  const numberItem = (name: keyof Values, text: string, props: { min: number; max: number; step: number }) => (
    <Form.Item name={name} label={text} rules={[{ required: true, message: t('cycle.required') }]} style={{ flex: '1 1 150px' }}>
      <InputNumber aria-label={text} {...props} style={{ width: '100%', minHeight: 44 }} />
    </Form.Item>
  );

  return (
    <>
      <PageHeader title={t('cycle.new')} />
      <Steps current={step} size="small" items={steps.map((title) => ({ title }))} style={{ marginBottom: 16 }} />
      {failure !== null && <ErrorAlert error={failure} />}
      <Form form={form} layout="vertical" initialValues={defaults()} disabled={step === 5} style={{ maxWidth: 880 }}>
        <div hidden={step !== 0}>
          <Form.Item name="name" label={t('cycle.name')} rules={[{ required: true, whitespace: true, message: t('cycle.required') }]}>
            <Input aria-label={t('cycle.name')} maxLength={200} style={{ minHeight: 44 }} />
          </Form.Item>
          <Flex gap={12} wrap>
            {numberItem('year', t('cycle.year'), { min: 2000, max: 2100, step: 1 })}
            <Form.Item name="subject" label={t('cycle.subject')} style={{ flex: '1 1 150px' }}>
              <Select
                aria-label={t('cycle.subject')}
                style={{ minHeight: 44 }}
                options={(['organization', 'secretary'] as const).map((value) => ({ value, label: t(`eval.subject.${value}`) }))}
              />
            </Form.Item>
          </Flex>
          <Form.Item name="organization_id" label={t('cycle.organization')} rules={[{ required: true, message: t('cycle.required') }]}>
            <OrganizationSelect id="cycle-organization" style={{ minHeight: 44 }} />
          </Form.Item>
        </div>
        <div hidden={step !== 1}>
          <Form.Item name="target_domains" label={t('cycle.targetDomains')}>
            <Select mode="multiple" aria-label={t('cycle.targetDomains')} options={domainOptions} style={{ minHeight: 44 }} />
          </Form.Item>
          <Form.Item name="target_tiers" label={t('cycle.targetTiers')}>
            <Select mode="multiple" aria-label={t('cycle.targetTiers')} options={options('organization_tier')} style={{ minHeight: 44 }} />
          </Form.Item>
          <Form.Item name="target_kinds" label={t('cycle.targetKinds')}>
            <Select mode="multiple" aria-label={t('cycle.targetKinds')} options={options('organization_kind')} style={{ minHeight: 44 }} />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('cycle.previewLater')}</Typography.Paragraph>
        </div>
        <div hidden={step !== 2}>
          <ErrorAlert error={templates.error} />
          {templateDomains.map((domain) => {
            const domainLabel = domain === '*' ? t('eval.subject.secretary') : (domainOptions.find((o) => o.value === domain)?.label ?? domain);
            const text = t('cycle.template', { domain: domainLabel });
            return (
              <Form.Item key={domain} name={['templates', domain]} label={text}>
                <Select
                  aria-label={text}
                  allowClear
                  placeholder={t('cycle.templateDefault')}
                  style={{ minHeight: 44 }}
                  options={templateOptions
                    .filter((tpl) => domain === '*' || tpl.domain === null || tpl.domain === domain)
                    .map((tpl) => ({ value: tpl.id, label: english && tpl.name_en ? tpl.name_en : tpl.name }))}
                />
              </Form.Item>
            );
          })}
        </div>
        <div hidden={step !== 3}>
          <Typography.Title level={2} style={{ fontSize: '1rem' }}>
            {t('eval.windows')}
          </Typography.Title>
          <Flex gap={12} wrap>
            {dateItem('self_opens', t('cycle.window.selfOpens'))}
            {dateItem('self_closes', t('cycle.window.selfCloses'))}
          </Flex>
          <Flex gap={12} wrap>
            {dateItem('public_opens', t('cycle.window.publicOpens'))}
            {dateItem('public_closes', t('cycle.window.publicCloses'))}
          </Flex>
          <Flex gap={12} wrap>
            {dateItem('review_opens', t('cycle.window.reviewOpens'))}
            {dateItem('review_closes', t('cycle.window.reviewCloses'))}
          </Flex>
          <Typography.Title level={2} style={{ fontSize: '1rem' }}>
            {t('cycle.weights')}
          </Typography.Title>
          <Flex gap={12} wrap>
            {numberItem('weight_self', t('cycle.weights.self'), { min: 0, max: 1, step: 0.05 })}
            {numberItem('weight_public', t('cycle.weights.public'), { min: 0, max: 1, step: 0.05 })}
            {numberItem('weight_review', t('cycle.weights.review'), { min: 0, max: 1, step: 0.05 })}
          </Flex>
          <Alert
            type={weightsOk ? 'info' : 'error'}
            role={weightsOk ? undefined : 'alert'}
            showIcon
            data-testid="weights-rule"
            message={weightsOk ? t('cycle.weights.rule') : t('error.code.evaluation_weights_invalid')}
            style={{ marginBottom: 12 }}
          />
          <Flex gap={12} wrap>
            {numberItem('min_public_ratings', t('cycle.minRatings'), { min: 0, max: 100000, step: 1 })}
            {numberItem('excellent', t('cycle.threshold.excellent'), { min: 0, max: 100, step: 1 })}
            {numberItem('good', t('cycle.threshold.good'), { min: 0, max: 100, step: 1 })}
            {numberItem('fair', t('cycle.threshold.fair'), { min: 0, max: 100, step: 1 })}
          </Flex>
        </div>
        <div hidden={step !== 4}>
          <Form.Item name="reviewers" label={t('cycle.reviewers')}>
            <ReviewerPicker id="cycle-reviewers" />
          </Form.Item>
          {reviewers.map((userId) => (
            <Form.Item key={userId} name={['groups', userId]} label={t('cycle.reviewerGroupOf', { n: reviewers.indexOf(userId) + 1 })}>
              <Input aria-label={t('cycle.reviewerGroupOf', { n: reviewers.indexOf(userId) + 1 })} maxLength={100} placeholder={t('cycle.reviewerGroup')} style={{ minHeight: 44 }} />
            </Form.Item>
          ))}
        </div>
      </Form>
      {step === 5 && cycle && <LaunchStep cycle={cycle} />}
      <Space wrap style={{ marginTop: 12 }}>
        {step > 0 && (
          <Button style={{ minHeight: 44 }} onClick={() => setStep(step === 5 ? 4 : step - 1)}>
            {t('cycle.previous')}
          </Button>
        )}
        {step < 5 && (
          <Button type="primary" style={{ minHeight: 44 }} loading={save.isPending} disabled={step === 3 && !weightsOk} onClick={() => void next()}>
            {step === 4 ? (cycle ? t('cycle.saveAndPreview') : t('cycle.create')) : t('cycle.next')}
          </Button>
        )}
      </Space>
    </>
  );
}
