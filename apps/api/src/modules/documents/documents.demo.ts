import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { AttachmentsService } from '@core/files/attachments.service';
import { searchColumns } from './document-search';
import { DocumentItem, DocumentVersion, ShareScope } from './document.entity';

/** A one-page PDF with one line of (ASCII) text, so the demo files open in the preview. */
export function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Demo drive (order 90): a company-wide policies folder and the East team's sales folder, a PDF in each. */
@Injectable()
export class DocumentsDemo implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly attachments: AttachmentsService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(90, 'documents', (m, ctx) => this.seed(m, ctx));
  }

  private async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const manager = ctx.users['manager@keyuan.local'] ?? Object.values(ctx.users)[0];
    if (!manager) return;
    const folder = async (name: string, scope: ShareScope, departmentIds: string[] = []) =>
      m.getRepository(DocumentItem).save({
        kind: 'folder' as const,
        name,
        parentId: null,
        tags: [],
        ownerId: manager.id,
        departmentId: manager.departmentId,
        shareScope: scope,
        shareDepartmentIds: departmentIds,
        ...searchColumns(name, []),
      });
    const file = async (parent: DocumentItem, name: string, tags: string[], text: string) => {
      const row = await m.getRepository(DocumentItem).save({
        kind: 'file' as const,
        name,
        parentId: parent.id,
        tags,
        ownerId: manager.id,
        departmentId: manager.departmentId,
        shareScope: parent.shareScope,
        shareDepartmentIds: parent.shareDepartmentIds,
        ...searchColumns(name, tags),
      });
      const bytes = tinyPdf(text);
      const att = await this.attachments.add(null, 'document', row.id, { originalname: Buffer.from(name, 'utf8').toString('latin1'), size: bytes.length, buffer: bytes }, m);
      const v = await m.getRepository(DocumentVersion).save({ documentId: row.id, number: 1, attachmentId: att.id, createdById: manager.id });
      await m.getRepository(DocumentItem).update(row.id, { headVersionId: v.id, versionCount: 1, sizeBytes: att.sizeBytes, fileType: att.fileType, contentType: att.contentType });
    };
    const policies = await folder('公司制度', 'everyone');
    await file(policies, '员工手册.pdf', ['制度', 'HR'], 'Employee handbook 2026');
    await file(policies, '差旅报销规定.pdf', ['制度', '报销'], 'Travel expense policy');
    const east = ctx.departments.east;
    const sales = await folder('华东销售资料', east ? 'departments' : 'everyone', east ? [east] : []);
    await file(sales, '标准报价模板.pdf', ['报价', '模板'], 'Quote template');
  }
}
