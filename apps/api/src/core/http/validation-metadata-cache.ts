import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type ValidationMetadata = Parameters<MetadataStorage['addValidationMetadata']>[0];
type Storage = MetadataStorage & { [CACHED]?: true };
/** A decorated class (class-validator types it as `Function`). */
type Target = abstract new (...args: never[]) => unknown;
type Lookup = (target: Target, schema: string, always: boolean, strictGroups: boolean, groups?: string[]) => ValidationMetadata[];
type Group = (metadata: ValidationMetadata[]) => Record<string, ValidationMetadata[]>;

const CACHED = Symbol.for('keyuan.validationMetadataCache');

/**
 * Memoizes class-validator's metadata look-ups (issue 20). Its `getTargetValidationMetadatas` walks every
 * decorated class of the application with an `instanceof` test on each `validate()` call, and
 * `groupByPropertyName` regroups the answer every time: 2.2 % of a list request's CPU, and 2.2 s of a
 * 100,000-row import, for answers that only change when a decorator runs. Both are cached per class and
 * options; any metadata added later (a class declared after the first validation) empties the cache, so
 * answers stay exactly the library's. The cached arrays and groups are only read by the validator.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage() as Storage;
  if (storage[CACHED]) return;
  storage[CACHED] = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage) as Lookup;
  const group = storage.groupByPropertyName.bind(storage) as Group;
  const add = storage.addValidationMetadata.bind(storage);
  let byTarget = new WeakMap<Target, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();

  storage.addValidationMetadata = (metadata) => {
    byTarget = new WeakMap();
    grouped = new WeakMap();
    add(metadata);
  };
  (storage as { getTargetValidationMetadatas: Lookup }).getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    const key = `${schema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${groups ? groups.join('\u0001') : '-'}`;
    let perTarget = byTarget.get(target);
    if (!perTarget) byTarget.set(target, (perTarget = new Map()));
    let found = perTarget.get(key);
    if (!found) perTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  (storage as { groupByPropertyName: Group }).groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
}
