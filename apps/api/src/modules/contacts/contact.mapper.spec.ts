import type { AuthUser } from '@core/auth/auth-user';
import { Contact } from './contact.entity';
import { toContactResponse } from './contact.mapper';

const user = (special: AuthUser['special']): AuthUser => ({
  id: 'u',
  email: 'u@example.com',
  name: 'U',
  departmentId: null,
  departmentPath: null,
  scopeDepartmentIds: [],
  roleKeys: [],
  grants: [],
  special,
});

describe('toContactResponse', () => {
  const c = Object.assign(new Contact(), {
    id: 'c1',
    accountId: 'a1',
    name: '陈静',
    mobile: '+8613812345678',
    workPhone: '+862160881234',
    email: 'chen.jing@example.com',
    ownerId: 'o1',
  });
  const names = { owners: new Map([['o1', '李雷']]), accounts: new Map([['a1', '云启']]) };

  it('masks phones and email without viewSensitive and says so', () => {
    expect(toContactResponse(c, user([]), names)).toMatchObject({
      mobile: '138****5678',
      workPhone: '216****1234',
      email: 'c***@example.com',
      masked: true,
      ownerName: '李雷',
      accountName: '云启',
    });
  });

  it('shows them with viewSensitive', () => {
    expect(toContactResponse(c, user(['viewSensitive']), names)).toMatchObject({ mobile: '+8613812345678', email: 'chen.jing@example.com', masked: false });
  });

  it('is not "masked" when there is nothing to mask', () => {
    const bare = Object.assign(new Contact(), { id: 'c2', name: 'x', mobile: null, workPhone: null, email: null, ownerId: null, accountId: null });
    expect(toContactResponse(bare, user([]), names)).toMatchObject({ masked: false, ownerName: null, accountName: null });
  });
});
