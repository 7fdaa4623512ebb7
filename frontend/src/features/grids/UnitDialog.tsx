import { App, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client';
import type { Unit, UnitCoverage, UnitKind } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showFieldErrors } from '../../components/formErrors';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import { useCreateUnit, useUpdateUnit } from './api';
import { GridSelect } from './GridSelect';

interface UnitFormValues {
  organization_id?: string | null;
  name: string;
  kind?: UnitKind;
  size?: number | null;
  latitude?: number | null;
  longitude?: number | null;
  grid_id?: string | null;
  coverage: UnitCoverage;
  covering_organization_id?: string | null;
}

interface UnitDialogProps {
  open: boolean;
  /** The unit to change; null adds one. */
  unit: Unit | null;
  organizationId: string | null;
  onClose: () => void;
  readOnly?: boolean;
}

/** Add a unit to an organization's register, or change one: kind, size, location or grid, coverage. */
export function UnitDialog({ open, unit, organizationId, onClose, readOnly = false }: UnitDialogProps) {
  const t = useT();
  const { message } = App.useApp();
  const { options } = useEnums();
  const [form] = Form.useForm<UnitFormValues>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const [error, setError] = useState<unknown>(null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const organization = Form.useWatch('organization_id', form) ?? unit?.organization_id ?? null;
  const coverage = Form.useWatch('coverage', form);
  const pending = create.isPending || update.isPending;

  const finish = (values: UnitFormValues) => {
    setError(null);
    const fields = {
      name: values.name.trim(),
      kind: values.kind as UnitKind,
      size: values.size ?? null,
      latitude: values.latitude ?? null,
      longitude: values.longitude ?? null,
      grid_id: values.grid_id ?? null,
      coverage: values.coverage,
      covering_organization_id: values.coverage === 'none' ? null : (values.covering_organization_id ?? null),
    };
    const failed = (failure: unknown) => {
      if (failure instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
      setError(failure);
      showFieldErrors(form, failure, t, { unit_grid_outside_organization: 'grid_id', organization_not_found: 'organization_id' });
    };
    const done = (saved: Unit) => {
      void message.success(t('unit.saved', { name: saved.name }));
      idempotencyKey.current = newIdempotencyKey();
      onClose();
    };
    if (unit === null) {
      create.mutate(
        { body: { ...fields, organization_id: values.organization_id ?? '' }, idempotencyKey: idempotencyKey.current },
        { onSuccess: done, onError: failed },
      );
    } else {
      update.mutate({ unit, body: fields }, { onSuccess: done, onError: failed });
    }
  };

  const bothOrNeither = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: () => {
      const lat = getFieldValue('latitude');
      const lng = getFieldValue('longitude');
      const one = (lat === null || lat === undefined) !== (lng === null || lng === undefined);
      return one ? Promise.reject(new Error(t('unit.bothCoordinates'))) : Promise.resolve();
    },
  });

  return (
    <Modal
      open={open}
      title={unit ? (readOnly ? unit.name : t('unit.edit', { name: unit.name })) : t('unit.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={unit ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: pending, disabled: readOnly, style: readOnly ? { display: 'none' } : undefined }}
      destroyOnHidden
      forceRender
    >
      <ErrorAlert error={error} />
      <Form<UnitFormValues>
        form={form}
        layout="vertical"
        disabled={readOnly || pending}
        onFinish={finish}
        preserve={false}
        initialValues={
          unit
            ? { ...unit }
            : { organization_id: organizationId, coverage: 'none', size: null, latitude: null, longitude: null, grid_id: null }
        }
      >
        {unit === null ? (
          <Form.Item name="organization_id" label={t('unit.organization')} rules={[{ required: true, message: t('form.required') }]}>
            <OrganizationSelect />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={t('unit.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t('unit.kind')} style={{ flex: '1 1 160px' }} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={options('unit_kind')} />
          </Form.Item>
          <Form.Item name="size" label={t('unit.size')} style={{ flex: '1 1 120px' }}>
            <InputNumber min={0} max={100_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="grid_id" label={t('unit.grid')}>
          <GridSelect within={organization} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="latitude" label={t('unit.latitude')} style={{ flex: '1 1 140px' }} dependencies={['longitude']} rules={[bothOrNeither]}>
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="longitude" label={t('unit.longitude')} style={{ flex: '1 1 140px' }} dependencies={['latitude']} rules={[bothOrNeither]}>
            <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="coverage" label={t('unit.coverage')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={options('unit_coverage')} />
        </Form.Item>
        {coverage && coverage !== 'none' ? (
          <Form.Item
            name="covering_organization_id"
            label={t('unit.coveringOrganization')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <OrganizationSelect />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
