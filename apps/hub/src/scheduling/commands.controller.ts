import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyPrincipal, CommandOutcome, mayTouchOffice } from '@pms-hub/domain';
import { HUB_CONFIG, HubConfig } from '../platform/config/hub.config';
import { OfficeDirectory } from '../offices/office-directory';
import { CurrentApiKey, RequiresScope } from '../platform/http/requires-scope.decorator';
import { CommandEnvelopeDto, parseCommand } from './command-envelope.dto';
import { CommandOutcomeDto } from './command-outcome.dto';
import { CommandOutcomeReader } from './command-outcome.reader';
import { CommandConflictError } from './pms-process/pms-process';

@ApiTags('commands')
@Controller('commands')
export class CommandsController {
  private readonly logger = new Logger(CommandsController.name);

  constructor(
    private readonly commandBus: CommandBus,
    private readonly outcomes: CommandOutcomeReader,
    private readonly offices: OfficeDirectory,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** The guard checks the body's officeId; a body without one fails validation (400). */
  @Post()
  @RequiresScope('command', { office: 'body', narrowed: true })
  @HttpCode(202)
  @ApiBody({ type: CommandEnvelopeDto })
  @ApiResponse({
    status: 202,
    type: CommandOutcomeDto,
    description: 'Accepted; the current outcome',
  })
  @ApiResponse({ status: 400, description: 'Not a valid command: every reason is listed' })
  @ApiResponse({ status: 404, description: 'Unknown office' })
  @ApiResponse({ status: 409, description: 'commandId already used for another type or office' })
  async submit(@Body() body: unknown): Promise<CommandOutcome> {
    const parsed = await parseCommand(body);
    if (!parsed.ok) throw new BadRequestException(parsed.errors);
    const { commandId, type, officeId } = parsed.command.envelope;
    if (!this.offices.find(officeId)) throw new NotFoundException(`unknown office "${officeId}"`);
    const recorded = await this.outcomes.read(commandId);
    if (recorded && (recorded.type !== type || recorded.officeId !== officeId)) {
      throw new ConflictException(
        `commandId ${commandId} was already used for ${recorded.type} at office ${recorded.officeId}`,
      );
    }
    if (recorded && recorded.status !== 'pending') return recorded;
    const run = this.commandBus.execute(parsed.command);
    // The outcome stays in the store; this only reports a run that could not record one.
    run.catch((error: Error) =>
      error instanceof CommandConflictError
        ? undefined
        : this.logger.error(
            `command ${commandId} (${type}, office ${officeId}) did not complete: ${error.message}`,
          ),
    );
    return (
      (await settledWithin(run, this.config.commandWaitMs)) ?? {
        commandId,
        type,
        officeId,
        status: 'pending',
      }
    );
  }

  @Get(':commandId')
  @RequiresScope('read', { narrowed: true })
  @ApiOkResponse({ type: CommandOutcomeDto })
  @ApiResponse({ status: 404, description: 'No command with this id' })
  async status(
    @Param('commandId', new ParseUUIDPipe()) commandId: string,
    @CurrentApiKey() key: ApiKeyPrincipal,
  ): Promise<CommandOutcome> {
    const outcome = await this.outcomes.read(commandId.toLowerCase());
    // Another office's command is not found either: the key learns nothing of it.
    if (!outcome || !mayTouchOffice(key, outcome.officeId)) {
      throw new NotFoundException(`no command ${commandId}`);
    }
    return outcome;
  }
}

/** The run's value if it settles within `ms`, else undefined; the run itself goes on. */
async function settledWithin<T>(run: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
