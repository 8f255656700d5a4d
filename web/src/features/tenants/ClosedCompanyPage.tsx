import { Alert, Button, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { AuthCard } from '../identity/AuthCard.tsx';

/**
 * What a closed company's people see instead of the app (every request of theirs answers 401
 * `tenant_closed`): when its data will be purged, and a way back. Who is the owner is unknown here
 * (`/v1/me` answers 401 too), so everyone signed in may try to restore it; the server refuses anyone
 * but the owner, and the screen says so in words.
 */
export function ClosedCompanyPage() {
  const { t } = useTranslation();
  const { closed, logout } = useAuth();
  const restore = useMutation({
    mutationFn: () => call('restoreTenant'),
    // Back into the app as it was: a fresh start, every list read anew.
    onSuccess: () => window.location.assign('/'),
    // Restored already (by the owner elsewhere): the same way in.
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'tenant_not_closed') window.location.assign('/');
    },
  });
  const forbidden = restore.error instanceof ApiError && restore.error.status === 403;
  return (
    <AuthCard title={t('closed.title')}>
      <Alert
        type="error"
        showIcon
        title={
          closed?.purgeAfter
            ? t('closed.message', { date: formatDateTime(closed.purgeAfter) })
            : t('closed.messageNoDate')
        }
        style={{ marginBottom: 16 }}
        data-testid="closed-message"
      />
      <Typography.Paragraph>{t('closed.ownerCan')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('closed.othersContact')}</Typography.Paragraph>
      {restore.error && (
        <Alert
          type="warning"
          showIcon
          title={errorMessage(t, restore.error)}
          description={forbidden ? t('closed.askOwner') : undefined}
          style={{ marginBottom: 16 }}
          data-testid="restore-error"
        />
      )}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button
          type="primary"
          block
          loading={restore.isPending || restore.isSuccess}
          onClick={() => restore.mutate()}
          data-testid="restore-company"
        >
          {t('closed.restore')}
        </Button>
        <Button block onClick={logout} data-testid="closed-logout">
          {t('nav.logout')}
        </Button>
      </Space>
    </AuthCard>
  );
}
