import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, Result, Spin, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { GlobalOutlined, StarFilled } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, call } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { formatDate } from '../../format.ts';
import { changeLanguage } from '../../i18n.ts';
import { PageHeading } from '../../kit/PageHeading.tsx';

const gold = '#fadb14';

/**
 * Five star buttons, each big enough for a thumb: a group of toggle buttons (each says how many
 * stars it gives and whether it is the chosen one), reached with Tab and pressed with Enter or Space.
 */
function Stars({ value, onChange, label }: { value: number; onChange: (v: number) => void; label: string }) {
  const { t } = useTranslation();
  const [hover, setHover] = useState(0);
  const shown = hover || value;
  return (
    <fieldset
      aria-label={label}
      style={{
        display: 'flex',
        gap: 4,
        justifyContent: 'center',
        flexWrap: 'nowrap',
        border: 0,
        margin: 0,
        padding: 0,
        minWidth: 0,
      }}
      onMouseLeave={() => setHover(0)}
      data-testid="rate-stars"
    >
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          aria-label={t('aftersales.rate.star', { count: n })}
          aria-pressed={value === n}
          onClick={() => onChange(n)}
          onMouseEnter={() => setHover(n)}
          onFocus={() => setHover(0)}
          data-testid={`rate-star-${n}`}
          style={{
            width: 56,
            height: 56,
            padding: 0,
            border: 'none',
            borderRadius: 8,
            background: 'transparent',
            cursor: 'pointer',
            fontSize: 40,
            lineHeight: 1,
            color: n <= shown ? gold : '#d9d9d9',
          }}
        >
          <StarFilled aria-hidden />
        </button>
      ))}
    </fieldset>
  );
}

/**
 * 服务评价, for the customer (no login): what the link is for, five stars, a comment, sent once. In
 * the company's language, with a switch; it calls nothing but the rating link's two operations.
 */
export function RatePage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [missingScore, setMissingScore] = useState(false);
  const view = useQuery({
    queryKey: ['rating', token],
    queryFn: () => call('getRating', { params: { token } }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  // The company's language, once, when the link is read; the switch changes it for this visit only.
  const localeSet = useRef(false);
  useEffect(() => {
    if (view.data && !localeSet.current) {
      localeSet.current = true;
      if (i18n.language !== view.data.locale) void changeLanguage(view.data.locale);
    }
  }, [view.data, i18n]);
  const rate = useMutation({
    mutationFn: () => call('rate', { params: { token }, body: { score, comment: comment.trim() || undefined } }),
  });
  const gone = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 400);
  const switchLanguage = (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => void changeLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
      data-testid="rate-language"
    >
      {t('nav.language')}
    </Button>
  );
  let body: ReactNode;
  if (view.isLoading) body = <Spin />;
  else if (view.error || (rate.error && gone(rate.error)))
    body = gone(view.error ?? rate.error) ? (
      <Result
        status="warning"
        title={<PageHeading testId="rate-invalid">{t('aftersales.rate.invalid')}</PageHeading>}
        subTitle={t('aftersales.rate.invalidHint')}
      />
    ) : (
      <Alert type="error" showIcon title={errorMessage(t, view.error)} />
    );
  else if (rate.isSuccess)
    body = (
      <Result
        status="success"
        title={<PageHeading testId="rate-thanks">{t('aftersales.rate.thanks')}</PageHeading>}
        subTitle={t('aftersales.rate.thanksHint')}
      />
    );
  else if (view.data) {
    const v = view.data;
    body = (
      <>
        <PageHeading testId="rate-title">{t('aftersales.rate.title')}</PageHeading>
        <Typography.Paragraph style={{ marginTop: 8 }} data-testid="rate-company">
          {t('aftersales.rate.invitation', { company: v.companyName })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" data-testid="rate-subject">
          {t(`aftersales.rate.subjects.${v.subject.type}`)} {v.subject.number}
          {v.subject.title ? ` · ${v.subject.title}` : ''}
        </Typography.Paragraph>
        {rate.error && <Alert type="error" showIcon title={errorMessage(t, rate.error)} style={{ marginBottom: 16 }} />}
        <Form
          layout="vertical"
          onFinish={() => {
            if (!score) {
              setMissingScore(true);
              return;
            }
            rate.mutate();
          }}
        >
          <Form.Item
            label={t('aftersales.rate.score')}
            validateStatus={missingScore && !score ? 'error' : undefined}
            help={missingScore && !score ? t('aftersales.rate.pickScore') : undefined}
          >
            <Stars
              value={score}
              onChange={(n) => {
                setScore(n);
                setMissingScore(false);
              }}
              label={t('aftersales.rate.score')}
            />
          </Form.Item>
          <Form.Item label={t('aftersales.rate.comment')} htmlFor="rate-comment">
            <Input.TextArea
              id="rate-comment"
              rows={4}
              maxLength={1000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="rate-comment"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={rate.isPending}
            data-testid="rate-submit"
          >
            {t('aftersales.rate.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
          {t('aftersales.rate.expires', { date: formatDate(v.expiresAt) })}
        </Typography.Paragraph>
      </>
    );
  }
  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'flex-start',
        justifyContent: 'center',
        background: '#fafafa',
        padding: 16,
        boxSizing: 'border-box',
      }}
    >
      <Card
        style={{ width: '100%', maxWidth: 480, marginTop: 24 }}
        title={
          <span style={{ fontWeight: 700, whiteSpace: 'normal' }}>
            {view.data?.companyName ?? t('aftersales.rate.title')}
          </span>
        }
        extra={switchLanguage}
      >
        {body}
      </Card>
    </main>
  );
}
