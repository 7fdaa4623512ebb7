import { App, Alert, Button, Flex, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../lib/i18n';
import { useBulkVerify, useInvalidateRecords } from './api';
import type { RecordSelection } from './selection';

/**
 * Verifies every picked record in one call. The server verifies all or none: when it refuses,
 * the bar says nothing was verified, the table marks the refused records, and one click
 * unpicks them so that the rest can go through.
 */
export function BulkVerifyBar({ selection }: { selection: RecordSelection }) {
  const t = useT();
  const { message } = App.useApp();
  const bulk = useBulkVerify();
  const invalidate = useInvalidateRecords();
  const count = selection.selected.length;
  const verifyAll = () => {
    const picked = selection.selected;
    bulk.mutate(picked, {
      onSuccess: ({ verified }) => {
        void message.success(t('records.bulkVerified', { count: verified }));
        selection.clear();
      },
      onError: (error) => selection.failed(error, picked),
    });
  };
  if (count === 0 && !bulk.isError) return null;
  return (
    <div style={{ marginBottom: 12 }}>
      {selection.refused.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 8 }}
          title={t('records.bulkRefused', { count: selection.refused.length })}
          description={t('records.bulkRefusedBody')}
          action={
            <Button
              size="small"
              onClick={() => {
                bulk.reset();
                selection.dropRefused();
                // Now show the refused records as they stand.
                void invalidate();
              }}
            >
              {t('records.dropRefused')}
            </Button>
          }
        />
      ) : (
        <ErrorAlert error={bulk.error} />
      )}
      {count > 0 ? (
        <Flex align="center" gap={8} wrap>
          <Typography.Text>{t('records.selected', { count })}</Typography.Text>
          <Button type="primary" loading={bulk.isPending} onClick={verifyAll}>
            {t('records.bulkVerify', { count })}
          </Button>
          <Button
            onClick={() => {
              bulk.reset();
              selection.clear();
            }}
          >
            {t('records.clearSelection')}
          </Button>
        </Flex>
      ) : null}
    </div>
  );
}
