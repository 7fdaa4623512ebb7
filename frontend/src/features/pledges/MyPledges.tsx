import { App, Button, Card, Flex, Form, Input, InputNumber, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { keys } from '../../api/keys';
import type { Pledge } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PledgeStatusTag } from '../../components/volunteering/StatusTags';
import { useT } from '../../lib/i18n';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { fetchPledgePage, useCreatePledge } from './api';
import { PledgeDialog } from './PledgeDialog';

function NewPledgeForm() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: number; content: string }>();
  const create = useCreatePledge();
  const idempotencyKey = useRef(newIdempotencyKey());
  const submit = (values: { year: number; content: string }) =>
    create.mutate(
      { body: { year: values.year, content: values.content.trim() }, idempotencyKey: idempotencyKey.current },
      {
        onSuccess: () => {
          idempotencyKey.current = newIdempotencyKey();
          void message.success(t('pledge.created'));
          form.resetFields(['content']);
        },
        onError: (error) => {
          if (error instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
        },
      },
    );
  return (
    <Card size="small" title={t('pledge.make')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={create.error} />
      <Form form={form} layout="vertical" initialValues={{ year: dayjs().year() }} onFinish={submit}>
        <Form.Item name="year" label={t('field.year')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('field.content')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('pledge.contentHint')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={create.isPending}>
          {t('pledge.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The member's own pledges: make one for a year, then report how it goes. */
export function MyPledges({ memberId }: { memberId: string }) {
  const t = useT();
  const pages = useCursorPages(keys.pledges.mine(memberId), (cursor) =>
    fetchPledgePage({ within: null, year: null, status: null, memberId, newestFirst: true }, cursor, PAGE_SIZE),
  );
  const [reporting, setReporting] = useState<Pledge | null>(null);
  return (
    <>
      <NewPledgeForm />
      <ErrorAlert error={pages.error} />
      <List<Pledge>
        dataSource={pages.items}
        loading={pages.isFetching}
        locale={{ emptyText: pages.isLoading ? t('common.loading') : t('pledge.noneMine') }}
        renderItem={(pledge) => {
          const decided = pledge.status === 'fulfilled' || pledge.status === 'not_fulfilled';
          return (
            <List.Item
              actions={
                decided
                  ? []
                  : [
                      <Button key="report" size="small" onClick={() => setReporting(pledge)}>
                        {t('pledge.report')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} align="center" wrap>
                    <span>{t('pledge.yearValue', { year: pledge.year })}</span>
                    <PledgeStatusTag status={pledge.status} />
                  </Flex>
                }
                description={
                  <>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{pledge.content}</Typography.Paragraph>
                    {pledge.fulfilment_note ? (
                      <Typography.Text type="secondary">{t('pledge.noteValue', { note: pledge.fulfilment_note })}</Typography.Text>
                    ) : null}
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
      <CursorPager pages={pages} />
      <PledgeDialog pledge={reporting} review={false} onClose={() => setReporting(null)} />
    </>
  );
}
