import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A message about a whole list (not one item), e.g. NO_RISK_PROFILE: only low-risk products until a risk questionnaire is done' })
export class Notice {
  @Field({ description: 'Stable machine-readable code' })
  code!: string;

  @Field({ description: 'Plain-language message for the customer' })
  message!: string;
}
