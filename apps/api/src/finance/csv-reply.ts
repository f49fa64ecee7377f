import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

/** Documents an endpoint that answers a CSV file. */
export function CsvResponse(description: string) {
  return applyDecorators(
    ApiProduces('text/csv'),
    ApiOkResponse({ description, content: { 'text/csv': { schema: { type: 'string' } } } }),
  );
}

/** Sends `csv` as a download named `fileName` (UTF-8; the content carries its own BOM). */
export function sendCsv(reply: FastifyReply, fileName: string, csv: string): string {
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`)
    .header('cache-control', 'no-store');
  return csv;
}
