import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '../http/requires-scope.decorator';
import { ReadModelsDto, RebuildStartedDto } from './read-models.dto';
import { ReadModelRegistry } from './read-model.registry';

/** Read models' positions, and rebuilds from the start of the store (`npm run rebuild-read-models`). */
@ApiTags('read models')
@Controller('read-models')
@RequiresScope('admin')
export class ReadModelsController {
  constructor(private readonly registry: ReadModelRegistry) {}

  @Get()
  @ApiOkResponse({ type: ReadModelsDto })
  async list(): Promise<ReadModelsDto> {
    return { readModels: await this.registry.status() };
  }

  @Post('rebuild')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RebuildStartedDto, description: 'Every read model is rebuilding' })
  @ApiResponse({ status: 409, description: 'A read model is already rebuilding' })
  rebuildAll(): RebuildStartedDto {
    return { rebuilding: this.registry.rebuild() };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RebuildStartedDto, description: 'The read model is rebuilding' })
  @ApiResponse({ status: 404, description: 'No read model of that name' })
  @ApiResponse({ status: 409, description: 'It is already rebuilding' })
  rebuildOne(@Param('name') name: string): RebuildStartedDto {
    return { rebuilding: this.registry.rebuild([name]) };
  }
}
