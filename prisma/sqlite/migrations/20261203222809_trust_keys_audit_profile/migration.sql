-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "erasedAt" DATETIME;
ALTER TABLE "Customer" ADD COLUMN "riskProfiledAt" DATETIME;

-- AlterTable
ALTER TABLE "Interaction" ADD COLUMN "idempotencyKey" TEXT;

-- CreateTable
CREATE TABLE "RiskAssessment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "questionnaireVersion" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "riskTolerance" INTEGER NOT NULL,
    "investmentHorizonMonths" INTEGER NOT NULL,
    "liquidityNeed" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RiskAssessment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "customerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RecommendationList" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "recommender" TEXT NOT NULL,
    "configHash" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "ruleSetVersion" TEXT NOT NULL DEFAULT '',
    "modelVersion" TEXT,
    "exclusions" TEXT NOT NULL DEFAULT '[]',
    "notices" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecommendationList_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RecommendationList" ("configHash", "createdAt", "customerId", "id", "recommender", "request") SELECT "configHash", "createdAt", "customerId", "id", "recommender", "request" FROM "RecommendationList";
DROP TABLE "RecommendationList";
ALTER TABLE "new_RecommendationList" RENAME TO "RecommendationList";
CREATE INDEX "RecommendationList_customerId_createdAt_idx" ON "RecommendationList"("customerId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RiskAssessment_customerId_createdAt_idx" ON "RiskAssessment"("customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "Interaction_idempotencyKey_key" ON "Interaction"("idempotencyKey");

