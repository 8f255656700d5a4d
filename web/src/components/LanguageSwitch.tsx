import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      data-testid="language-switch"
      onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
    >
      {t('nav.language')}
    </Button>
  );
}
