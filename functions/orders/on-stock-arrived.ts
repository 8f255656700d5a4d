import { consumer } from '#functions/platform/events.ts';
import { HttpError } from '#functions/platform/errors.ts';
import { runAction } from './actions/runner.ts';
import { fill, NothingToFill } from './actions/fill.ts';
import * as store from './store.ts';

/**
 * Stock arrived (a receipt, a return, a transfer in, an increase): backordered lines of the product
 * in that warehouse reserve it, oldest first, until it runs out. Each fill is its own transaction
 * on the order; a redelivered event finds the backorders already smaller and fills nothing twice.
 */
export const handler = consumer('backorder-filler', {
  'inventory.level_changed': async (t, event) => {
    const arrived = event.data.changes.filter((c) => c.onHandDelta - c.reservedDelta > 0);
    for (const c of arrived) {
      for (const entry of await store.backorders(t, c.productId, c.warehouseId)) {
        try {
          await runAction(t, entry.orderId, undefined, fill, { lineId: entry.lineId });
        } catch (error) {
          if (error instanceof NothingToFill) {
            // This line is done; is anything left in the warehouse for the next one?
            continue;
          }
          // Out of stock meanwhile (409) or the order changed state: the next arrival tries again.
          if (error instanceof HttpError) break;
          throw error;
        }
      }
    }
  },
});
