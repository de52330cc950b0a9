import { BadRequestException, Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequiresScope } from '../../../platform/http/requires-scope.decorator';
import { RegisterOfficeDto, RegisteredOfficeDto } from './register-office.dto';
import { OfficeCatalogProjection } from '../../read-models/office-catalog/office-catalog.projection';
import { OfficeConfig, credentialsOf, profileOf } from '../../office-config';
import { parseOfficeConfig } from '../../offices-file';
import { OfficeView, officeViewOf } from '../../read-models/office-catalog/office.view';
import { RegisterOfficeCommand } from './register-office.command';
import { OFFICE_MONITORING, OfficeMonitoring } from '../../office-monitoring.port';

/**
 * Registers an office, or updates it: the same body twice changes nothing. Answers once this
 * instance serves the office, so a command right after it finds the office.
 */
@ApiTags('offices')
@Controller('offices')
export class RegisterOfficeController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly catalog: OfficeCatalogProjection,
    @Inject(OFFICE_MONITORING) private readonly monitoring: OfficeMonitoring,
  ) {}

  @Post()
  @RequiresScope('admin', { office: 'body' })
  @ApiBody({ type: RegisterOfficeDto })
  @ApiCreatedResponse({ type: RegisteredOfficeDto, description: 'Registered' })
  @ApiOkResponse({ type: RegisteredOfficeDto, description: 'Updated, or unchanged' })
  @ApiResponse({ status: 400, description: 'Not a valid office: the field is named' })
  async register(
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ outcome: string; office: OfficeView }> {
    const config = parsed(body);
    const { officeId } = config;
    const { outcome } = await this.commandBus.execute(
      new RegisterOfficeCommand(officeId, profileOf(config), credentialsOf(config), 'admin-api'),
    );
    await this.catalog.sync(officeId, outcome !== 'unchanged');
    response.status(outcome === 'registered' ? 201 : 200);
    const entry = this.catalog.find(officeId)!;
    return { outcome, office: officeViewOf(entry, this.monitoring.monitored(officeId)) };
  }
}

function parsed(body: unknown): OfficeConfig {
  try {
    return parseOfficeConfig(body, 'office');
  } catch (error) {
    throw new BadRequestException((error as Error).message);
  }
}
