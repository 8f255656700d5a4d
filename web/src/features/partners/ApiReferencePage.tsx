import { useEffect, useRef, useState } from 'react';
import { Alert, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import scalarUrl from 'virtual:scalar-standalone';
import { PageCard } from '../../kit/PageCard.tsx';

declare global {
  interface Window {
    Scalar?: {
      createApiReference: (el: HTMLElement | string, config: Record<string, unknown>) => { destroy?: () => void };
    };
  }
}

/** The API reference (Scalar), rendered from the OpenAPI document this deployment serves. */
export function ApiReferencePage() {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  useEffect(() => {
    let instance: { destroy?: () => void } | undefined;
    const mount = () => {
      if (!ref.current || !window.Scalar) return setState('failed');
      instance = window.Scalar.createApiReference(ref.current, {
        url: '/v1/openapi.json',
        hideClientButton: false,
        withDefaultFonts: false,
        defaultOpenAllTags: false,
      });
      setState('ready');
    };
    if (window.Scalar) mount();
    else {
      const script = Object.assign(document.createElement('script'), { src: scalarUrl, async: true });
      script.onload = mount;
      script.onerror = () => setState('failed');
      document.body.append(script);
    }
    return () => instance?.destroy?.();
  }, []);
  return (
    <PageCard
      title={t('partners.reference')}
      extra={
        <Typography.Link href="/v1/openapi.json" target="_blank">
          openapi.json
        </Typography.Link>
      }
    >
      <Typography.Paragraph type="secondary">{t('partners.referenceHint')}</Typography.Paragraph>
      {state === 'loading' && <Spin />}
      {state === 'failed' && <Alert type="error" title={t('errors.generic')} />}
      <div ref={ref} data-testid="api-reference" lang={i18n.language} />
    </PageCard>
  );
}
