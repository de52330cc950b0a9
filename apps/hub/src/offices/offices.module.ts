import { Module } from '@nestjs/common';
import { RegisterOfficeController } from './commands/register-office/register-office.controller';
import { RegisterOfficeHandler } from './commands/register-office/register-office.handler';
import { ConnectionTestController } from './connection-test/connection-test.controller';
import { ConnectionTestService } from './connection-test/connection-test.service';
import { OfficeCatalogController } from './read-models/office-catalog/office-catalog.controller';
import { OfficeCatalogProjection } from './read-models/office-catalog/office-catalog.projection';

/** Office registration, the office catalog and the connection test. */
@Module({
  controllers: [OfficeCatalogController, RegisterOfficeController, ConnectionTestController],
  providers: [RegisterOfficeHandler, OfficeCatalogProjection, ConnectionTestService],
})
export class OfficesModule {}
