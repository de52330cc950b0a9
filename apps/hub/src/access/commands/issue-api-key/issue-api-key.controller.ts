import { BadRequestException, Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { IssueApiKeyDto, IssuedApiKeyDto } from './issue-api-key.dto';
import { RequiresScope } from '../../../platform/http/requires-scope.decorator';
import { OfficeDirectory } from '../../../offices/office-directory';
import { IssueApiKeyCommand, IssuedApiKey } from './issue-api-key.command';

@ApiTags('api-keys')
@Controller('api-keys')
export class IssueApiKeyController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly offices: OfficeDirectory,
  ) {}

  @Post()
  @RequiresScope('admin')
  @ApiCreatedResponse({ type: IssuedApiKeyDto, description: 'The key, shown only this once' })
  issue(@Body() { name, scopes, offices }: IssueApiKeyDto): Promise<IssuedApiKey> {
    // An office-limited admin could issue itself a fleet-wide key: admin keys cover every office.
    if (scopes.includes('admin') && offices) {
      throw new BadRequestException('an admin key covers every office: leave out offices');
    }
    const unknown = offices?.filter((officeId) => !this.offices.find(officeId)) ?? [];
    if (unknown.length > 0) {
      throw new BadRequestException(`unknown offices: ${unknown.slice(0, 10).join(', ')}`);
    }
    return this.commandBus.execute(new IssueApiKeyCommand(name, scopes, offices ?? null));
  }
}
