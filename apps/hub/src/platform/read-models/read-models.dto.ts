import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RebuildProgress } from '../projections/rebuild-progress';
import { ReadModelStatus } from './read-model.registry';

export class RebuildProgressDto implements RebuildProgress {
  @ApiProperty() readonly model!: string;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) readonly state!: RebuildProgress['state'];
  @ApiProperty() readonly startedAt!: string;
  @ApiPropertyOptional() readonly finishedAt?: string;
  @ApiProperty({ description: "events of the model's streams applied so far" })
  readonly eventsDone!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "events of the model's streams when it started; null on EventStoreDB",
  })
  readonly eventsTotal!: number | null;
  @ApiProperty() readonly eventsPerSecond!: number;
  @ApiPropertyOptional() readonly error?: string;
}

export class ReadModelStatusDto implements ReadModelStatus {
  @ApiProperty({ example: 'office-health' }) readonly name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'store position saved with the rows' })
  readonly checkpoint!: string | null;
  @ApiProperty({ description: 'events not applied yet, counted up to 10,000' })
  readonly eventsBehind!: number;
  @ApiProperty({ type: RebuildProgressDto, nullable: true })
  readonly lastRebuild!: RebuildProgressDto | null;
}

export class ReadModelsDto {
  @ApiProperty({ type: [ReadModelStatusDto] }) readonly readModels!: ReadModelStatusDto[];
}

export class RebuildStartedDto {
  @ApiProperty({ type: [String], example: ['office-catalog', 'office-health'] })
  readonly rebuilding!: string[];
}
