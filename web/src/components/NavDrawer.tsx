import { Drawer } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The navigation on a phone: a drawer from the left, loaded the first time it opens. */
export function NavDrawer({ open, onClose, children }: { open: boolean; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="left"
      size={280}
      title={t('app.name')}
      closable={{ 'aria-label': t('common.close') }}
      styles={{ body: { padding: 0 } }}
    >
      <nav aria-label={t('nav.menu')}>{children}</nav>
    </Drawer>
  );
}
