import { DeleteOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useNavigate } from 'react-router';
import type { Organization } from '../../api/types';
import { useT } from '../../lib/i18n';
import { useDeleteOrganization } from './api';

/** Asks first; a refusal (e.g. it still has subordinate organizations) is shown by the page. */
export function DeleteOrganizationButton({ organization, onError }: { organization: Organization; onError: (error: unknown) => void }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const remove = useDeleteOrganization();
  const confirm = () =>
    modal.confirm({
      title: t('organization.deleteConfirmTitle', { name: organization.name }),
      content: t('organization.deleteConfirmBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(organization).then(
          () => {
            void message.success(t('organization.deleted', { name: organization.name }));
            void navigate(organization.parent_id ? `/organizations/${organization.parent_id}` : '/organizations', { replace: true });
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
