import { cleanFileName, contentDisposition } from './attachments.service';

/** Multer hands the multipart file name over as latin1: UTF-8 names come back whole, folders and control characters go. */
const asMulter = (name: string) => Buffer.from(name, 'utf8').toString('latin1');

describe('attachment file names', () => {
  it.each([
    [asMulter('购销合同-盖章版.pdf'), 'pdf', '购销合同-盖章版.pdf'],
    ['scan.PDF', 'pdf', 'scan.PDF'],
    [asMulter('C:\\Users\\王\\扫描件.pdf'), 'pdf', '扫描件.pdf'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['a\u0000b"c.png', 'png', 'abc.png'],
    ['', 'docx', 'file.docx'],
    [undefined, 'jpg', 'file.jpg'],
    ['x'.repeat(300) + '.pdf', 'pdf', 'x'.repeat(251) + '.pdf'],
  ])('cleans %j', (name, ext, expected) => {
    expect(cleanFileName(name, ext)).toBe(expected);
  });

  it('gives an ASCII fallback and the UTF-8 name (RFC 6266 / 5987)', () => {
    expect(contentDisposition('购销合同 (1).pdf')).toBe(`attachment; filename="____ (1).pdf"; filename*=UTF-8''%E8%B4%AD%E9%94%80%E5%90%88%E5%90%8C%20%281%29.pdf`);
    expect(contentDisposition('a"b\\c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });
});
