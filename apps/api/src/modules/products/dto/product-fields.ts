import type { FieldDef } from '@core/http/csv-export';
import type { ProductResponse } from './product.dto';

/** Product columns of the CSV/XLSX export, in both languages. */
export const PRODUCT_FIELDS: FieldDef<ProductResponse>[] = [
  { key: 'sku', zh: 'SKU', en: 'SKU', text: true },
  { key: 'name', zh: '产品名称', en: 'Name (Chinese)' },
  { key: 'nameEn', zh: '英文名称', en: 'Name (English)' },
  { key: 'categoryName', zh: '分类', en: 'Category' },
  { key: 'unit', zh: '单位', en: 'Unit' },
  { key: 'listPrice', zh: '标准价', en: 'List price' },
  { key: 'currency', zh: '币种', en: 'Currency' },
  { key: 'cost', zh: '成本', en: 'Cost' },
  { key: 'taxRate', zh: '税率(%)', en: 'Tax rate (%)' },
  { key: 'active', zh: '启用', en: 'Active' },
  { key: 'description', zh: '描述', en: 'Description' },
  { key: 'id', zh: '产品ID', en: 'ID' },
  { key: 'createdAt', zh: '创建时间', en: 'Created at' },
];
