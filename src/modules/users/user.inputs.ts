import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

@InputType({ description: 'Fields a user may change on their own profile; omitted fields stay as they are.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: 'A new display name.' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A new email address, effective once confirmed by the link sent to it (needs currentPassword).',
  })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Required to change the email: a stolen access token alone must not take the account over.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword?: string | null;
}
