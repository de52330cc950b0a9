import { Controller, Delete, HttpCode, NotFoundException, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '../../../platform/http/requires-scope.decorator';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

const KEY_ID = /^[0-9a-f]{32}$/;

@ApiTags('api-keys')
@Controller('api-keys')
export class RevokeApiKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete(':keyId')
  @HttpCode(204)
  @RequiresScope('admin')
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiResponse({ status: 404, description: 'No key with this id' })
  async revoke(@Param('keyId') keyId: string): Promise<void> {
    // Not echoed: an admin who pasted the key instead of its id would see it printed back.
    if (!KEY_ID.test(keyId) || !(await this.commandBus.execute(new RevokeApiKeyCommand(keyId)))) {
      throw new NotFoundException('no API key with this id');
    }
  }
}
