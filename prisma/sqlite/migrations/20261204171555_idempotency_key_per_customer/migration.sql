-- Idempotency keys are per customer: unique on (customerId, idempotencyKey) instead of globally.
-- With a global key a customer could take a partner's predictable key first and so get the
-- partner's later event, feedback or whole batch refused, or probe whether a key was used. Only
-- indexes change (existing rows already satisfy the narrower constraint). No table is rebuilt.
-- DropIndex
DROP INDEX "Feedback_idempotencyKey_key";

-- DropIndex
DROP INDEX "Interaction_idempotencyKey_key";

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_customerId_idempotencyKey_key" ON "Feedback"("customerId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Interaction_customerId_idempotencyKey_key" ON "Interaction"("customerId", "idempotencyKey");

