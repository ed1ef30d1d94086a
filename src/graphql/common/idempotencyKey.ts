// The client's idempotency key of a write (recordInteraction, submitFeedback, each event of
// ingestInteractions): the same key twice for one customer is one write (keys are per customer).
// A key travels in logs and request ids, so it is kept to a charset that needs no escaping anywhere
// (UUIDs, ULIDs, base64 and "app-7f3c" fit).
import { Matches } from 'class-validator';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:~+/=-]{1,128}$/;
export const IDEMPOTENCY_KEY_RULE = 'idempotencyKey must be 1–128 letters, digits or . _ : ~ + / = -';

export function IdempotencyKey(): PropertyDecorator {
  return Matches(IDEMPOTENCY_KEY_PATTERN, { message: IDEMPOTENCY_KEY_RULE });
}
