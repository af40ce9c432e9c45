import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as fontkit from 'fontkit';
import Decimal from 'decimal.js';
import { CompanyProfile, SettingsService } from '@modules/settings/settings.service';
import type { Locale } from '@core/i18n/locale';
import type { QuoteResponse } from './dto/quote.dto';
import { lazyModule } from '@core/lazy/lazy-module';

// loaded by the first PDF, not at boot
const pdfkit = lazyModule<typeof import('pdfkit')>('pdfkit');
const fontkitModule = lazyModule<typeof fontkit>('fontkit');

/** Noto Sans Hans (OTF, from npm: works offline with no system fonts; WOFF2 would render blank in pdfkit). */
function fontPath(): string {
  return join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
}

const WORDS = {
  'zh-CN': {
    title: '报价单',
    number: '报价单号',
    revision: '版本',
    date: '报价日期',
    validUntil: '有效期至',
    customer: '客户',
    contact: '联系人',
    phone: '电话',
    taxId: '税号',
    bank: '开户行',
    account: '账号',
    cols: ['序号', '产品/服务', '单位', '数量', '单价', '折扣', '税率', '金额'],
    groupSubtotal: '小计',
    subtotal: '合计',
    discount: '整单折扣',
    tax: '税额',
    net: '不含税金额',
    grand: '总计',
    inWords: '大写金额',
    taxIncluded: '以上价格含税',
    taxExcluded: '以上价格不含税',
    paymentTerms: '付款条件',
    notes: '备注',
  },
  'en-US': {
    title: 'QUOTATION',
    number: 'Quote no.',
    revision: 'Revision',
    date: 'Date',
    validUntil: 'Valid until',
    customer: 'Customer',
    contact: 'Contact',
    phone: 'Phone',
    taxId: 'Tax ID',
    bank: 'Bank',
    account: 'Account',
    cols: ['#', 'Item', 'Unit', 'Qty', 'Unit price', 'Disc.', 'Tax', 'Amount'],
    groupSubtotal: 'Subtotal',
    subtotal: 'Subtotal',
    discount: 'Quote discount',
    tax: 'Tax',
    net: 'Net (excl. tax)',
    grand: 'Grand total',
    inWords: 'Amount in words (大写)',
    taxIncluded: 'Prices include tax',
    taxExcluded: 'Prices exclude tax',
    paymentTerms: 'Payment terms',
    notes: 'Notes',
  },
};

const COLS = [28, 170, 36, 50, 72, 40, 40, 79]; // widths, sum 515 = A4 width − 2 × 40 margins

/**
 * Renders a quote as an A4 PDF (pdfkit, the CJK font embedded as a subset). One document at a time per
 * process, and the font parsed once: rendering many in a row keeps memory flat (parsing the 8 MB OTF per
 * document cost ~12 MB of RSS each).
 */
