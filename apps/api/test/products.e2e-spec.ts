import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };

/**
 * Products and their category tree: SKU unique (also under parallel creates), permissions per action
 * (reps read, managers and admins write), category subtree filter, price tiers, 412, export.
 */
describe('products (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: U;
  let rep: U;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales });
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('builds a category tree and filters products by a subtree', async () => {
    const mk = async (body: object) => (await t.http.post('/api/v1/product-categories').set(admin).send(body).expect(201)).body as { id: string; depth: number };
    const software = await mk({ name: '软件产品', nameEn: 'Software', sortOrder: 1 });
    const saas = await mk({ name: 'SaaS 订阅', parentId: software.id });
    const hardware = await mk({ name: '硬件设备', sortOrder: 2 });
    expect(saas.depth).toBe(1);
    await t.http.post('/api/v1/products').set(bearer(manager.token)).send({ sku: 'SAAS-1', name: '客源CRM 标准版', listPrice: '19800', categoryId: saas.id }).expect(201);
    await t.http.post('/api/v1/products').set(bearer(manager.token)).send({ sku: 'HW-1', name: '智能收银终端', listPrice: 2999, categoryId: hardware.id }).expect(201);
    const tree = (await t.http.get('/api/v1/product-categories').set(bearer(rep.token)).expect(200)).body.data as { id: string; depth: number; productCount: number }[];
    expect(tree.map((c) => c.id)).toEqual([software.id, saas.id, hardware.id]);
    expect(tree.find((c) => c.id === saas.id)!.productCount).toBe(1);
    const under = (await t.http.get(`/api/v1/products?categoryId=${software.id}`).set(bearer(rep.token)).expect(200)).body.data as { sku: string; listPrice: string; categoryName: string }[];
    expect(under.map((p) => p.sku)).toEqual(['SAAS-1']);
    expect(under[0]).toMatchObject({ listPrice: '19800.00', categoryName: 'SaaS 订阅' });
    // no cycles, no delete while in use
    expect((await t.http.patch(`/api/v1/product-categories/${software.id}`).set(admin).send({ parentId: saas.id }).expect(400)).body.code).toBe('PRODUCT_CATEGORY_CYCLE');
    const del = await t.http.delete(`/api/v1/product-categories/${software.id}`).set(admin).expect(409);
    expect(del.body).toMatchObject({ code: 'PRODUCT_CATEGORY_IN_USE', related: { products: 0, categories: 1 } });
    // search by Chinese name and SKU
    expect(((await t.http.get('/api/v1/products?q=收银').set(bearer(rep.token)).expect(200)).body.data as unknown[]).length).toBe(1);
    expect(((await t.http.get('/api/v1/products?q=saas-1').set(bearer(rep.token)).expect(200)).body.data as unknown[]).length).toBe(1);
  });

  it('SKU is unique, also under parallel creates (case-insensitive)', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.http.post('/api/v1/products').set(admin).send({ sku: i % 2 ? 'DUP-SKU' : 'dup-sku', name: `并发产品 ${i}`, listPrice: '1.00' })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const conflicts = results.filter((r) => r.status === 409);
    expect(conflicts).toHaveLength(9);
    expect(conflicts[0].body).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'sku' }] });
  });

  it('permissions per action: reps read only; managers write; bad input 400; stale version 412', async () => {
    await t.http.post('/api/v1/products').set(bearer(rep.token)).send({ sku: 'REP-1', name: 'x', listPrice: '1' }).expect(403);
    const bad = await t.http.post('/api/v1/products').set(bearer(manager.token)).send({ sku: 'BAD 1', name: 'x', listPrice: '1.234' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['listPrice', 'sku']);
    const p = (
      await t.http
        .post('/api/v1/products')
        .set(bearer(manager.token))
        .send({ sku: 'TIER-1', name: '增购用户席位', unit: '人', listPrice: '1200', priceTiers: [{ minQuantity: '200', unitPrice: '880' }, { minQuantity: '50', unitPrice: '1000' }] })
        .expect(201)
    ).body as { id: string; version: number; priceTiers: { minQuantity: string }[] };
    expect(p.priceTiers.map((x) => x.minQuantity)).toEqual(['50.0000', '200.0000']);
    await t.http.patch(`/api/v1/products/${p.id}`).set(bearer(rep.token)).send({ listPrice: '1' }).expect(403);
    await t.http.patch(`/api/v1/products/${p.id}`).set(bearer(manager.token)).set('If-Match', String(p.version)).send({ listPrice: '1100.00' }).expect(200);
    await t.http.patch(`/api/v1/products/${p.id}`).set(bearer(manager.token)).set('If-Match', String(p.version)).send({ listPrice: '1000.00' }).expect(412);
    await t.http.delete(`/api/v1/products/${p.id}`).set(bearer(rep.token)).expect(403);
    await t.http.delete(`/api/v1/products/${p.id}`).set(bearer(manager.token)).expect(204);
    await t.http.get(`/api/v1/products/${p.id}`).set(bearer(rep.token)).expect(404);
    // the SKU is free again after the delete
    await t.http.post('/api/v1/products').set(bearer(manager.token)).send({ sku: 'TIER-1', name: '增购用户席位', listPrice: '1200' }).expect(201);
  });

  it('exports the catalogue as CSV in the file language', async () => {
    const res = await t.http.get('/api/v1/products/export?lang=zh-CN').set(bearer(manager.token)).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.text).toContain('产品名称');
    expect(res.text).toContain('智能收银终端');
    await t.http.get('/api/v1/products/export').set(bearer(rep.token)).expect(403);
  });
});
