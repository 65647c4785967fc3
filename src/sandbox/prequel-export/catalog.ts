import type { Random } from '../kit/index.js';

/** One model a provider exports: a table-shaped dataset that transfers send row by row. */
export interface Model {
  id: string;
  name: string;
  product: string;
  /** Id of the model definition's current revision. */
  revisionId: string;
}

/** The provider's models, grouped into products; `*` in `enabled_models` means all of a destination's products. */
export interface ModelCatalog {
  models: Model[];
  products: string[];
  byName(name: string): Model | undefined;
  /** The models a destination receives: its named models, or every model of its products for `*`. */
  expand(enabledModels: readonly string[], products: readonly string[]): Model[];
}

const PRODUCTS: Record<string, string[]> = {
  billing: ['invoices', 'invoice_line_items', 'payments', 'refunds', 'subscriptions'],
  product_analytics: ['events', 'sessions', 'page_views'],
  crm: ['accounts', 'contacts', 'opportunities'],
};

export function createCatalog(random: Random): ModelCatalog {
  const models: Model[] = Object.entries(PRODUCTS).flatMap(([product, names]) =>
    names.map((name) => ({ id: random.uuid(), name, product, revisionId: random.uuid() })),
  );
  const byName = new Map(models.map((m) => [m.name, m]));
  return {
    models,
    products: Object.keys(PRODUCTS),
    byName: (name) => byName.get(name),
    expand(enabledModels, products) {
      if (enabledModels.includes('*')) {
        const wanted = products.length > 0 ? new Set(products) : new Set(Object.keys(PRODUCTS));
        return models.filter((m) => wanted.has(m.product));
      }
      return enabledModels.flatMap((name) => byName.get(name) ?? []);
    },
  };
}
