import { Alert, Button, Flex, Table, Tag } from 'antd';
import type { Organization, OrganizationUpdate } from '../../api/types';
import { useEnums, type EnumName } from '../../lib/enums';
import { formatDate, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { conflictingFields, EDITABLE_FIELDS, fieldsOf, type EditableField, type OrganizationFields } from './formValues';

const ENUM_OF: Partial<Record<EditableField, EnumName>> = {
  kind: 'organization_kind',
  tier: 'organization_tier',
  domain: 'organization_domain',
  formation: 'organization_formation',
  flags: 'organization_flag',
};

/** A field's value as text: strings as they are, other scalars as JavaScript writes them, anything else as JSON. */
function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

function useShowValue() {
  const { t, language } = useI18n();
  const { label } = useEnums();
  return (field: EditableField, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      return t('organization.emptyValue');
    }
    const enumName = ENUM_OF[field];
    if (enumName && Array.isArray(value)) return value.map((item) => label(enumName, plain(item))).join('、');
    if (enumName) return label(enumName, plain(value));
    if (field === 'founded_on') return formatDate(plain(value), language);
    if (typeof value === 'number') return formatNumber(value, language);
    return plain(value);
  };
}

export interface Conflict {
  /** The version the user's edit started from. */
  base: OrganizationFields;
  /** The organization as the server holds it now. */
  current: Organization;
  /** What the user changed. */
  changes: OrganizationUpdate;
}

interface ConflictPanelProps {
  conflict: Conflict;
  saving: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}

/** After a 412: the user's changes beside the values saved meanwhile, and what to do next. */
export function ConflictPanel({ conflict, saving, onReapply, onDiscard }: ConflictPanelProps) {
  const { t } = useI18n();
  const show = useShowValue();
  const current = fieldsOf(conflict.current);
  const contested = new Set(conflictingFields(conflict.base, current, conflict.changes));
  const changes = conflict.changes as Record<string, unknown>;
  const rows = EDITABLE_FIELDS.filter((field) => field in changes).map((field) => ({
    field,
    mine: show(field, changes[field]),
    theirs: show(field, current[field]),
    contested: contested.has(field),
  }));
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('conflict.title')}
      description={
        <Flex vertical gap={12}>
          <span>{t('conflict.body')}</span>
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            columns={[
              { key: 'field', title: t('conflict.field'), render: (_, row) => t(`field.${row.field}`) },
              { key: 'mine', title: t('conflict.mine'), dataIndex: 'mine' },
              {
                key: 'theirs',
                title: t('conflict.current'),
                render: (_, row) => (
                  <span>
                    {row.theirs} {row.contested ? <Tag color="orange">{t('conflict.changedByOthers')}</Tag> : null}
                  </span>
                ),
              },
            ]}
          />
          <Flex gap={8} wrap>
            <Button type="primary" loading={saving} onClick={onReapply}>
              {t('conflict.reapply')}
            </Button>
            <Button disabled={saving} onClick={onDiscard}>
              {t('conflict.discard')}
            </Button>
          </Flex>
        </Flex>
      }
    />
  );
}
