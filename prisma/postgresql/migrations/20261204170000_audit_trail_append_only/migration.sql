-- The audit trail of served lists is append-only, enforced by the database itself (not only by the
-- API having no mutation for it): items can never change or go; a list can never be deleted, and
-- its only permitted change is erasure, once: re-pointing it to the pseudonym of its customer
-- (erased-…, src/privacy/erase.ts) and, in the same update, removing the words of the customer
-- from its request (the text of a need-based list). A customer who still has lists therefore
-- cannot be deleted (the cascade hits the delete trigger): erase them instead.
CREATE FUNCTION "finrec_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'RecommendationList'
     AND NEW."customerId" LIKE 'erased-%' AND OLD."customerId" NOT LIKE 'erased-%'
     AND (NEW."id", NEW."recommender", NEW."configHash", NEW."ruleSetVersion", NEW."exclusions", NEW."notices", NEW."createdAt")
         IS NOT DISTINCT FROM (OLD."id", OLD."recommender", OLD."configHash", OLD."ruleSetVersion", OLD."exclusions", OLD."notices", OLD."createdAt")
     AND NEW."modelVersion" IS NOT DISTINCT FROM OLD."modelVersion" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit trail is append-only: % rows cannot be %d (only erasure may change a list, once: re-pointing it to the customer''s pseudonym)', TG_TABLE_NAME, lower(TG_OP);
END $$;

CREATE TRIGGER "RecommendationItem_append_only" BEFORE UPDATE OR DELETE ON "RecommendationItem"
FOR EACH ROW EXECUTE FUNCTION "finrec_audit_append_only"();

CREATE TRIGGER "RecommendationList_append_only" BEFORE UPDATE OR DELETE ON "RecommendationList"
FOR EACH ROW EXECUTE FUNCTION "finrec_audit_append_only"();
