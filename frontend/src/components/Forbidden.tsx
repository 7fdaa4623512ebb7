import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../lib/i18n';
import { can, useMe, type Permission } from '../lib/me';

/** The page, or a plain refusal when the caller holds `permission` nowhere (a typed-in address). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const t = useT();
  const { data: me } = useMe();
  if (me !== undefined && !can(me, permission)) return <Result status="403" title={t('error.code.forbidden')} />;
  return <>{children}</>;
}
