import { Segmented } from 'antd';
import { useI18n, type Language } from '../lib/i18n';

/** 中文 / English; the choice is remembered on this device. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('language.label')}
      value={language}
      onChange={setLanguage}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en-US' },
      ]}
    />
  );
}
