import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '../../platform/http/requires-scope.decorator';
import { ConnectionTestResultDto } from './connection-test.dto';
import { ConnectionTestResult, ConnectionTestService } from './connection-test.service';

/**
 * Tries an office's PMS connection on demand. A failed step is part of a 200 answer, not an HTTP
 * error: the test itself worked. An unknown office is a 404 (UnknownOfficeError).
 */
@ApiTags('offices')
@Controller('offices/:officeId/connection-test')
@RequiresScope('admin', { office: 'path' })
export class ConnectionTestController {
  constructor(private readonly connectionTest: ConnectionTestService) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectionTestResultDto })
  @ApiResponse({ status: 404, description: 'Unknown office' })
  run(@Param('officeId') officeId: string): Promise<ConnectionTestResult> {
    return this.connectionTest.test(officeId);
  }
}
