import { App, Button, Popconfirm } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';

type Customer = Output<'getCustomer'>;

/**
 * 公海: take a customer nobody owns (it becomes mine), or give one back to the shared pool. What
 * shows depends on who owns it: nobody → claim; me (or a manager looking) → release.
 */
export function OwnershipButton({ customer, size }: { customer: Customer; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, can } = useAuth();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (action: 'claim' | 'release') =>
      call(action === 'claim' ? 'claimCustomer' : 'releaseCustomer', {
        params: { id: customer.id },
        ifMatch: customer.version,
      }),
    onSuccess: (next, action) => {
      queryClient.setQueryData(['customer', next.id], next);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      message.success(t(action === 'claim' ? 'team.claimed' : 'team.released'));
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  if (customer.archivedAt) return null;
  if (!customer.ownerId && can('claimCustomer'))
    return (
      <Button
        type="primary"
        size={size}
        loading={change.isPending}
        onClick={() => change.mutate('claim')}
        data-testid={`claim-${customer.id}`}
      >
        {t('team.claim')}
      </Button>
    );
  if (customer.ownerId && can('releaseCustomer') && (customer.ownerId === me?.user.id || can('listUsers')))
    return (
      <Popconfirm
        title={t('team.releaseConfirm')}
        onConfirm={() => change.mutate('release')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
      >
        <Button size={size} loading={change.isPending} data-testid={`release-${customer.id}`}>
          {t('team.release')}
        </Button>
      </Popconfirm>
    );
  return null;
}
