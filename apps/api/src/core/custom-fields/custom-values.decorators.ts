import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { Column } from 'typeorm';

/**
 * The `custom` object of a write body: field key → value, validated against the kind's definitions
 * by the record kit (400 naming `custom.<key>`). Typed per kind in the live /docs-json (`x-custom-kind`).
 */
export const CustomValuesInput = (kind: string) =>
  applyDecorators(
    ApiProperty({
      required: false,
      type: 'object',
      additionalProperties: true,
      description: `Custom field values by key (GET /custom-fields?kind=${kind}); on update only the keys given change, null empties one`,
      example: {},
      'x-custom-kind': kind,
    } as never),
    IsOptional(),
    IsObject(),
  );

/** The `custom` object of a response: every live field of the kind, null when empty; phones and emails masked like built-in ones. */
export const CustomValuesOutput = (kind: string) =>
  ApiProperty({
    required: true,
    type: 'object',
    additionalProperties: true,
    description: `Custom field values by key (GET /custom-fields?kind=${kind})`,
    example: {},
    'x-custom-kind': kind,
  } as never);

/** The entity column (migration 1765530000000 adds it NOT NULL DEFAULT '{}'). */
export const CustomValuesColumn = () => Column({ type: 'jsonb', default: {} });
