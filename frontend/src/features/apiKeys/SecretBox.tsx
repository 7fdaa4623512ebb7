import { Alert, Modal, Typography } from 'antd';
import type { ApiKeyCreated } from '../../api/types';
import { useT } from '../../lib/i18n';

/** The new key's secret, shown this once, with a copy button and a warning. */
export function SecretBox({ created, onClose }: { created: ApiKeyCreated | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open={created !== null}
      title={t('apiKey.createdTitle', { name: created?.name ?? '' })}
      onOk={onClose}
      onCancel={onClose}
      okText={t('apiKey.secretSaved')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
    >
      <Alert type="warning" showIcon title={t('apiKey.secretWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: created?.secret ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
        code
        style={{ wordBreak: 'break-all', fontSize: '0.9375rem' }}
        data-testid="api-key-secret"
      >
        {created?.secret}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('apiKey.secretUsage')}</Typography.Paragraph>
    </Modal>
  );
}
