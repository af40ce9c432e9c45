import { describe, expect, it } from 'vitest';
import en from '@/locales/en-US/index';
import zh from '@/locales/zh-CN/index';
import { CHANNEL_KEYS, RECIPIENT_KEYS } from '../channel';

/** The shared pages build their keys from the channel's prefix (`<key>.broadcasts.title`): the locale parity test cannot see them, this one does. */
const has = (messages: Record<string, unknown>, key: string) => typeof key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages) === 'string';

describe('messaging channel keys', () => {
  it.each([
    ['sms', [...CHANNEL_KEYS, 'loadMore']],
    ['email', [...CHANNEL_KEYS, ...RECIPIENT_KEYS, 'broadcasts.loadMore']],
  ])('%s carries every key of the shared pages in both languages', (channel, paths) => {
    for (const [lang, messages] of [['en-US', en], ['zh-CN', zh]] as const) {
      const missing = paths.map((p) => `${channel}.${p}`).filter((key) => !has(messages as Record<string, unknown>, key));
      expect(missing, lang).toEqual([]);
    }
  });

  it.each([
    ['sms', ['scheduled', 'waiting', 'running', 'completed', 'canceled', 'failed']],
    ['email', ['scheduled', 'running', 'completed', 'canceled', 'failed']],
  ])('%s names every broadcast status in both languages', (channel, statuses) => {
    for (const messages of [en, zh]) {
      expect(statuses.filter((s) => !has(messages as Record<string, unknown>, `${channel}.broadcasts.statuses.${s}`))).toEqual([]);
    }
  });
});
