import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequiresScope } from '../http/requires-scope.decorator';
import { HUB_METRICS, HubMetrics } from './hub.metrics';

/**
 * Prometheus scrapes this (with a read key: it spans every office, so an office-limited key gets
 * 403); it is not part of the API clients use, so not in the OpenAPI docs.
 */
@ApiExcludeController()
@Controller('metrics')
@RequiresScope('read')
export class MetricsController {
  constructor(@Inject(HUB_METRICS) private readonly metrics: HubMetrics) {}

  // Written directly: express's send() would reorder the content type's parameters.
  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.metrics.render();
    response.setHeader('content-type', this.metrics.contentType);
    response.end(body);
  }
}
