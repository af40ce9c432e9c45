import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { expandSequenceFormat } from './sequence-format';

/** The next number of a sequence, as issued. */
export interface IssuedNumber {
  /** The formatted number, e.g. `Q202611-0007`. */
  number: string;
  /** The counter's value, e.g. 7. */
  seq: number;
}

/**
 * Gap-free document numbers (quotes, contracts...). One counter row per sequence name and period key
 * (`quote` / `Q202611-#`) in `sequence_counters`, advanced by an upsert `... RETURNING` INSIDE the
 * caller's transaction: the row stays locked until that transaction ends, so concurrent creates queue
 * on it and take consecutive numbers, and a create that rolls back rolls its number back with it (no gap).
 * The price is that creates of one sequence serialize on that row for the rest of their transaction:
 * keep the work after `next` short.
 */
@Injectable()
export class SequencesService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async next(m: EntityManager, name: string, format: string, at: Date = new Date()): Promise<IssuedNumber> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('SequencesService.next must run inside the transaction that stores the number');
    const { key, render } = expandSequenceFormat(format, at, this.config.timezone);
    const rows: { value: string }[] = await m.query(
      `INSERT INTO sequence_counters (name, period_key, value) VALUES ($1, $2, 1)
       ON CONFLICT (name, period_key) DO UPDATE SET value = sequence_counters.value + 1, updated_at = now()
       RETURNING value`,
      [name, key],
    );
    const seq = Number(rows[0].value);
    return { number: render(seq), seq };
  }
}
