import { Logger } from '@nestjs/common';
import type { AppConfig } from '@core/config/app-config';
import { credentialsKey, SecretBox } from '@core/util/secret-box';

/**
 * The box every messaging channel seals its provider secrets with (SMS credentials, mailbox passwords): the key
 * from CREDENTIALS_KEY (else derived from JWT_SECRET); in production without it the boot log warns once per channel.
 */
export function credentialsBox(config: AppConfig, channel: string): SecretBox {
  const key = credentialsKey(config.credentialsKey, config.jwtSecret);
  if (key.source === 'development' && config.nodeEnv === 'production') {
    new Logger(channel).warn('CREDENTIALS_KEY is not set: secrets are sealed with the development key');
  }
  return new SecretBox(key.key);
}
