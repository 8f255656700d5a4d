import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';

export function ComingSoonPage() {
  const { t } = useTranslation();
  const { module } = useParams();
  return <Result status="info" title={t(`nav.${module ?? 'orders'}`)} subTitle={t('nav.comingSoon')} />;
}
