import { App, Button, Flex, Popconfirm } from 'antd';
import type { VolunteerRecord } from '../../api/types';
import { errorText } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useRevertRecord, useVerifyRecord } from './api';

interface RecordActionsProps {
  record: VolunteerRecord;
  canDecide: boolean;
  canRevert: boolean;
  onReject: (record: VolunteerRecord) => void;
  /** Phone-sized buttons (44 px tap targets). */
  large?: boolean;
}

/** Verify or reject a pending record; an administrator may take a verified one back. */
export function RecordActions({ record, canDecide, canRevert, onReject, large = false }: RecordActionsProps) {
  const size = large ? 'large' : 'small';
  const tap = large ? { minHeight: 44, minWidth: 88 } : undefined;
  const { t, language } = useI18n();
  // Each button names the record it acts on ("认定 张建国 2026年11月25日"), not a bare "认定".
  const object = `${record.member_name} ${formatDate(record.served_on, language)}`;
  const named = (action: string) => t('a11y.rowActions', { action, object });
  const { message } = App.useApp();
  const verify = useVerifyRecord();
  const revert = useRevertRecord();
  const fail = (error: unknown) => void message.error(errorText(error, t));
  if (record.status === 'pending' && canDecide) {
    return (
      <Flex gap={4} wrap>
        <Button
          size={size}
          style={tap}
          type="primary"
          loading={verify.isPending}
          aria-label={named(t('records.verify'))}
          onClick={() => verify.mutate(record.id, { onSuccess: () => void message.success(t('records.verified')), onError: fail })}
        >
          {t('records.verify')}
        </Button>
        <Button size={size} style={tap} danger aria-label={named(t('records.reject'))} onClick={() => onReject(record)}>
          {t('records.reject')}
        </Button>
      </Flex>
    );
  }
  if (record.status === 'verified' && canRevert) {
    return (
      <Popconfirm
        title={t('records.revertConfirm')}
        okText={t('records.revert')}
        cancelText={t('common.cancel')}
        onConfirm={() =>
          revert.mutateAsync(record.id).then(
            () => void message.success(t('records.reverted')),
            (error: unknown) => fail(error),
          )
        }
      >
        <Button size={size} style={tap} loading={revert.isPending} aria-label={named(t('records.revert'))}>
          {t('records.revert')}
        </Button>
      </Popconfirm>
    );
  }
  return null;
}
