/** The cycle wizard: basics, targets, templates, windows and weights, reviewers; then the targets a
 * launch would evaluate, and the launch. */
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, List, Select, Space, Steps, Typography, type FormInstance } from 'antd';
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
} from './api';
import { cycleDefaults, reviewGroupsProblem, sharesValid, thresholdsValid, toCycleBody, type CycleValues } from './cycleForm';

const STEP_FIELDS: (keyof CycleValues)[][] = [
  ['name', 'year', 'subject', 'organization_id'],
  ['target_domains', 'target_tiers', 'target_kinds'],
  [],
  [
    'self_opens', 'self_closes', 'public_opens', 'public_closes', 'review_opens', 'review_closes',
    'weight_self', 'weight_public', 'weight_review', 'min_public_ratings', 'excellent', 'good', 'fair',
    'satisfaction_cap', 'advanced_share', 'lagging_share',
  ],
  ['review_groups', 'reviewers'],
];

/** Where the wizard shows a problem of the server's that names no field. */
const CODE_FIELDS = {
  evaluation_weights_invalid: 'weight_public',
  evaluation_shares_invalid: 'lagging_share',
};

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

type FieldName = keyof CycleValues;

function DateItem({ name, text }: { name: FieldName; text: string }) {
  const t = useT();
  return (
    <Form.Item name={name} label={text} rules={[{ required: true, message: t('cycle.required') }]} style={{ flex: '1 1 150px' }}>
      <Input type="date" aria-label={text} style={{ minHeight: 44 }} />
    </Form.Item>
  );
}

function NumberItem({ name, text, min, max, step }: { name: FieldName; text: string; min: number; max: number; step: number }) {
  const t = useT();
  return (
    <Form.Item name={name} label={text} rules={[{ required: true, message: t('cycle.required') }]} style={{ flex: '1 1 150px' }}>
      <InputNumber aria-label={text} min={min} max={max} step={step} style={{ width: '100%', minHeight: 44 }} />
    </Form.Item>
  );
}

/** A rule of the server's, stated; an alert when the values break it. */
function RuleAlert({ ok, testId, rule, broken }: { ok: boolean; testId: string; rule: string; broken: string }) {
  return (
    <Alert type={ok ? 'info' : 'error'} role={ok ? undefined : 'alert'} showIcon data-testid={testId} message={ok ? rule : broken} style={{ marginBottom: 12 }} />
  );
}

/** The grade thresholds, the satisfaction cap (一般 at most below it) and the classification shares. */
function GradingFields({ thresholdsOk, sharesOk }: { thresholdsOk: boolean; sharesOk: boolean }) {
  const t = useT();
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: '1rem' }}>
        {t('cycle.grading')}
      </Typography.Title>
      <Flex gap={12} wrap>
        <NumberItem name="min_public_ratings" text={t('cycle.minRatings')} min={0} max={100000} step={1} />
        <NumberItem name="excellent" text={t('cycle.threshold.excellent')} min={0} max={100} step={1} />
        <NumberItem name="good" text={t('cycle.threshold.good')} min={0} max={100} step={1} />
        <NumberItem name="fair" text={t('cycle.threshold.fair')} min={0} max={100} step={1} />
      </Flex>
      {!thresholdsOk && <Alert type="error" role="alert" showIcon data-testid="thresholds-rule" message={t('cycle.thresholdsInvalid')} style={{ marginBottom: 12 }} />}
      <Flex gap={12} wrap>
        <NumberItem name="satisfaction_cap" text={t('cycle.satisfactionCap')} min={0} max={100} step={1} />
        <NumberItem name="advanced_share" text={t('cycle.advancedShare')} min={0} max={100} step={1} />
        <NumberItem name="lagging_share" text={t('cycle.laggingShare')} min={0} max={100} step={1} />
      </Flex>
      <RuleAlert ok={sharesOk} testId="shares-rule" rule={t('cycle.sharesRule')} broken={t('error.code.evaluation_shares_invalid')} />
    </>
  );
}

