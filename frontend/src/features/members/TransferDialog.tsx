import { App, DatePicker, Divider, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Member, Organization } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { OrganizationTree } from '../../components/organizations/OrganizationTree';
import { useOrganizationRoots } from '../../components/organizations/queries';
import { useT } from '../../lib/i18n';
import { useTransferMember } from './api';

interface TransferValues {
  transferred_on?: Dayjs | null;
  reason?: string;
}

/** Moves the member's organizational relationship to an organization picked from the tree. */
export function TransferDialog({ member, open, onClose }: { member: Member; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const roots = useOrganizationRoots();
  const transfer = useTransferMember();
  const [form] = Form.useForm<TransferValues>();
  const [target, setTarget] = useState<Organization | null>(null);

  const close = () => {
    transfer.reset();
    setTarget(null);
    form.resetFields();
    onClose();
  };
  const submit = (values: TransferValues) => {
    if (target === null) return;
    transfer.mutate(
      {
        member,
        body: {
          organization_id: target.id,
          transferred_on: values.transferred_on ? values.transferred_on.format('YYYY-MM-DD') : null,
          reason: values.reason?.trim() || null,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('member.transferred', { name: member.name, organization: target.name }));
          close();
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('member.transferTitle', { name: member.name })}
      okText={t('member.transferSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ disabled: target === null || target.id === member.organization_id, loading: transfer.isPending }}
      destroyOnHidden
    >
      <ErrorAlert error={transfer.error} />
      <Typography.Paragraph type="secondary">{t('member.transferHint')}</Typography.Paragraph>
      <Typography.Paragraph strong>
        {target ? t('member.transferTarget', { name: target.name }) : t('member.transferNoTarget')}
      </Typography.Paragraph>
      <OrganizationSelect value={target?.id ?? null} onChange={(_, picked) => setTarget(picked)} placeholder={t('member.transferSearch')} />
      <Divider plain>{t('organization.moveOrPick')}</Divider>
      <div style={{ maxHeight: 280, overflow: 'auto', marginBottom: 16 }}>
        {roots.isLoading ? (
          <Loading />
        ) : (
          <OrganizationTree roots={roots.data ?? []} selectedId={target?.id ?? null} onSelect={setTarget} />
        )}
      </div>
      <Form<TransferValues> form={form} layout="vertical" onFinish={submit} initialValues={{ transferred_on: dayjs() }}>
        <Form.Item name="transferred_on" label={t('field.transferred_on')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('field.reason')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
