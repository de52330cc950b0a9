import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyState } from '@pms-hub/domain';
import { ApiKeyRegistry } from './api-key.registry';
import { ApiKeyDto } from './api-keys.dto';
import { RequiresScope } from '../platform/http/requires-scope.decorator';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly registry: ApiKeyRegistry) {}

  /** Every key issued in the store, revoked ones included; never the keys themselves. */
  @Get()
  @RequiresScope('admin')
  @ApiOkResponse({ type: [ApiKeyDto] })
  async list(): Promise<ApiKeyState[]> {
    await this.registry.refresh();
    return this.registry.list();
  }
}
