import { cleanTags, searchColumns } from './document-search';

describe('document search columns', () => {
  it('cleans tags', () => {
    expect(cleanTags([' 合同 ', '合同', 'Price  List', 'price list', ''])).toEqual(['合同', 'Price List']);
  });

  it('indexes the name and tags: lower-cased text and the Chinese pieces apart per field', () => {
    expect(searchColumns('销售合同模板.docx', ['法务'])).toEqual({ searchText: '销售合同模板.docx 法务', searchBigrams: ['销售', '售合', '合同', '同模', '模板', '法务'] });
  });
});
