import { EyeOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import type { Member } from '../../api/types';
import { errorText } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { revealMember } from './api';

/**
 * Shows phone and identity number unmasked, after saying that the look is recorded in the
 * audit trail. The unmasked copy lives only in the page, never in the shared cache.
 */
export function RevealButton({ member, onRevealed }: { member: Member; onRevealed: (member: Member) => void }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const confirm = () =>
    modal.confirm({
      title: t('member.revealTitle', { name: member.name }),
      content: t('member.revealBody'),
      okText: t('member.revealConfirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setLoading(true);
        try {
          onRevealed(await revealMember(member.id));
        } catch (error) {
          void message.error(errorText(error, t));
        } finally {
          setLoading(false);
        }
      },
    });
  return (
    <Button icon={<EyeOutlined />} loading={loading} onClick={confirm}>
      {t('member.reveal')}
    </Button>
  );
}
