import { Field, ObjectType } from 'type-graphql';

@ObjectType('FieldError', { description: 'An invalid input field and what is wrong with it.' })
export class FieldErrorType {
  @Field({ description: 'Path of the field in the input, e.g. `url`.' })
  field!: string;

  @Field(() => [String], { description: 'What is wrong with it, one sentence each.' })
  messages!: string[];
}
