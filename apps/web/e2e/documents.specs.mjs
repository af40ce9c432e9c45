import { apiAs, assert, login, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);
const PDF = Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');

export const documentSpecs = [
  {
    name: 'documents: a rep opens Documents, creates a folder, uploads a file into it and sees it listed',
    async run({ page, config }) {
      await login(page, { email: 'rep1@keyuan.local', password: 'Demo123!' });
      await page.locator('[data-testid="menu-documents"]').click();
      await page.locator('[data-testid="documents-page"]').waitFor();
      // the company-wide demo folder is shared with everyone
      await page.locator('[data-testid="document-公司制度"]').waitFor();

      const folder = `E2E 文件夹 ${stamp}`;
      await page.locator('[data-testid="documents-new-folder"]').click();
      const box = page.locator('.el-message-box');
      await box.locator('input').fill(folder);
      await box.locator('.el-message-box__btns .el-button--primary').click();
      await page.locator(`[data-testid="document-${folder}"]`).click();
      await page.locator('[data-testid="documents-breadcrumb"]', { hasText: folder }).waitFor();
      await page.locator('[data-testid="documents-page"] [data-testid="state-empty"]').waitFor();

      const name = `报价单-${stamp}.pdf`;
      await page.locator('[data-testid="documents-upload-input"]').setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
      await page.locator(`[data-testid="document-${name}"]`).waitFor();
      assert((await page.locator('[data-testid="documents-table"] .el-table__row').count()) === 1, 'the folder lists the one uploaded file');
      await shot(page, config, '95-documents');

      // search finds it from the top level (Chinese, two characters)
      await page.locator('[data-testid="documents-breadcrumb"] a').first().click();
      await page.locator(`[data-testid="document-${folder}"]`).waitFor();
      await page.locator('input[data-testid="documents-search"]').fill('报价');
      await page.locator('input[data-testid="documents-search"]').press('Enter');
      await page.locator(`[data-testid="document-${name}"]`).waitFor();
    },
  },
  {
    name: 'documents: a document linked to an account shows on the account page',
    async run({ page, config }) {
      const rep1 = await apiAs(config, { email: 'rep1@keyuan.local' });
      const account = (await rep1.send('GET', '/accounts?limit=1')).data[0];
      assert(account, 'rep1 has an account');
      const docs = (await rep1.send('GET', `/documents?q=${encodeURIComponent('员工手册')}`)).data;
      assert(docs.length === 1, `the demo handbook is shared with everyone (got ${docs.length})`);
      // rep1 may read the company handbook but not change it: linking it is for whoever manages it (the admin)
      const refused = await rep1('POST', `/documents/${docs[0].id}/links`, { recordType: 'account', recordId: account.id });
      assert(refused.status === 403, `rep1 may not link a document it does not manage (got ${refused.status})`);
      const admin = await apiAs(config, config.admin);
      const linked = await admin('POST', `/documents/${docs[0].id}/links`, { recordType: 'account', recordId: account.id });
      assert(linked.status === 201, `the admin links it (got ${linked.status} ${JSON.stringify(linked.body)})`);

      await login(page, { email: 'rep1@keyuan.local', password: 'Demo123!' });
      await page.goto(`/accounts/${account.id}`);
      await page.locator('[data-testid="detail-layout"]').waitFor();
      await page.locator('#tab-documents').click();
      await page.locator('[data-testid="record-document-员工手册.pdf"]').waitFor();
      await shot(page, config, '96-account-documents');
    },
  },
];
