import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';

export type Product = Ok<'/api/v1/products', 'get'>['data'][number];
export type ProductCategory = Ok<'/api/v1/product-categories', 'get'>['data'][number];
export type CreateProductBody = Body<'/api/v1/products', 'post'>;
export type UpdateProductBody = Body<'/api/v1/products/{id}', 'patch'>;
export type CreateCategoryBody = Body<'/api/v1/product-categories', 'post'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const productsApi = {
  list: (query: ListQuery) => unwrap(api.GET('/api/v1/products', { params: { query: query as never } })) as Promise<ListPage<Product>>,
  get: (id: string) => unwrap(api.GET('/api/v1/products/{id}', byId(id))),
  create: (body: CreateProductBody) => unwrap(api.POST('/api/v1/products', { body })),
  update: (id: string, body: UpdateProductBody) => unwrap(api.PATCH('/api/v1/products/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/products/{id}', byId(id))),
  categories: () => unwrap(api.GET('/api/v1/product-categories')),
  createCategory: (body: CreateCategoryBody) => unwrap(api.POST('/api/v1/product-categories', { body })),
  removeCategory: (id: string) => unwrap(api.DELETE('/api/v1/product-categories/{id}', byId(id))),
  /** Active products whose SKU or name matches, for line pickers. */
  async find(q: string, limit = 20): Promise<Product[]> {
    return (await unwrap(api.GET('/api/v1/products', { params: { query: { q: q || undefined, limit, active: true } as never } }))).data;
  },
};

/** The flat, depth-first category list as an Element Plus tree. */
export interface CategoryNode {
  id: string;
  label: string;
  count: number;
  children: CategoryNode[];
}
export function categoryTree(list: ProductCategory[], locale: string): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  const roots: CategoryNode[] = [];
  for (const c of list) {
    const node = { id: c.id, label: locale === 'en-US' && c.nameEn ? c.nameEn : c.name, count: c.productCount, children: [] };
    nodes.set(c.id, node);
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
