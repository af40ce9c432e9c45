import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoSeeders } from '@core/demo/demo-seeders';
import { ProductCategory } from './product-category.entity';
import { Product } from './product.entity';

const CATEGORIES: { key: string; name: string; nameEn: string; parent?: string }[] = [
  { key: 'software', name: '软件产品', nameEn: 'Software' },
  { key: 'saas', name: 'SaaS 订阅', nameEn: 'SaaS subscriptions', parent: 'software' },
  { key: 'license', name: '软件许可', nameEn: 'Licences', parent: 'software' },
  { key: 'hardware', name: '硬件设备', nameEn: 'Hardware' },
  { key: 'services', name: '专业服务', nameEn: 'Professional services' },
];

type DemoProduct = Partial<Product> & { sku: string; name: string; cat: string; listPrice: string };

const PRODUCTS: DemoProduct[] = [
  { sku: 'KY-CRM-STD', name: '客源CRM 标准版（年）', nameEn: 'Keyuan CRM Standard (yearly)', cat: 'saas', unit: '套', listPrice: '19800.00', cost: '3000.00', taxRate: '6', description: '含 20 个用户席位，标准技术支持', priceTiers: [{ minQuantity: '5.0000', unitPrice: '18800.00' }] },
  { sku: 'KY-CRM-PRO', name: '客源CRM 专业版（年）', nameEn: 'Keyuan CRM Professional (yearly)', cat: 'saas', unit: '套', listPrice: '39800.00', cost: '6000.00', taxRate: '6', description: '含 50 个用户席位，审批流与工作流' },
  { sku: 'KY-SEAT', name: '增购用户席位（年）', nameEn: 'Extra user seat (yearly)', cat: 'saas', unit: '人', listPrice: '1200.00', cost: '100.00', taxRate: '6', priceTiers: [{ minQuantity: '50.0000', unitPrice: '1000.00' }, { minQuantity: '200.0000', unitPrice: '880.00' }] },
  { sku: 'KY-ONPREM', name: '私有化部署许可', nameEn: 'On-premises licence', cat: 'license', unit: '套', listPrice: '198000.00', cost: '20000.00', taxRate: '13' },
  { sku: 'HW-POS-01', name: '智能收银终端', nameEn: 'Smart POS terminal', cat: 'hardware', unit: '台', listPrice: '2999.00', cost: '1800.00', taxRate: '13' },
  { sku: 'HW-SCAN-02', name: '无线扫码枪', nameEn: 'Wireless barcode scanner', cat: 'hardware', unit: '个', listPrice: '399.00', cost: '180.00', taxRate: '13' },
  { sku: 'SV-IMPL', name: '实施服务', nameEn: 'Implementation service', cat: 'services', unit: '人天', listPrice: '2500.00', cost: '1200.00', taxRate: '6' },
  { sku: 'SV-TRAIN', name: '现场培训', nameEn: 'On-site training', cat: 'services', unit: '次', listPrice: '5000.00', cost: '2000.00', taxRate: '6' },
  { sku: 'SV-DATA', name: '数据迁移服务', nameEn: 'Data migration', cat: 'services', unit: '次', listPrice: '8000.00', cost: '3500.00', taxRate: '6' },
  { sku: 'KY-OLD-2019', name: '客源CRM 2019 版（停售）', nameEn: 'Keyuan CRM 2019 (discontinued)', cat: 'license', unit: '套', listPrice: '9800.00', taxRate: '13', active: false },
];

/** A small catalogue with Chinese names (order 20: before quotes). */
@Injectable()
export class ProductsDemoSeeder implements OnModuleInit {
  constructor(private readonly seeders: DemoSeeders) {}

  onModuleInit(): void {
    this.seeders.register(20, 'products', (m) => this.seed(m));
  }

  private async seed(m: EntityManager): Promise<void> {
    const ids = new Map<string, string>();
    for (const c of CATEGORIES) {
      const saved = await m.getRepository(ProductCategory).save({ name: c.name, nameEn: c.nameEn, parentId: c.parent ? ids.get(c.parent)! : null, sortOrder: ids.size * 10 });
      ids.set(c.key, saved.id);
    }
    for (const { cat, ...p } of PRODUCTS) {
      await m.getRepository(Product).save({ unit: '个', currency: 'CNY', active: true, priceTiers: [], ...p, categoryId: ids.get(cat)! });
    }
  }
}
