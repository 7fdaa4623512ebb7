import { Col, DatePicker, Form, Input, Row, Select, Switch, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { useEnums } from '../../lib/enums';
import { phoneRule } from '../../lib/phone';
import { useT, type Translate } from '../../lib/i18n';
import { birthDateOf, genderOf, idNumberProblem } from '../../lib/identity';
import type { MemberFormValues } from './formValues';
import { PositionsEditor } from './PositionsEditor';

const half = { xs: 24, md: 12 };
const noFuture = (current: Dayjs) => current.isAfter(dayjs(), 'day');

/** The identity number's own checks, then whether it agrees with the birth date given. */
function idNumberRule(t: Translate) {
  return ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, value: string | null | undefined) => {
      if (!value?.trim()) return Promise.resolve();
      const problem = idNumberProblem(value);
      if (problem !== null) return Promise.reject(new Error(t(`member.idNumber.${problem}`)));
      const birth = getFieldValue('birth_date') as Dayjs | null | undefined;
      if (birth && birthDateOf(value.trim().toUpperCase()) !== birth.format('YYYY-MM-DD')) {
        return Promise.reject(new Error(t('error.code.member_birth_date_mismatch')));
      }
      return Promise.resolve();
    },
  });
}

interface MemberFormProps {
  form: FormInstance<MemberFormValues>;
  initialValues: MemberFormValues;
  onSubmit: (values: MemberFormValues) => void;
  disabled?: boolean;
  /**
   * On an edit: the masked values on file, shown as hints, and whether the birth date on file is
   * hidden (left empty, it is kept); the organization changes by transfer.
   */
  editing?: { phone: string | null; idNumber: string | null; birthDateHidden?: boolean };
}

/** Every field of a member's file, with the positions they hold. */
export function MemberForm({ form, initialValues, onSubmit, disabled, editing }: MemberFormProps) {
  const t = useT();
  const { options } = useEnums();
  const isMigrant = Form.useWatch('is_migrant', form);
  const isInService = Form.useWatch('is_in_service', form);
  // A valid identity number says the birth date and the gender: fill them when still empty.
  const fillFromIdNumber = (changed: Partial<MemberFormValues>) => {
    const number = changed.id_number?.trim().toUpperCase();
    if (!number || idNumberProblem(number) !== null) return;
    const birth = birthDateOf(number);
    if (birth && !form.getFieldValue('birth_date')) form.setFieldValue('birth_date', dayjs(birth));
    const gender = genderOf(number);
    if (gender && !form.getFieldValue('gender')) form.setFieldValue('gender', gender);
  };
  return (
    <Form<MemberFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onSubmit}
      onValuesChange={fillFromIdNumber}
      disabled={disabled}
      scrollToFirstError
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="name" label={t('field.person_name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...half}>
          {editing ? null : (
            <Form.Item name="organization_id" label={t('member.organization')} rules={[{ required: true, message: t('form.required') }]}>
              <OrganizationSelect />
            </Form.Item>
          )}
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="gender" label={t('field.gender')}>
            <Select allowClear options={options('member_gender')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="ethnicity" label={t('field.ethnicity')} rules={[{ max: 20 }]}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="id_number"
            label={t('field.id_number')}
            extra={editing?.idNumber ? t('member.onFileKeep', { value: editing.idNumber }) : t('member.idNumberHint')}
            dependencies={['birth_date']}
            rules={[idNumberRule(t)]}
          >
            <Input maxLength={18} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="birth_date" label={t('field.birth_date')} extra={editing?.birthDateHidden ? t('member.birthDateHidden') : undefined}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="phone"
            label={t('field.phone')}
            extra={editing?.phone ? t('member.onFileKeep', { value: editing.phone }) : undefined}
            rules={[phoneRule(t)]}
          >
            <Input inputMode="tel" maxLength={20} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="status" label={t('field.member_status')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={options('member_status')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="joined_on" label={t('field.joined_on')}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="is_elderly" label={t('field.is_elderly')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="is_in_hardship" label={t('field.is_in_hardship')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="is_migrant" label={t('field.is_migrant')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          {isMigrant ? (
            <Form.Item name="current_location" label={t('field.current_location')} rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
          ) : null}
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="is_in_service" label={t('field.is_in_service')} extra={t('member.inServiceHint')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        {isInService ? (
          <>
            <Col xs={24} md={18}>
              <Form.Item name="work_unit" label={t('field.work_unit')} rules={[{ max: 200 }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="residence_organization_id" label={t('field.residence_organization_id')}>
                <OrganizationSelect allowClear placeholder={t('member.pickCommunity')} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="registered_on" label={t('field.registered_on')}>
                <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
              </Form.Item>
            </Col>
          </>
        ) : null}
      </Row>
      <PositionsEditor />
    </Form>
  );
}
