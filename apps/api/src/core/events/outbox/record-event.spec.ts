import { eventNameOf } from './record-event';

describe('eventNameOf', () => {
  const status = [{ field: 'status', old: 'new', new: 'contacted' }];
  const owner = [{ field: 'ownerId', old: 'a', new: 'b' }];
  it.each([
    ['create', [], 'record.created'],
    ['restore', [], 'record.created'],
    ['receive', [{ field: 'body', old: null, new: 'hi' }], 'record.created'],
    ['update', status, 'record.updated'],
    ['update', [...status, ...owner], 'record.ownerChanged'],
    ['update', [], null],
    ['convert', status, 'record.updated'],
    ['delete', [], 'record.deleted'],
    ['merge', [{ field: 'mergedInto', old: null, new: 'x' }], 'record.deleted'],
    ['merge', [{ field: 'mergedFrom', old: null, new: ['x'] }], null],
    ['assign', owner, 'record.ownerChanged'],
    ['claim', owner, 'record.ownerChanged'],
    ['release', owner, 'record.ownerChanged'],
    ['return', owner, 'record.ownerChanged'],
    ['reveal', [{ field: 'revealed', old: null, new: ['phone'] }], null],
  ])('%s %j → %s', (action, changes, expected) => {
    expect(eventNameOf(action, changes)).toBe(expected);
  });
});
