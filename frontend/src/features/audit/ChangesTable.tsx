import { Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { MemberName } from '../../components/members/MemberName';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { hasMessage, useT } from '../../lib/i18n';

/** Fields that hold an organization's id: shown as its name. */
const ORGANIZATION_FIELDS = new Set([
  'organization_id',
  'parent_id',
  'residence_organization_id',
  'from_organization_id',
  'to_organization_id',
  'community_id',
]);
/** Fields that hold a member's id: shown as their name. */
const MEMBER_FIELDS = new Set(['member_id']);

interface Change {
  field: string;
  old: unknown;
  new: unknown;
}

function isChange(value: unknown): value is { old: unknown; new: unknown } {
  return typeof value === 'object' && value !== null && 'old' in value && 'new' in value;
}

function show(field: string, value: unknown): ReactNode {
  if (value === null || value === undefined) return '—';
  if (ORGANIZATION_FIELDS.has(field) && typeof value === 'string') return <OrganizationName id={value} />;
  if (MEMBER_FIELDS.has(field) && typeof value === 'string') return <MemberName id={value} />;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The fields an audited write changed: before and after. */
export function ChangesTable({ changes }: { changes: Record<string, unknown> }) {
  const t = useT();
  const rows: Change[] = Object.entries(changes)
    .filter(([, value]) => isChange(value))
    .map(([field, value]) => ({ field, ...(value as { old: unknown; new: unknown }) }));
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table<Change>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      tableLayout="fixed"
      style={{ overflowWrap: 'anywhere' }}
      columns={[
        {
          key: 'field',
          title: t('conflict.field'),
          width: '30%',
          render: (_, row) => {
            const key = `field.${row.field}`;
            return hasMessage(key) ? t(key) : <Typography.Text code>{row.field}</Typography.Text>;
          },
        },
        { key: 'old', title: t('audit.before'), render: (_, row) => show(row.field, row.old) },
        { key: 'new', title: t('audit.after'), render: (_, row) => show(row.field, row.new) },
      ]}
    />
  );
}
