import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';

/** The positions a member holds in their organization: add, change, end or remove each. */
export function PositionsEditor() {
  const t = useT();
  const { options } = useEnums();
  return (
    <Form.List name="positions">
      {(fields, { add, remove }) => (
        <Card size="small" title={t('member.positions')} style={{ marginBottom: 16 }}>
          {fields.length === 0 ? <Typography.Paragraph type="secondary">{t('member.noPositions')}</Typography.Paragraph> : null}
          {fields.map((field, index) => (
            <Row gutter={8} key={field.key} align="top" style={{ borderBottom: '1px dashed #f0f0f0', marginBottom: 12 }}>
              <Col xs={24} md={6}>
                <Form.Item
                  name={[field.name, 'position']}
                  label={t('member.positionN', { n: index + 1 })}
                  rules={[{ required: true, message: t('form.required') }]}
                >
                  <Select options={options('member_position')} />
                </Form.Item>
              </Col>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) =>
                  getFieldValue(['positions', field.name, 'position']) === 'first_secretary' ? (
                    <Col xs={24} md={6}>
                      <Form.Item name={[field.name, 'dispatched_by']} label={t('field.dispatched_by')} rules={[{ max: 200 }]}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                  ) : null
                }
              </Form.Item>
              <Col xs={12} md={5}>
                <Form.Item name={[field.name, 'started_on']} label={t('field.started_on')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={5}>
                <Form.Item
                  name={[field.name, 'ended_on']}
                  label={t('field.ended_on')}
                  dependencies={[['positions', field.name, 'started_on']]}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: (_, value: { isBefore: (other: unknown, unit: 'day') => boolean } | null) => {
                        const started = getFieldValue(['positions', field.name, 'started_on']) as unknown;
                        return value && started && value.isBefore(started, 'day')
                          ? Promise.reject(new Error(t('member.endBeforeStart')))
                          : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={2} style={{ display: 'flex', alignItems: 'center', paddingTop: 30 }}>
                <Button
                  danger
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('member.removePosition', { n: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} disabled={fields.length >= 10} onClick={() => add({ position: undefined })}>
            {t('member.addPosition')}
          </Button>
        </Card>
      )}
    </Form.List>
  );
}
