import { Tag } from 'antd';
import type { Role } from '../../api/types';
import { useT } from '../../lib/i18n';

const COLORS: Record<Role, string> = { admin: 'red', reviewer: 'purple', org_staff: 'blue', member: 'default' };

export function RoleTag({ role }: { role: Role }) {
  const t = useT();
  return <Tag color={COLORS[role]}>{t(`role.${role}`)}</Tag>;
}
