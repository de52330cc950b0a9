import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { Response } from 'express';
import { assertNever } from '@pms-hub/domain';
import { PmsError, PmsErrorKind } from '@pms-hub/pms';

/** PMS failures on live reads become gateway errors; their messages are already free of secrets. */
@Catch(PmsError)
export class PmsErrorFilter implements ExceptionFilter {
  catch(error: PmsError, host: ArgumentsHost): void {
    // A 404 from the PMS means what the client named (a provider, a location) is not there.
    const status = error.statusCode === 404 ? HttpStatus.NOT_FOUND : statusOf(error.kind);
    host.switchToHttp().getResponse<Response>().status(status).json({
      statusCode: status,
      error: error.kind,
      message: error.message,
    });
  }
}

function statusOf(kind: PmsErrorKind): number {
  switch (kind) {
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'invalid':
    case 'auth':
      return HttpStatus.BAD_GATEWAY;
    case 'unreachable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'unknown-outcome':
      return HttpStatus.GATEWAY_TIMEOUT;
    default:
      return assertNever(kind);
  }
}
