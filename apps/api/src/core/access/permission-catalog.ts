import { Injectable } from '@nestjs/common';
import { PERMISSION_ACTIONS, type ObjectPermissionModule, type PermissionGrant } from '@keyuan/shared';

/** A permission module that exists at run time (a custom module), with its names for the role matrix. */
export interface DynamicPermissionModule {
  module: ObjectPermissionModule;
  labelZh: string;
  labelEn: string;
}

type Source = () => Promise<DynamicPermissionModule[]>;

const CACHE_MS = 2000;

/**
 * Permission modules defined at run time (custom modules, issue 18): the module owning them registers a
 * source; the role matrix lists them and the admin role holds every action on them, without a deploy.
 * Read briefly cached (every instance sees a new module within two seconds).
 */
@Injectable()
export class PermissionCatalog {
  private source: Source | null = null;
  private cache: { at: number; modules: DynamicPermissionModule[] } | null = null;

  registerSource(source: Source): void {
    this.source = source;
    this.cache = null;
  }

  /** Forget the cached list (after a local change). */
  invalidate(): void {
    this.cache = null;
  }

  async dynamicModules(): Promise<DynamicPermissionModule[]> {
    if (!this.source) return [];
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.modules;
    const modules = await this.source();
    this.cache = { at: Date.now(), modules };
    return modules;
  }

  /** The admin role's grants on every run-time module: every action, scope all. */
  async adminGrants(): Promise<PermissionGrant[]> {
    return (await this.dynamicModules()).map((m) => ({ module: m.module, actions: [...PERMISSION_ACTIONS], scope: 'all' }));
  }
}
