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
import { Button, Drawer, Flex, Layout, Typography } from 'antd';
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
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
import { requestHeadingFocus } from '../lib/pageFocus';
import { useIsDesktop } from '../lib/useMediaQuery';

interface NavItem {
  to: string;
  icon: ReactNode;
  label: string;
}

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
  // Teams, listed or one at a time, belong to the grids section.
  if (path === '/grid-teams' || path.startsWith('/grid-teams/')) return '/grids';
  return SECTION_OF[path] ?? SECTIONS.find((section) => path === section || path.startsWith(`${section}/`));
}

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const { pathname } = useLocation();
  const { data: me } = useMe();
  const selected = sectionOf(pathname);
  const member = linkedMemberId(me) !== null;
  const staff = canReadVolunteering(me);
  const items: NavItem[] = [
    { to: '/dashboard', icon: <DashboardOutlined />, label: t('nav.dashboard') },
    { to: '/organizations', icon: <ApartmentOutlined />, label: t('nav.organizations') },
    ...(canReadMembers(me) ? [{ to: '/members', icon: <IdcardOutlined />, label: t('nav.members') }] : []),
    ...(member ? [{ to: '/my-service', icon: <ClockCircleOutlined />, label: t('nav.myService') }] : []),
    ...(staff
      ? [
          {
            to: '/volunteer-records',
            icon: <CheckSquareOutlined />,
            label: canManageVolunteering(me) ? t('nav.records') : t('records.titleReadOnly'),
          },
        ]
      : []),
    { to: '/activities', icon: <CalendarOutlined />, label: t('nav.activities') },
    ...(member || staff ? [{ to: '/pledges', icon: <FlagOutlined />, label: t('nav.pledges') }] : []),
    ...(staff ? [{ to: '/hours', icon: <BarChartOutlined />, label: t('nav.hours') }] : []),
    ...(canReadGrids(me)
      ? [
          { to: '/grids', icon: <BorderOuterOutlined />, label: t('nav.grids') },
          { to: '/grid-coverage', icon: <PieChartOutlined />, label: t('nav.coverage') },
          { to: '/units', icon: <ShopOutlined />, label: t('nav.units') },
        ]
      : []),
    ...(canSeeEvaluations(me) ? [{ to: '/evaluations', icon: <TrophyOutlined />, label: t('nav.evaluations') }] : []),
    ...(canManageEvaluations(me)
      ? [{ to: '/evaluation-cycles', icon: <ScheduleOutlined />, label: t('nav.evaluationCycles') }]
      : []),
    ...(isAdmin(me)
      ? [
          { to: '/users', icon: <TeamOutlined />, label: t('nav.users') },
          { to: '/api-keys', icon: <KeyOutlined />, label: t('nav.apiKeys') },
          { to: '/audit', icon: <AuditOutlined />, label: t('nav.audit') },
        ]
      : []),
  ];
  // Real links (a new tab, a bookmark, the browser's own link list) marked as the current page;
  // each row is at least 44 px tall, so a finger finds it on a phone.
  return (
    <nav aria-label={t('shell.mainNav')} className="nav-list">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <Link
              to={item.to}
              aria-current={item.to === selected ? 'page' : undefined}
              className={item.to === selected ? 'nav-link nav-link-current' : 'nav-link'}
              onClick={() => onNavigate?.()}
            >
              <span className="nav-icon" aria-hidden="true">
                {item.icon}
              </span>
              <span>{item.label}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Brand({ compact }: { compact?: boolean }) {
  const t = useT();
  return (
    <Flex align="center" gap={8} className="app-brand" style={{ padding: compact ? 0 : '1rem 1rem 0.5rem' }}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <Typography.Text strong ellipsis={compact} style={{ fontSize: '0.9375rem', lineHeight: 1.3 }}>
        {compact ? t('app.shortTitle') : t('app.title')}
      </Typography.Text>
    </Flex>
  );
}

/** The frame of every signed-in page: menu on the side (a drawer on a phone), header, content. */
/** After the reader moves to another page (not on the first load), its h1 takes the focus. */
function useHeadingFocusOnNavigation() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    // The new page's heading may be there already (its data was at hand); else the heading
    // takes the focus when it mounts (PageHeader).
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading !== null) heading.focus();
    else requestHeadingFocus();
  }, [pathname]);
}

export function AppLayout() {
  const t = useT();
  const isDesktop = useIsDesktop();
  const [drawerOpen, setDrawerOpen] = useState(false);
  useHeadingFocusOnNavigation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
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
          className="app-header"
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
              <Flex align="center" gap={8} style={{ minWidth: 0, flex: '1 1 auto' }}>
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
        <Layout.Content id="main" tabIndex={-1} style={{ padding: isDesktop ? '1.5rem' : '0.75rem', minWidth: 0 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
