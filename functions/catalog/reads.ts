/** What other modules read of the catalog without loading its service (undefined, not 404, when missing). */
export {
  productIdsBySku,
  getProduct as findProduct,
  getProducts as productsById,
  getWarehouse as findWarehouse,
} from './store.ts';