/** The review groups (条块结合) with their weights. */
function ReviewGroupFields() {
  const t = useT();
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: '1rem' }}>
        {t('cycle.groups')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('cycle.groups.help')}</Typography.Paragraph>
      <Form.List name="review_groups">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={12} wrap align="end">
                <Form.Item
                  name={[field.name, 'name']}
                  label={t('cycle.groupName', { n: index + 1 })}
                  rules={[{ required: true, whitespace: true, message: t('cycle.required') }]}
                  style={{ flex: '2 1 200px' }}
                >
                  <Input aria-label={t('cycle.groupName', { n: index + 1 })} maxLength={100} style={{ minHeight: 44 }} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'weight']}
                  label={t('cycle.groupWeight', { n: index + 1 })}
                  rules={[{ required: true, message: t('cycle.required') }]}
                  style={{ flex: '1 1 120px' }}
                >
                  <InputNumber aria-label={t('cycle.groupWeight', { n: index + 1 })} min={0} max={1} step={0.05} style={{ width: '100%', minHeight: 44 }} />
                </Form.Item>
                <Form.Item>
                  <Button danger aria-label={t('cycle.removeGroup', { n: index + 1 })} onClick={() => remove(field.name)} style={{ minHeight: 44 }}>
                    {t('cycle.removeGroup', { n: index + 1 })}
                  </Button>
                </Form.Item>
              </Flex>
            ))}
            <Button onClick={() => add({ name: '', weight: 0.5 })} style={{ minHeight: 44, marginBottom: 16 }} disabled={fields.length >= 20}>
              {t('cycle.addGroup')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}

/** The reviewers, and the group of each when there are groups. */
function ReviewerFields({ reviewers, groupNames }: { reviewers: string[]; groupNames: string[] }) {
  const t = useT();
  return (
    <>
      <Form.Item name="reviewers" label={t('cycle.reviewers')}>
        <ReviewerPicker id="cycle-reviewers" />
      </Form.Item>
      {groupNames.length > 0 &&
        reviewers.map((userId, index) => (
          <Form.Item key={userId} name={['groups', userId]} label={t('cycle.reviewerGroupOf', { n: index + 1 })}>
            <Select
              aria-label={t('cycle.reviewerGroupOf', { n: index + 1 })}
              placeholder={t('cycle.reviewerGroup')}
              options={groupNames.map((name) => ({ value: name, label: name }))}
              style={{ minHeight: 44 }}
            />
          </Form.Item>
        ))}
    </>
  );
}

/** What the form's current values break of the server's rules, step by step. */
function useRules(form: FormInstance<CycleValues>) {
  const v = Form.useWatch((values: Partial<CycleValues>) => values, { form, preserve: true }) ?? {};
  const num = (value: unknown) => (typeof value === 'number' ? value : 0);
  const weightsOk = weightsValid({ self: num(v.weight_self), public: num(v.weight_public), review: num(v.weight_review) });
  const thresholdsOk = thresholdsValid(num(v.excellent), num(v.good), num(v.fair));
  const sharesOk = sharesValid(num(v.advanced_share), num(v.lagging_share));
  const groups = v.review_groups ?? [];
  const reviewers = v.reviewers ?? [];
  const groupProblem = reviewGroupsProblem(groups, reviewers, v.groups ?? {});
  const groupNames = [...new Set(groups.map((g) => g?.name?.trim() ?? '').filter(Boolean))];
  return { weightsOk, thresholdsOk, sharesOk, groupProblem, groupNames, reviewers, timingOk: weightsOk && thresholdsOk && sharesOk };
}

