import { DeleteOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useNavigate } from 'react-router';
import type { Member } from '../../api/types';
import { useT } from '../../lib/i18n';
import { useDeleteMember } from './api';

/** Asks first; a refusal (records or an account still belong to the member) is shown by the page. */
export function DeleteMemberButton({ member, onError }: { member: Member; onError: (error: unknown) => void }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const remove = useDeleteMember();
  const confirm = () =>
    modal.confirm({
      title: t('member.deleteConfirmTitle', { name: member.name }),
      content: t('member.deleteConfirmBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(member).then(
          () => {
            void message.success(t('member.deleted', { name: member.name }));
            void navigate('/members', { replace: true });
          },
          (error: unknown) => onError(error),
        ),
    });
  return (
    <Button danger icon={<DeleteOutlined />} loading={remove.isPending} onClick={confirm}>
      {t('common.delete')}
    </Button>
  );
}
