import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Location, Patient, Provider } from '@pms-hub/pms';
import {
  AvailabilityQueryDto,
  LocationDto,
  PatientDto,
  PatientQueryDto,
  ProviderDto,
  SlotDto,
} from './live-reads.dto';
import { RequiresScope } from '../../platform/http/requires-scope.decorator';
import { patientSearchOf } from './patient-query';
import { Office, OfficeDirectory } from '../../offices/office-directory';

/** Live reads from an office's PMS, so a client can book a slot that really exists. */
@ApiTags('offices')
@Controller('offices/:officeId')
@RequiresScope('read', { office: 'path' })
@ApiResponse({ status: 404, description: 'Unknown office' })
@ApiResponse({ status: 502, description: 'The PMS refused or answered something unreadable' })
@ApiResponse({ status: 503, description: 'The PMS is unreachable' })
export class LiveReadsController {
  constructor(private readonly offices: OfficeDirectory) {}

  @Get('providers')
  @ApiOkResponse({ type: [ProviderDto] })
  providers(@Param('officeId') officeId: string): Promise<Provider[]> {
    return this.office(officeId).adapter.listProviders();
  }

  @Get('locations')
  @ApiOkResponse({ type: [LocationDto] })
  locations(@Param('officeId') officeId: string): Promise<Location[]> {
    return this.office(officeId).adapter.listLocations();
  }

  @Get('patients')
  @ApiOkResponse({ type: [PatientDto] })
  patients(
    @Param('officeId') officeId: string,
    @Query() { q }: PatientQueryDto,
  ): Promise<Patient[]> {
    return this.office(officeId).adapter.searchPatients(patientSearchOf(q));
  }

  @Get('availability')
  @ApiOkResponse({ type: [SlotDto] })
  async availability(
    @Param('officeId') officeId: string,
    @Query() query: AvailabilityQueryDto,
  ): Promise<SlotDto[]> {
    const slots = await this.office(officeId).adapter.getAvailability(query);
    return slots.map(({ providerId, locationId, start, end }) => ({
      providerId,
      locationId,
      start,
      end,
    }));
  }

  private office(officeId: string): Office {
    const office = this.offices.find(officeId);
    if (!office) throw new NotFoundException(`unknown office "${officeId}"`);
    return office;
  }
}
