import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { memoryStorage } from 'multer';
import { CurrenciesController } from './currencies.controller';
import { CurrenciesDemoSeeder } from './currencies.demo';
import { CurrenciesService } from './currencies.service';
import { Currency } from './currency.entity';
import { ExchangeRate } from './exchange-rate.entity';
import { ExchangeRatesController } from './exchange-rates.controller';
import { ExchangeRatesImportService, RATE_IMPORT_MAX_BYTES } from './exchange-rates-import.service';
import { ExchangeRatesService } from './exchange-rates.service';

/**
 * Currencies and dated exchange rates (issue 14). Depends on no business module; opportunities (board
 * totals) and the finance modules ask CurrenciesService to convert to the base currency.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Currency, ExchangeRate]),
    // a rates file is small: kept in memory, one file of at most RATE_IMPORT_MAX_BYTES (413 beyond)
    MulterModule.register({ storage: memoryStorage(), limits: { fileSize: RATE_IMPORT_MAX_BYTES, files: 1 } }),
  ],
  controllers: [CurrenciesController, ExchangeRatesController],
  providers: [CurrenciesService, ExchangeRatesService, ExchangeRatesImportService, CurrenciesDemoSeeder],
  exports: [CurrenciesService],
})
export class CurrenciesModule {}
