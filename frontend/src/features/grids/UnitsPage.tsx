import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { keys } from '../../api/keys';
import type { Unit, UnitKind } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { useEnums } from '../../lib/enums';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { canWriteGrids, useMe } from '../../lib/me';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { fetchUnitPage, unitQueryById } from './api';
import { NO_UNIT_FILTERS, paramsFromUnitFilters, unitFiltersFromParams, type UnitFilters } from './filters';
import { GridCode } from './GridCode';
import { GridImportMenu } from './GridImportMenu';
import { UnitDialog } from './UnitDialog';

type Tri = 'yes' | 'no';

/** The units register (enterprises, social organizations, buildings …) and who covers them. */
export function UnitsPage() {
  const { t, language } = useI18n();
  const { label, options } = useEnums();
  const { data: me } = useMe();
  const writable = canWriteGrids(me);
  const [params, setParams] = useSearchParams();
  const filters = unitFiltersFromParams(params);
  const openId = params.get('unit');
  const [dialog, setDialog] = useState<{ unit: Unit | null } | null>(null);
  const linked = useQuery({ ...unitQueryById(openId ?? ''), enabled: openId !== null });
  const pages = useCursorPages(keys.grids.units(filters), (cursor) => fetchUnitPage(filters, cursor, PAGE_SIZE));
  const change = (next: UnitFilters) => setParams(paramsFromUnitFilters(next));
  const closeDialog = () => {
    setDialog(null);
    if (openId !== null) change(filters);
  };
  const shown = dialog ?? (openId !== null && linked.data ? { unit: linked.data } : null);
  const covered: Tri | undefined = filters.covered === null ? undefined : filters.covered ? 'yes' : 'no';
  const columns: ColumnsType<Unit> = [
    {
      key: 'name',
      title: t('unit.name'),
      render: (_, unit) => (
        <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => setDialog({ unit })}>
          {unit.name}
        </Button>
      ),
    },
    { key: 'kind', title: t('unit.kind'), render: (_, unit) => label('unit_kind', unit.kind) },
    {
      key: 'coverage',
      title: t('unit.coverage'),
      render: (_, unit) => <Tag color={unit.coverage === 'none' ? 'red' : 'green'}>{label('unit_coverage', unit.coverage)}</Tag>,
    },
    { key: 'organization', title: t('unit.organization'), responsive: ['md'], render: (_, unit) => <OrganizationName id={unit.organization_id} /> },
    { key: 'grid', title: t('unit.grid'), responsive: ['lg'], render: (_, unit) => <GridCode id={unit.grid_id} /> },
    { key: 'size', title: t('unit.size'), responsive: ['lg'], align: 'right', render: (_, unit) => (unit.size === null ? '—' : formatNumber(unit.size, language)) },
    {
      key: 'covering',
      title: t('unit.coveringOrganization'),
      responsive: ['xl'],
      render: (_, unit) => <OrganizationName id={unit.covering_organization_id} />,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.units')}
        extra={
          writable ? (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ unit: null })}>
                {t('unit.create')}
              </Button>
              <GridImportMenu kinds={['units']} />
            </>
          ) : undefined
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <div style={{ flex: '1 1 220px', minWidth: 220 }}>
          <OrganizationSelect allowClear value={filters.within} placeholder={t('grid.within')} onChange={(within) => change({ ...filters, within })} />
        </div>
        <Select<UnitKind>
          allowClear
          style={{ flex: '1 1 140px', minWidth: 140 }}
          placeholder={t('unit.kind')}
          aria-label={t('unit.kind')}
          value={filters.kind ?? undefined}
          options={options('unit_kind')}
          onChange={(kind) => change({ ...filters, kind: kind ?? null })}
        />
        <Select<Tri>
          allowClear
          style={{ flex: '1 1 140px', minWidth: 140 }}
          placeholder={t('unit.coverage')}
          aria-label={t('unit.coverage')}
          value={covered}
          options={[
            { value: 'yes', label: t('unit.covered') },
            { value: 'no', label: t('unit.uncovered') },
          ]}
          onChange={(value) => change({ ...filters, covered: value === undefined ? null : value === 'yes' })}
        />
        {JSON.stringify(filters) !== JSON.stringify(NO_UNIT_FILTERS) ? (
          <Button type="link" onClick={() => change(NO_UNIT_FILTERS)}>
            {t('organization.clearFilters')}
          </Button>
        ) : null}
      </Flex>
      <Card size="small">
        <ErrorAlert error={pages.error ?? linked.error} />
        {pages.total !== null ? <Typography.Paragraph type="secondary">{t('unit.count', { count: pages.total })}</Typography.Paragraph> : null}
        <Table<Unit>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={pages.items}
          loading={pages.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: pages.isLoading ? t('common.loading') : t('unit.noneFound') }}
        />
        <CursorPager pages={pages} />
      </Card>
      {shown ? (
        <UnitDialog
          key={shown.unit?.id ?? 'new'}
          open
          unit={shown.unit}
          organizationId={filters.within}
          readOnly={!writable}
          onClose={closeDialog}
        />
      ) : null}
    </>
  );
}
