-- CreateEnum
CREATE TYPE "ApiRole" AS ENUM ('CUSTOMER', 'ADVISOR', 'PARTNER', 'ADMIN');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "erasedAt" TIMESTAMP(3),
ADD COLUMN     "riskProfiledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Interaction" ADD COLUMN     "idempotencyKey" TEXT;

-- AlterTable
ALTER TABLE "RecommendationList" ADD COLUMN     "exclusions" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "modelVersion" TEXT,
ADD COLUMN     "notices" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "ruleSetVersion" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "RiskAssessment" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "questionnaireVersion" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "riskTolerance" INTEGER NOT NULL,
    "investmentHorizonMonths" INTEGER NOT NULL,
    "liquidityNeed" "LiquidityNeed" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "role" "ApiRole" NOT NULL,
    "customerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RiskAssessment_customerId_createdAt_idx" ON "RiskAssessment"("customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "Interaction_idempotencyKey_key" ON "Interaction"("idempotencyKey");

-- AddForeignKey
ALTER TABLE "RiskAssessment" ADD CONSTRAINT "RiskAssessment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

