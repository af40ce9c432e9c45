import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What the organisation seed created, for module seeders to attach their demo records to. */
export interface DemoContext {
  /** Demo users by email, e.g. `rep1@keyuan.local`. */
  users: Record<string, { id: string; departmentId: string | null }>;
  /** Demo departments by key: hq, sales, east, south, service, finance, marketing. */
  departments: Record<string, string>;
  /** Reproducible pseudo-random numbers in [0, 1). */
  random: () => number;
}

type Seeder = { order: number; name: string; run: (m: EntityManager, ctx: DemoContext) => Promise<void> };

/**
 * Modules register demo-data seeders (in onModuleInit); the first start runs them in `order` after the
 * organisation (departments, users) exists, all in one transaction.
 */
@Injectable()
export class DemoSeeders {
  private readonly seeders: Seeder[] = [];

  register(order: number, name: string, run: Seeder['run']): void {
    this.seeders.push({ order, name, run });
  }

  async runAll(m: EntityManager, ctx: DemoContext): Promise<string[]> {
    const done: string[] = [];
    for (const s of [...this.seeders].sort((a, b) => a.order - b.order)) {
      await s.run(m, ctx);
      done.push(s.name);
    }
    return done;
  }
}

/** mulberry32: a small seeded generator so demo data is the same on every install. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
