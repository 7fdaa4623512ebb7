import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  FlagOutlined,
  BorderOuterOutlined,
  PieChartOutlined,
  ScheduleOutlined,
  ShopOutlined,
  IdcardOutlined,
  KeyOutlined,
  MenuOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Loading';
import { UserMenu } from '../features/auth/UserMenu';
import { useT } from '../lib/i18n';
import {
  canManageVolunteering,
  canReadGrids,
  canReadMembers,
  canReadVolunteering,
  canManageEvaluations,
  canSeeEvaluations,
  isAdmin,
  linkedMemberId,
  useMe,
} from '../lib/me';
import { useIsDesktop } from '../lib/useMediaQuery';

const SECTIONS = [
  '/dashboard',
  '/organizations',
  '/members',
  '/my-service',
  '/volunteer-records',
  '/activities',
  '/pledges',
  '/hours',
  '/grids',
  '/grid-coverage',
  '/units',
  '/evaluations',
  '/evaluation-cycles',
  '/users',
  '/api-keys',
  '/audit',
] as const;

/** Pages outside a section's own path that belong to it in the menu: an import, to its list. */
const SECTION_OF: Record<string, (typeof SECTIONS)[number]> = {
  '/imports/members': '/members',
  '/imports/volunteer-records': '/volunteer-records',
  '/imports/grids': '/grids',
  '/imports/grid-teams': '/grids',
  '/imports/grid-boundaries': '/grids',
  '/imports/units': '/units',
};

/** The menu entry a page belongs to, or undefined. */
export function sectionOf(pathname: string): string | undefined {
  const path = pathname.replace(/\/+$/, '');
  // A team belongs to the grids section.
  if (path.startsWith('/grid-teams/')) return '/grids';
  return SECTION_OF[path] ?? SECTIONS.find((section) => path === section || path.startsWith(`${section}/`));
}

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { data: me } = useMe();
  const selected = sectionOf(pathname);
  const member = linkedMemberId(me) !== null;
  const staff = canReadVolunteering(me);
  const items: MenuProps['items'] = [
    { key: '/dashboard', icon: <DashboardOutlined />, label: t('nav.dashboard') },
    { key: '/organizations', icon: <ApartmentOutlined />, label: t('nav.organizations') },
    ...(canReadMembers(me) ? [{ key: '/members', icon: <IdcardOutlined />, label: t('nav.members') }] : []),
    ...(member ? [{ key: '/my-service', icon: <ClockCircleOutlined />, label: t('nav.myService') }] : []),
    ...(staff
      ? [
          {
            key: '/volunteer-records',
            icon: <CheckSquareOutlined />,
            label: canManageVolunteering(me) ? t('nav.records') : t('records.titleReadOnly'),
          },
        ]
      : []),
    { key: '/activities', icon: <CalendarOutlined />, label: t('nav.activities') },
    ...(member || staff ? [{ key: '/pledges', icon: <FlagOutlined />, label: t('nav.pledges') }] : []),
    ...(staff ? [{ key: '/hours', icon: <BarChartOutlined />, label: t('nav.hours') }] : []),
    ...(canReadGrids(me)
      ? [
          { key: '/grids', icon: <BorderOuterOutlined />, label: t('nav.grids') },
          { key: '/grid-coverage', icon: <PieChartOutlined />, label: t('nav.coverage') },
          { key: '/units', icon: <ShopOutlined />, label: t('nav.units') },
        ]
      : []),
    ...(canSeeEvaluations(me) ? [{ key: '/evaluations', icon: <TrophyOutlined />, label: t('nav.evaluations') }] : []),
    ...(canManageEvaluations(me)
      ? [{ key: '/evaluation-cycles', icon: <ScheduleOutlined />, label: t('nav.evaluationCycles') }]
      : []),
    ...(isAdmin(me)
      ? [
          { key: '/users', icon: <TeamOutlined />, label: t('nav.users') },
          { key: '/api-keys', icon: <KeyOutlined />, label: t('nav.apiKeys') },
          { key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') },
        ]
      : []),
  ];
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}

function Brand({ compact }: { compact?: boolean }) {
  const t = useT();
  return (
    <Flex align="center" gap={8} style={{ padding: compact ? 0 : '16px 16px 8px' }}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <Typography.Text strong ellipsis={compact} style={{ fontSize: compact ? 15 : 15, lineHeight: 1.3 }}>
        {compact ? t('app.shortTitle') : t('app.title')}
      </Typography.Text>
    </Flex>
  );
}

/** The frame of every signed-in page: menu on the side (a drawer on a phone), header, content. */
export function AppLayout() {
  const t = useT();
  const isDesktop = useIsDesktop();
  const [drawerOpen, setDrawerOpen] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isDesktop ? (
        <Layout.Sider theme="light" width={232} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <Brand />
          <NavMenu />
        </Layout.Sider>
      ) : (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={<Brand compact />}
          styles={{ body: { padding: 0 } }}
        >
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: isDesktop ? '0 24px' : '0 12px',
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Flex justify="space-between" align="center" style={{ height: '100%' }} gap={8}>
            {isDesktop ? (
              <span />
            ) : (
              <Flex align="center" gap={8} style={{ minWidth: 0 }}>
                <Button
                  type="text"
                  icon={<MenuOutlined />}
                  aria-label={t('nav.open')}
                  onClick={() => setDrawerOpen(true)}
                />
                <Brand compact />
              </Flex>
            )}
            <Flex align="center" gap={isDesktop ? 16 : 8}>
              <LanguageSwitch />
              <UserMenu compact={!isDesktop} />
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: isDesktop ? 24 : 12, minWidth: 0 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
