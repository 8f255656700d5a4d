import { lazy, Suspense } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

// ECharts is most of a chart page's JavaScript: it loads with the first chart drawn, not with the page.
const ChartCanvas = lazy(() => import('./ChartCanvas.tsx'));

/** A chart (ECharts, loaded on demand); until it is there, an empty box of its height keeps the layout still. */
export function Chart(props: { option: EChartsCoreOption; height?: number; testId?: string }) {
  return (
    <Suspense fallback={<div style={{ width: '100%', height: props.height ?? 260 }} aria-busy="true" />}>
      <ChartCanvas {...props} />
    </Suspense>
  );
}
