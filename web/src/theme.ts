import type { ThemeConfig } from 'antd';

/**
 * The brand orange, dark enough for text on white (5.4:1, WCAG AA): buttons, links, the logo.
 * antd's own orange-6 (#d46b08) reads at 3.6:1 and its placeholders at 1.8:1.
 */
export const brand = '#ad4e00';

/**
 * Colours that pass WCAG AA contrast (4.5:1) where antd's defaults do not: secondary text,
 * placeholders, error/success/warning text, and the text of coloured tags (each preset's shade 7).
 * On a phone every control is a size larger, so fingers hit what they aim at.
 */
const darker = {
  orange: brand,
  gold: '#874d00',
  green: '#237804',
  cyan: '#006d75',
  volcano: '#ad2102',
  lime: '#3f6600',
  yellow: '#614700',
} as const;
/** A coloured tag's text is its preset's shade 7, read under both of antd's names for it. */
const tagText = Object.fromEntries(
  Object.entries(darker).flatMap(([color, hex]) => [
    [`${color}7`, hex],
    [`${color}-7`, hex],
  ]),
);

/** A picked table row (kit/Table.tsx) keeps its links readable: brand text on the palest orange (5.1:1; 4.9:1 hovered). */
export const selectedRow = { bg: '#fff7e6', hoverBg: '#fff1d6' } as const;

export function theme(phone: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: brand,
      colorLink: brand,
      // Hovered and pressed, darker still: antd derives a lighter hover (#ba691e, 3.9:1 as a default button's text).
      colorPrimaryHover: '#873800',
      colorPrimaryActive: '#612500',
      colorLinkHover: '#873800',
      colorLinkActive: '#612500',
      colorError: '#cf1322',
      colorSuccess: '#237804',
      colorWarning: '#874d00',
      colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
      colorTextDescription: 'rgba(0, 0, 0, 0.6)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
      ...tagText,
      borderRadius: 6,
      ...(phone ? { controlHeight: 40 } : {}),
    },
    components: {
      // The selected entry: brand text on the palest orange (5.1:1), not on the tint antd derives from a dark brand.
      Menu: { itemSelectedBg: '#fff7e6', itemSelectedColor: brand, itemActiveBg: '#fff7e6' },
    },
  };
}
