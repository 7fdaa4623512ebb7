import { px2remTransformer, StyleProvider } from '@ant-design/cssinjs';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api/problem';
import { I18nProvider, useI18n } from '../lib/i18n';

/** Retries only what may succeed on a second try: not 4xx answers, which will not change. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/**
 * Ant Design's sizes in rem rather than px (16 px = 1 rem), so that text, controls and their
 * spacing grow with the font size the reader set in the browser or the phone (适老化).
 */
const REM = [px2remTransformer({ rootValue: 16 })];

/**
 * Colours that read on white and on the grey page at 4.5:1 or more (WCAG 1.4.3): Ant Design's
 * defaults (secondary text at 45 % black, #1677ff links, #ff4d4f errors, the tags' -7 shades)
 * fall to 2.5–4:1. The Party-red primary (#c8161d, 5.9:1 under white text) stays.
 */
export const THEME: ThemeConfig = {
  algorithm: theme.defaultAlgorithm,
  token: {
    colorPrimary: '#c8161d',
    borderRadius: 6,
    colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.64)',
    colorTextDescription: 'rgba(0, 0, 0, 0.66)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
    colorIcon: 'rgba(0, 0, 0, 0.6)',
    colorLink: '#0050b3',
    colorLinkHover: '#003a8c',
    colorLinkActive: '#002766',
    colorInfo: '#0958d9',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorError: '#cf1322',
    // The shades tags and badges write their text in (Tag color="green" and the like).
    blue7: '#0050b3',
    green7: '#237804',
    red7: '#a8071a',
    volcano7: '#ad2102',
    orange7: '#ad4e00',
    gold7: '#874d00',
    cyan7: '#006d75',
    purple7: '#391085',
    geekblue7: '#1d39c4',
    magenta7: '#9e1068',
    lime7: '#3f6600',
    yellow7: '#7c6500',
    // A ring of 3:1 or more around whatever holds the focus (WCAG 1.4.11, 2.4.7).
    controlOutline: 'rgba(29, 57, 196, 0.6)',
    controlOutlineWidth: 2,
    lineWidthFocus: 3,
  },
};

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  useEffect(() => {
    dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  }, [language]);
  return (
    <ConfigProvider
      locale={language === 'zh-CN' ? zhCN : enUS}
      theme={THEME}
      // A form sent with a mistake in it takes the reader to the first field to fix.
      form={{ scrollToFirstError: { focus: true, block: 'center' } }}
      // No space put between two Chinese characters of a button ("认 定"): the words read as
      // written, and a label that names the row ("认定 张建国 …") starts with them (WCAG 2.5.3).
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <StyleProvider transformers={REM}>
          <LocalizedAntd>{children}</LocalizedAntd>
        </StyleProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
