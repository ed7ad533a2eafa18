import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../users/user.inputs.js';

const passwordLength = Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
  message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
});

@InputType({ description: 'A new account.' })
export class RegisterInput {
  @Field({ description: "The account's email address; a verification link is sent to it." })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @Field({ description: 'The password (length limits in the error message when refused).' })
  @IsString()
  @passwordLength
  password!: string;

  @Field(() => String, { nullable: true, description: 'A display name; optional.' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name?: string | null;
}

@InputType({ description: 'Credentials to sign in with.' })
export class LoginInput {
  @Field({ description: "The account's email address (case-insensitive)." })
  @IsString()
  @MaxLength(254)
  email!: string;

  @Field({ description: "The account's password." })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

@InputType({ description: 'A password change by a signed-in user.' })
export class ChangePasswordInput {
  @Field({ description: 'The current password, to confirm.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @Field({ description: "The new password; the viewer's other sessions end." })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `newPassword must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
  })
  newPassword!: string;
}

@ArgsType()
export class PasswordResetRequestArgs {
  @Field({ description: 'The address of the account; at most 254 characters.' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;
}

@ArgsType()
export class ResetPasswordArgs {
  @Field({ description: 'The `token` of the emailed reset link (single use, 1 hour).' })
  token!: string;

  @Field({ description: 'The new password; every session of the account ends.' })
  @IsString()
  @passwordLength
  password!: string;
}