export function CycleWizardPage() {
  const t = useT();
  const { language } = useI18n();
  const { options } = useEnums();
  const [form] = Form.useForm<CycleValues>();
  const [step, setStep] = useState(0);
  const [cycle, setCycle] = useState<Cycle | null>(null);
  const [key] = useState(newIdempotencyKey);
  const [failure, setFailure] = useState<unknown>(null);
  const save = useSaveCycle();
  const templates = useQuery(templatesQuery());
  const subject = Form.useWatch('subject', form) ?? 'organization';
  const chosenDomains = Form.useWatch('target_domains', form) ?? [];
  const rules = useRules(form);
  const domainOptions = options('organization_domain');
  const templateDomains = subject === 'secretary' ? ['*'] : chosenDomains.length ? chosenDomains : domainOptions.map((o) => o.value);
  const english = language === 'en-US';
  const templateOptions = useMemo(
    () => (templates.data?.items ?? []).filter((tpl) => tpl.subject === subject),
    [templates.data, subject],
  );
  const blocked = (step === 3 && !rules.timingOk) || (step === 4 && rules.groupProblem !== null);

  const steps = [t('cycle.step.basics'), t('cycle.step.targets'), t('cycle.step.templates'), t('cycle.step.windows'), t('cycle.step.reviewers'), t('cycle.step.launch')];

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step] ?? [], { recursive: true });
    } catch {
      return;
    }
    if (blocked) return;
    if (step < 4) {
      setStep(step + 1);
      return;
    }
    setFailure(null);
    try {
      const saved = await save.mutateAsync({ body: toCycleBody(form.getFieldsValue(true) as CycleValues), existing: cycle, key });
      setCycle(saved);
      setStep(5);
    } catch (error) {
      setFailure(error);
      showFieldErrors(form, error, t, CODE_FIELDS);
    }
  };

  return (
    <>
      <PageHeader title={t('cycle.new')} />
      <Steps current={step} size="small" items={steps.map((title) => ({ title }))} style={{ marginBottom: 16 }} />
      {failure !== null && <ErrorAlert error={failure} />}
      <Form form={form} layout="vertical" initialValues={cycleDefaults()} disabled={step === 5} style={{ maxWidth: 880 }}>
        <div hidden={step !== 0}>
          <Form.Item name="name" label={t('cycle.name')} rules={[{ required: true, whitespace: true, message: t('cycle.required') }]}>
            <Input aria-label={t('cycle.name')} maxLength={200} style={{ minHeight: 44 }} />
          </Form.Item>
          <Flex gap={12} wrap>
            <NumberItem name="year" text={t('cycle.year')} min={2000} max={2100} step={1} />
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
            <DateItem name="self_opens" text={t('cycle.window.selfOpens')} />
            <DateItem name="self_closes" text={t('cycle.window.selfCloses')} />
          </Flex>
          <Flex gap={12} wrap>
            <DateItem name="public_opens" text={t('cycle.window.publicOpens')} />
            <DateItem name="public_closes" text={t('cycle.window.publicCloses')} />
          </Flex>
          <Flex gap={12} wrap>
            <DateItem name="review_opens" text={t('cycle.window.reviewOpens')} />
            <DateItem name="review_closes" text={t('cycle.window.reviewCloses')} />
          </Flex>
          <Typography.Title level={2} style={{ fontSize: '1rem' }}>
            {t('cycle.weights')}
          </Typography.Title>
          <Flex gap={12} wrap>
            <NumberItem name="weight_self" text={t('cycle.weights.self')} min={0} max={1} step={0.05} />
            <NumberItem name="weight_public" text={t('cycle.weights.public')} min={0} max={1} step={0.05} />
            <NumberItem name="weight_review" text={t('cycle.weights.review')} min={0} max={1} step={0.05} />
          </Flex>
          <RuleAlert ok={rules.weightsOk} testId="weights-rule" rule={t('cycle.weights.rule')} broken={t('error.code.evaluation_weights_invalid')} />
          <GradingFields thresholdsOk={rules.thresholdsOk} sharesOk={rules.sharesOk} />
        </div>
        <div hidden={step !== 4}>
          <ReviewGroupFields />
          <ReviewerFields reviewers={rules.reviewers} groupNames={rules.groupNames} />
          {rules.groupProblem !== null && (
            <Alert type="error" role="alert" showIcon data-testid="groups-rule" message={t(`cycle.group.${rules.groupProblem}`)} style={{ marginBottom: 12 }} />
          )}
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
          <Button type="primary" style={{ minHeight: 44 }} loading={save.isPending} disabled={blocked} onClick={() => void next()}>
            {step === 4 ? (cycle ? t('cycle.saveAndPreview') : t('cycle.create')) : t('cycle.next')}
          </Button>
        )}
      </Space>
    </>
  );
}
