import { App, Checkbox, Divider, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { Organization } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { OrganizationTree } from '../../components/organizations/OrganizationTree';
import { useOrganizationRoots } from '../../components/organizations/queries';
import { useT } from '../../lib/i18n';
import { useMoveOrganization } from './api';

interface MoveDialogProps {
  organization: Organization;
  open: boolean;
  onClose: () => void;
}

/** Moves an organization, with everything below it, under a parent picked from the tree. */
export function MoveDialog({ organization, open, onClose }: MoveDialogProps) {
  const t = useT();
  const { message } = App.useApp();
  const roots = useOrganizationRoots();
  const move = useMoveOrganization();
  const [parent, setParent] = useState<Organization | null>(null);
  const [toRoot, setToRoot] = useState(false);

  const close = () => {
    move.reset();
    setParent(null);
    setToRoot(false);
    onClose();
  };
  const submit = () =>
    move.mutate(
      { organization, parentId: toRoot ? null : (parent?.id ?? null) },
      {
        onSuccess: () => {
          void message.success(t('organization.moved', { name: organization.name }));
          close();
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('organization.moveTitle', { name: organization.name })}
      okText={t('organization.moveSubmit')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={close}
      okButtonProps={{ disabled: !toRoot && parent === null, loading: move.isPending }}
      destroyOnHidden
    >
      <ErrorAlert error={move.error} />
      <Typography.Paragraph type="secondary">{t('organization.moveHint')}</Typography.Paragraph>
      <Typography.Paragraph strong>
        {toRoot
          ? t('organization.moveTargetRoot')
          : parent
            ? t('organization.moveTarget', { name: parent.name })
            : t('organization.moveNoTarget')}
      </Typography.Paragraph>
      <OrganizationSelect
        value={parent?.id ?? null}
        onChange={(_, picked) => setParent(picked)}
        placeholder={t('organization.moveSearch')}
      />
      <Divider plain>{t('organization.moveOrPick')}</Divider>
      <div style={{ maxHeight: 320, overflow: 'auto', opacity: toRoot ? 0.4 : 1 }}>
        {roots.isLoading ? (
          <Loading />
        ) : (
          <OrganizationTree
            roots={roots.data ?? []}
            selectedId={parent?.id ?? null}
            onSelect={setParent}
            disabledId={organization.id}
          />
        )}
      </div>
      {organization.parent_id !== null ? (
        <Checkbox checked={toRoot} onChange={(event) => setToRoot(event.target.checked)} style={{ marginTop: 12 }}>
          {t('organization.moveToRoot')}
        </Checkbox>
      ) : null}
    </Modal>
  );
}
