import { Spin, theme } from 'antd';
import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';

export interface CardProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  title?: ReactNode;
  /** Beside the title, on the right (actions, a status). */
  extra?: ReactNode;
  size?: 'default' | 'small';
  styles?: { header?: CSSProperties; title?: CSSProperties; body?: CSSProperties };
  /** While the content loads: a spinner in its place. */
  loading?: boolean;
  'data-testid'?: string;
}

/** The card's look, from the theme's tokens: antd's card (outlined, default or small). */
function CardStyle() {
  const { token } = theme.useToken();
  const css = `
.dg-card{background:${token.colorBgContainer};border:${token.lineWidth}px solid ${token.colorBorderSecondary};border-radius:${token.borderRadiusLG}px;color:${token.colorText};font-size:${token.fontSize}px;line-height:${token.lineHeight};min-width:0}
.dg-card-head{display:flex;align-items:center;gap:${token.marginXS}px;min-height:${Math.round(token.fontSizeLG * token.lineHeightLG + token.padding * 2)}px;padding:0 ${token.paddingLG}px;border-bottom:${token.lineWidth}px solid ${token.colorBorderSecondary};color:${token.colorTextHeading};font-weight:${token.fontWeightStrong};font-size:${token.fontSizeLG}px}
.dg-card-title{flex:1;min-width:0;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.dg-card-extra{margin-inline-start:auto;color:${token.colorText};font-weight:normal;font-size:${token.fontSize}px}
.dg-card-body{padding:${token.paddingLG}px}
.dg-card-small>.dg-card-head{min-height:${Math.round(token.fontSize * token.lineHeight + token.paddingXS * 2)}px;padding:0 ${token.paddingSM}px;font-size:${token.fontSize}px}
.dg-card-small>.dg-card-body{padding:${token.paddingSM}px}
`;
  return (
    <style href={`dg-card-${token.colorPrimary}-${token.fontSize}`} precedence="default">
      {css}
    </style>
  );
}

/**
 * A titled box (a page, a record, a section of one), as antd's Card looks, without what we never use
 * of it (its tabs, its skeleton, its cover and actions bar), which made every screen load antd's tabs.
 */
export function Card({ title, extra, size = 'default', styles, loading, children, className, ...rest }: CardProps) {
  return (
    <div {...rest} className={`dg-card${size === 'small' ? ' dg-card-small' : ''}${className ? ` ${className}` : ''}`}>
      <CardStyle />
      {(title || extra) && (
        <div className="dg-card-head" style={styles?.header}>
          {title && (
            <div
              className="dg-card-title"
              style={styles?.title}
              data-testid={rest['data-testid'] && `${rest['data-testid']}-title`}
            >
              {title}
            </div>
          )}
          {extra && <div className="dg-card-extra">{extra}</div>}
        </div>
      )}
      <div className="dg-card-body" style={styles?.body}>
        {loading ? <Spin style={{ display: 'block' }} /> : children}
      </div>
    </div>
  );
}
