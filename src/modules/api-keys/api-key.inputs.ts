import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ApiKeyScope } from './api-key.entity.js';

@InputType({ description: 'A new partner API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. the partner or script using it.' })
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name!: string;

  @Field(() => [ApiKeyScope], { description: 'What the key may do (at least one scope).' })
  @ArrayMinSize(1, { message: 'scopes must name at least one scope' })
  @ArrayMaxSize(10)
  scopes!: ApiKeyScope[];

  @Field(() => Date, {
    nullable: true,
    description: 'When the key stops working (in the future, at most a year away); default: never.',
  })
  @IsOptional()
  expiresAt?: Date | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The workspace the key acts in (you must be its OWNER or ADMIN); default: your personal one.',
  })
  @IsOptional()
  @IsString()
  workspaceId?: string | null;
}
