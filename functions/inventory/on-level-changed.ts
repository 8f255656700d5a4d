import { consumer, applyOnce } from '#functions/platform/events.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import { findProduct } from '#functions/catalog/reads.ts';
import { levelsOfProduct } from './store.ts';

/**
 * Watches level changes and announces `inventory.low_stock` when a level's available quantity
 * has fallen below the product's safety stock. Reads the level as it is now; the announcement and
 * the processed marker are one transaction, so a redelivery announces nothing twice.
 */
export const handler = consumer('inventory-watch', {
  'inventory.level_changed': async (t, event) => {
    const fell = event.data.changes.filter((c) => c.onHandDelta - c.reservedDelta < 0);
    const announcements = [];
    for (const c of fell) {
      const product = await findProduct(t, c.productId, false);
      if (!product || product.safetyStock <= 0) continue;
      const level = (await levelsOfProduct(t, c.productId)).find((l) => l.warehouseId === c.warehouseId);
      if (level && level.available < product.safetyStock) {
        announcements.push(
          outboxEvent(
            t,
            t.key('PRODUCT', c.productId),
            'inventory.low_stock',
            { type: 'inventory_level', id: `${c.productId}:${c.warehouseId}` },
            {
              productId: c.productId,
              sku: product.sku,
              warehouseId: c.warehouseId,
              available: level.available,
              safetyStock: product.safetyStock,
            },
          ),
        );
      }
    }
    if (announcements.length) await applyOnce(t, 'inventory-watch', event.id, announcements);
  },
});
