-- The audit trail of served lists is append-only, enforced by the database itself (not only by the
-- API having no mutation for it): items can never change or go; a list can never be deleted, and
-- its only permitted change is erasure, once: re-pointing it to the customer's pseudonym
-- ('erased-…', src/privacy/erase.ts) and, in the same update, redacting the customer's own words
-- from its request (a need-based list's text). A customer who still has lists therefore cannot be deleted (the cascade
-- hits the delete trigger): erase them instead.
CREATE TRIGGER "RecommendationItem_no_update" BEFORE UPDATE ON "RecommendationItem"
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: RecommendationItem rows cannot be changed'); END;

CREATE TRIGGER "RecommendationItem_no_delete" BEFORE DELETE ON "RecommendationItem"
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: RecommendationItem rows cannot be deleted'); END;

CREATE TRIGGER "RecommendationList_no_delete" BEFORE DELETE ON "RecommendationList"
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: RecommendationList rows cannot be deleted (erase the customer instead)'); END;

CREATE TRIGGER "RecommendationList_only_pseudonymised" BEFORE UPDATE ON "RecommendationList"
WHEN NEW."customerId" NOT LIKE 'erased-%' OR OLD."customerId" LIKE 'erased-%'
  OR NEW."id" IS NOT OLD."id" OR NEW."recommender" IS NOT OLD."recommender" OR NEW."configHash" IS NOT OLD."configHash"
  OR NEW."ruleSetVersion" IS NOT OLD."ruleSetVersion" OR NEW."modelVersion" IS NOT OLD."modelVersion"
  OR NEW."exclusions" IS NOT OLD."exclusions" OR NEW."notices" IS NOT OLD."notices" OR NEW."createdAt" IS NOT OLD."createdAt"
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: a RecommendationList may only be re-pointed to an erased customer''s pseudonym'); END;
