import { App, Button, Flex, Tag } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { VolunteerActivity } from '../../api/types';
import { errorText } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { useCancelSignup, useSignUp } from './api';

/**
 * The member's own place: take it, or give it back. The activity says whether the caller holds
 * one (`signed_up_by_me`); an answer (409 "already signed up", 404 "no such sign-up") corrects it.
 */
export function SignUpButtons({ activity, memberId }: { activity: VolunteerActivity; memberId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const signUp = useSignUp(activity.id);
  const cancel = useCancelSignup(activity.id);
  const [known, setHolding] = useState<boolean | null>(null);
  const holding = known ?? activity.signed_up_by_me;
  const full = activity.capacity !== null && activity.signed_up >= activity.capacity;
  const ended = new Date(activity.ends_at).getTime() < Date.now();
  if (ended) return <Tag>{t('activity.ended')}</Tag>;
  const take = () =>
    signUp.mutate(null, {
      onSuccess: () => {
        setHolding(true);
        void message.success(t('activity.signedUp', { title: activity.title }));
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'activity_already_signed_up') setHolding(true);
        void message.error(errorText(error, t));
      },
    });
  const giveBack = () =>
    cancel.mutate(memberId, {
      onSuccess: () => {
        setHolding(false);
        void message.success(t('activity.cancelled', { title: activity.title }));
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'signup_not_found') setHolding(false);
        void message.error(errorText(error, t));
      },
    });
  return (
    <Flex gap={8} wrap align="center">
      {holding ? <Tag color="green">{t('activity.holding')}</Tag> : null}
      {!holding ? (
        <Button type="primary" size="small" disabled={full} loading={signUp.isPending} onClick={take}>
          {t('activity.signUp')}
        </Button>
      ) : null}
      {holding ? (
        <Button size="small" loading={cancel.isPending} onClick={giveBack}>
          {t('activity.cancelSignup')}
        </Button>
      ) : null}
    </Flex>
  );
}
