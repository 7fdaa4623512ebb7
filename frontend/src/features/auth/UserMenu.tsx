import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { useSignOut } from './api';

/** The signed-in user's name, with the way out. */
export function UserMenu({ compact }: { compact?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const signOut = useSignOut();
  const name = me?.display_name || me?.username || '';
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: <Typography.Text type="secondary">{me?.username}</Typography.Text>, disabled: true },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout') },
        ],
        onClick: ({ key }) => {
          if (key === 'logout') signOut.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
        },
      }}
    >
      <Button
        type="text"
        // The name it shows comes first in what it is called (WCAG 2.5.3, label in name).
        aria-label={compact || !name ? t('auth.account') : `${name} ${t('auth.account')}`}
        style={{ paddingInline: 4, minHeight: 44 }}
      >
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#c8161d' }} />
        {compact ? null : <span style={{ marginInlineStart: 8 }}>{name}</span>}
      </Button>
    </Dropdown>
  );
}
