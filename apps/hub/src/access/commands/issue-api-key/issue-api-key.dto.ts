import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_KEY_SCOPES, ApiKeyScope } from '@pms-hub/domain';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';

export class IssueApiKeyDto {
  @ApiProperty({ example: 'call-centre bot' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly name!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, description: 'admin grants every scope' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true })
  readonly scopes!: ApiKeyScope[];

  @ApiPropertyOptional({ type: [String], description: 'absent: every office' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10000)
  @ArrayUnique()
  @IsString({ each: true })
  readonly offices?: string[];
}

export class IssuedApiKeyDto {
  @ApiProperty() readonly keyId!: string;
  @ApiProperty({ description: 'Shown only in this answer: the hub keeps no copy' })
  readonly key!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) readonly scopes!: ApiKeyScope[];
  @ApiProperty({ type: [String], nullable: true }) readonly offices!: string[] | null;
}
