import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_KEY_SCOPES, ApiKeyScope } from '@pms-hub/domain';

export class ApiKeyDto {
  @ApiProperty() readonly keyId!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) readonly scopes!: ApiKeyScope[];
  @ApiProperty({ type: [String], nullable: true, description: 'null: every office' })
  readonly offices!: string[] | null;
  @ApiProperty() readonly issuedAt!: string;
  @ApiPropertyOptional() readonly revokedAt?: string;
}
