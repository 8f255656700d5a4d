import { lazy, Suspense, type ComponentType } from 'react';

/**
 * A part a page shows only after a click (a dialog with its date pickers and number inputs), whose
 * code loads the first time it is shown: the page renders it only while it is open, and it appears
 * once its code is here. What the page shows at first does not wait for it.
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Part = lazy(async () => ({ default: await load() }));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per part at module level (like lazy()), never in a render
  return function OnDemand(props: P) {
    return (
      <Suspense fallback={null}>
        <Part {...props} />
      </Suspense>
    );
  };
}
