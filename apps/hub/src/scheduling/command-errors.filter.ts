import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { Response } from 'express';
import { UnknownOfficeError } from '../offices/unknown-office.error';
import { CommandConflictError } from './pms-process/pms-process';

/** Errors a command run raises for the client's own mistakes: 409 and 404, not 500. */
@Catch(CommandConflictError, UnknownOfficeError)
export class CommandErrorsFilter implements ExceptionFilter {
  catch(error: CommandConflictError | UnknownOfficeError, host: ArgumentsHost): void {
    const status =
      error instanceof CommandConflictError ? HttpStatus.CONFLICT : HttpStatus.NOT_FOUND;
    host.switchToHttp().getResponse<Response>().status(status).json({
      statusCode: status,
      error: error.name,
      message: error.message,
    });
  }
}
