import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../i18n/index.ts';
import { useLocaleSwitch } from '../hooks/useLocaleSwitch.ts';

/** 中文 / English switch; persists in localStorage `bw.locale` and PUT /api/auth/locale when logged in. */
export function LocaleSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { locale, setLocale } = useLocaleSwitch();
  return (
    <Segmented<Locale>
      size={size}
      aria-label={t('app.language')}
      value={locale}
      onChange={(value) => void setLocale(value)}
      options={[
        { label: t('app.langZh'), value: 'zh-CN' },
        { label: t('app.langEn'), value: 'en' },
      ]}
    />
  );
}
