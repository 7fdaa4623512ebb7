import { Col, DatePicker, Form, Input, InputNumber, Row, Select, type FormInstance } from 'antd';
import { useEnums } from '../../lib/enums';
import { phoneRule } from '../../lib/phone';
import { useT } from '../../lib/i18n';
import type { OrganizationFormValues } from './formValues';

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

interface OrganizationFormProps {
  form: FormInstance<OrganizationFormValues>;
  initialValues?: Partial<OrganizationFormValues>;
  onSubmit: (values: OrganizationFormValues) => void;
  disabled?: boolean;
}

/** Every editable field of an organization; used to create one and to edit one. */
export function OrganizationForm({ form, initialValues, onSubmit, disabled }: OrganizationFormProps) {
  const t = useT();
  const { options } = useEnums();
  const half = { xs: 24, md: 12 };
  return (
    <Form<OrganizationFormValues>
      form={form}
      layout="vertical"
      initialValues={{ formation: 'standalone', flags: [], ...initialValues }}
      onFinish={onSubmit}
      disabled={disabled}
      scrollToFirstError
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="short_name" label={t('field.short_name')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="code"
            label={t('field.code')}
            extra={t('organization.codeHint')}
            rules={[
              { required: true, message: t('form.required') },
              { pattern: CODE_PATTERN, message: t('organization.codeInvalid') },
            ]}
          >
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={options('organization_kind')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="tier" label={t('field.tier')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={options('organization_tier')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="domain" label={t('field.domain')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={options('organization_domain')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="formation" label={t('field.formation')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={options('organization_formation')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="flags" label={t('field.flags')}>
            <Select mode="multiple" allowClear options={options('organization_flag')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="venue_address" label={t('field.venue_address')} rules={[{ max: 300 }]}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="venue_area_m2" label={t('field.venue_area_m2')}>
            <InputNumber min={0} max={10_000_000} style={{ width: '100%' }} suffix="m²" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="annual_funds" label={t('field.annual_funds')}>
            <InputNumber min={0} style={{ width: '100%' }} suffix={t('organization.yuan')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="founded_on" label={t('field.founded_on')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="contact_phone"
            label={t('field.contact_phone')}
            rules={[phoneRule(t, initialValues?.contact_phone)]}
          >
            <Input maxLength={32} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="description" label={t('field.description')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