@Injectable()
export class QuotePdfService {
  /** The parsed font, shared by every document (pdfkit takes a fontkit font and subsets it per document). */
  private font: fontkit.Font | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly settings: SettingsService) {}

  /** The PDF with the company header from the settings (names in the PDF's language). */
  async render(q: QuoteResponse, locale: Locale): Promise<Buffer> {
    const company = await this.settings.companyProfile(locale);
    const run = this.queue.then(() => this.draw(q, locale, company));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private draw(q: QuoteResponse, locale: Locale, c: CompanyProfile): Promise<Buffer> {
    this.font ??= fontkitModule().create(readFileSync(fontPath())) as fontkit.Font;
    const w = WORDS[locale];
    const PDFDocument = pdfkit();
    const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `${w.title} ${q.number}`, Author: c.name }, compress: true });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (b: Buffer) => chunks.push(b));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    doc.registerFont('cjk', this.font as never);
    doc.font('cjk');
    const money = (v: string) => `${new Decimal(v).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
    const pct = (v: string) => `${new Decimal(v).toString()}%`;

    // company header
    doc.fontSize(16).text(c.name, { align: 'left' });
    doc.fontSize(8.5).fillColor('#444');
    doc.text([c.address, c.phone && `${w.phone}: ${c.phone}`, c.taxId && `${w.taxId}: ${c.taxId}`].filter(Boolean).join('    '));
    if (c.bankName || c.bankAccount) doc.text(`${w.bank}: ${c.bankName}    ${w.account}: ${c.bankAccount}`);
    doc.moveDown(0.6).fillColor('#000');
    doc.fontSize(18).text(w.title, { align: 'center' });
    doc.moveDown(0.4).fontSize(9.5);
    const meta = [
      `${w.number}: ${q.number}${q.revision > 1 ? ` (${w.revision} ${q.revision})` : ''}`,
      `${w.date}: ${new Date(q.updatedAt).toISOString().slice(0, 10)}`,
      q.validUntil ? `${w.validUntil}: ${q.validUntil}` : '',
    ].filter(Boolean);
    doc.text(meta.join('    '));
    doc.text(`${w.customer}: ${q.accountName ?? ''}${q.contactName ? `    ${w.contact}: ${q.contactName}` : ''}`);
    doc.moveDown(0.6);

    // lines table
    const left = doc.page.margins.left;
    const row = (cells: string[], opts: { bold?: boolean; fill?: string } = {}) => {
      const heights = cells.map((t, i) => doc.heightOfString(t, { width: COLS[i] - 6 }));
      const h = Math.max(...heights) + 6;
      if (doc.y + h > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
      const y = doc.y;
      if (opts.fill) doc.rect(left, y, 515, h).fill(opts.fill).fillColor('#000');
      let x = left;
      cells.forEach((t, i) => {
        doc.text(t, x + 3, y + 3, { width: COLS[i] - 6, align: i >= 3 ? 'right' : 'left' });
        x += COLS[i];
      });
      doc.moveTo(left, y + h).lineTo(left + 515, y + h).lineWidth(0.5).strokeColor('#bbb').stroke();
      doc.x = left;
      doc.y = y + h;
    };
    doc.fontSize(8.5);
    row(w.cols, { fill: '#eef2f7' });
    const grouped = q.groups.length > 1 || q.groups.some((g) => g.name);
    let n = 0;
    for (const g of q.groups) {
      if (grouped) row(['', g.name ?? '—', '', '', '', '', '', ''], { fill: '#f7f7f7' });
      for (const l of q.lines.filter((x) => (x.group ?? null) === g.name)) {
        n++;
        const name = l.description ? `${l.name}\n${l.description}` : l.name;
        row([String(n), name, l.unit ?? '', new Decimal(l.quantity).toString(), money(l.unitPrice), pct(l.discountPercent), pct(l.taxRate), money(l.amount)]);
      }
      if (grouped) row(['', '', '', '', '', '', w.groupSubtotal, money(g.subtotal)]);
    }

    // totals
    doc.moveDown(0.8).fontSize(9.5);
    const total = (label: string, value: string, size = 9.5) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
      const y = doc.y;
      doc.fontSize(size).text(label, left + 280, y, { width: 130, align: 'right' });
      doc.text(value, left + 415, y, { width: 100, align: 'right' });
      doc.x = left;
    };
    total(w.subtotal, `${q.currency} ${money(q.subtotal)}`);
    if (!new Decimal(q.discountAmount).isZero()) total(`${w.discount} (${pct(q.discountPercent)})`, `− ${money(q.discountAmount)}`);
    total(w.net, money(q.netTotal));
    total(w.tax, money(q.taxTotal));
    total(w.grand, `${q.currency} ${money(q.grandTotal)}`, 12);
    doc.moveDown(0.5).fontSize(9.5);
    if (q.grandTotalInWords) doc.text(`${w.inWords}: ${q.grandTotalInWords}`, left);
    doc.text(q.taxIncluded ? w.taxIncluded : w.taxExcluded, left);
    if (q.paymentTerms) doc.moveDown(0.5).text(`${w.paymentTerms}: ${q.paymentTerms}`, left);
    if (q.notes) doc.moveDown(0.3).text(`${w.notes}: ${q.notes}`, left);
    doc.end();
    return done;
  }
}
