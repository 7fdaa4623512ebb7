import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, newIdempotencyKey } from '../../api/client';
import type { Boundary, Grid, GridUpdate } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showFieldErrors } from '../../components/formErrors';
import { Loading } from '../../components/Loading';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { gridQueryById, useCreateGrid, useUpdateGrid } from './api';
import { BoundaryInput } from './BoundaryInput';
import { boundaryProblems, isBoundaryField, type BoundaryProblem } from './boundaryErrors';
import { readBoundary } from './geo';

interface GridFormValues {
  organization_id?: string;
  code: string;
  name: string;
  description?: string | null;
  households?: number | null;
  population?: number | null;
  buildings?: string[];
  boundaryText?: string;
}

function valuesOf(grid: Grid): GridFormValues {
  return {
    code: grid.code,
    name: grid.name,
    description: grid.description,
    households: grid.households,
    population: grid.population,
    buildings: grid.buildings,
    boundaryText: grid.boundary ? JSON.stringify(grid.boundary) : '',
  };
}

/** The boundary the text holds: null for none, or the reason it cannot be read. */
function boundaryOf(text: string | undefined): { boundary: Boundary | null } | { error: string } {
  if (!text?.trim()) return { boundary: null };
  return readBoundary(text);
}

function GridForm({ grid, organizationId }: { grid: Grid | null; organizationId: string | null }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<GridFormValues>();
  const create = useCreateGrid();
  const update = useUpdateGrid();
  const idempotencyKey = useRef(newIdempotencyKey());
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<BoundaryProblem[]>([]);
  const pending = create.isPending || update.isPending;

  const refused = (failure: unknown, sent: Boundary | null) => {
    if (failure instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
    const placed = boundaryProblems(failure, sent, t);
    setProblems(placed);
    // A refusal only of the boundary is explained next to it, not again above the form.
    const onlyBoundary =
      placed.length > 0 && failure instanceof ApiError && failure.fieldErrors.every((fieldError) => isBoundaryField(fieldError.field));
    setError(onlyBoundary ? null : failure);
    showFieldErrors(form, failure, t, { grid_code_taken: 'code', grid_organization_tier: 'organization_id', organization_not_found: 'organization_id' });
  };

  const submit = (values: GridFormValues) => {
    const read = boundaryOf(values.boundaryText);
    if ('error' in read) {
      form.setFields([{ name: 'boundaryText', errors: [t('grid.boundaryUnreadable')] }]);
      return;
    }
    setError(null);
    setProblems([]);
    const fields = {
      code: values.code.trim(),
      name: values.name.trim(),
      description: values.description?.trim() || null,
      households: values.households ?? 0,
      population: values.population ?? 0,
      buildings: (values.buildings ?? []).map((building) => building.trim()).filter(Boolean),
      boundary: read.boundary,
    };
    if (grid === null) {
      create.mutate(
        { body: { ...fields, organization_id: values.organization_id ?? '' }, idempotencyKey: idempotencyKey.current },
        {
          onSuccess: (created) => {
            void message.success(t('grid.saved', { name: created.name }));
            void navigate(`/grids/${created.id}`, { replace: true });
          },
          onError: (failure) => refused(failure, read.boundary),
        },
      );
      return;
    }
    const before = valuesOf(grid);
    const body: GridUpdate = { ...fields };
    if ((values.boundaryText ?? '') === before.boundaryText) delete body.boundary;
    update.mutate(
      { grid, body },
      {
        onSuccess: (saved) => {
          void message.success(t('grid.saved', { name: saved.name }));
          void navigate(`/grids/${saved.id}`, { replace: true });
        },
        onError: (failure) => refused(failure, read.boundary),
      },
    );
  };

  return (
    <Card>
      <ErrorAlert error={error} />
      <Form<GridFormValues>
        form={form}
        layout="vertical"
        disabled={pending}
        onFinish={submit}
        initialValues={grid ? valuesOf(grid) : { organization_id: organizationId ?? undefined, households: 0, population: 0, buildings: [] }}
        style={{ maxWidth: 760 }}
      >
        {grid === null ? (
          <Form.Item name="organization_id" label={t('grid.organization')} extra={t('grid.organizationHint')} rules={[{ required: true, message: t('form.required') }]}>
            <OrganizationSelect />
          </Form.Item>
        ) : null}
        <Flex gap={16} wrap>
          <Form.Item
            name="code"
            label={t('grid.code')}
            style={{ flex: '1 1 200px' }}
            rules={[
              { required: true, message: t('form.required') },
              { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, message: t('grid.codeRule') },
            ]}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="name" label={t('field.name')} style={{ flex: '2 1 280px' }} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item name="households" label={t('grid.households')} style={{ flex: '1 1 160px' }}>
            <InputNumber min={0} max={100_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="population" label={t('grid.population')} style={{ flex: '1 1 160px' }}>
            <InputNumber min={0} max={100_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="buildings" label={t('grid.buildings')} extra={t('grid.buildingsHint')}>
          <Select mode="tags" open={false} tokenSeparators={['，', ',', '\n']} aria-label={t('grid.buildings')} />
        </Form.Item>
        <Form.Item name="description" label={t('field.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="boundaryText" label={t('grid.boundary')} extra={t('grid.boundaryHint')}>
          <BoundaryInput problems={problems} />
        </Form.Item>
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={pending}>
            {grid === null ? t('common.create') : t('common.save')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** Divide out a new grid (`/grids/new?organization=`) or change one (`/grids/:gridId/edit`). */
export function GridFormPage() {
  const t = useT();
  const { gridId } = useParams();
  const [params] = useSearchParams();
  const grid = useQuery({ ...gridQueryById(gridId ?? ''), enabled: gridId !== undefined });
  if (gridId !== undefined && grid.isLoading) return <Loading />;
  if (gridId !== undefined && grid.error) return <ErrorAlert error={grid.error} />;
  return (
    <>
      <PageHeader title={grid.data ? t('grid.editTitle', { name: grid.data.name }) : t('grid.create')} />
      <GridForm key={grid.data?.id ?? 'new'} grid={grid.data ?? null} organizationId={params.get('organization')} />
    </>
  );
}
