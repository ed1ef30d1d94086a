// The one bound of every `first` argument in the schema: 1 to MAX_PAGE (100), or a field's own
// smaller maximum. Checked by class-validator on the args class before the resolver runs, so every
// page size out of bounds is refused the same way: BAD_USER_INPUT, field `first`, one message.
import { Max, Min } from 'class-validator';

export const MAX_PAGE = 100;

export function PageSize(max = MAX_PAGE): PropertyDecorator {
  const message = `first must be between 1 and ${max}`;
  return (target, key) => {
    Min(1, { message })(target, key as string);
    Max(max, { message })(target, key as string);
  };
}
