-- CreateEnum
CREATE TYPE "ProductCategory" AS ENUM ('ACCOUNT', 'DEPOSIT', 'FUND', 'PENSION', 'SECURITIES', 'LOAN', 'MORTGAGE', 'CARD', 'INSURANCE', 'SERVICE');

-- CreateEnum
CREATE TYPE "InteractionKind" AS ENUM ('VIEW', 'SEARCH', 'CLICK', 'PURCHASE', 'HOLD', 'CANCEL', 'DISMISS', 'RATING');

-- CreateEnum
CREATE TYPE "FeedbackKind" AS ENUM ('CLICK', 'PURCHASE', 'DISMISS', 'RATING');

-- CreateEnum
CREATE TYPE "LiquidityNeed" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "age" INTEGER,
    "income" DOUBLE PRECISION,
    "segment" TEXT,
    "seniorityMonths" INTEGER,
    "active" BOOLEAN,
    "region" TEXT,
    "joinedAt" TIMESTAMP(3),
    "sex" TEXT,
    "residenceCountry" TEXT,
    "foreignBorn" BOOLEAN,
    "riskTolerance" INTEGER,
    "investmentHorizonMonths" INTEGER,
    "liquidityNeed" "LiquidityNeed",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" "ProductCategory" NOT NULL,
    "riskLevel" INTEGER NOT NULL,
    "interestRate" DOUBLE PRECISION,
    "apr" DOUBLE PRECISION,
    "annualFee" DOUBLE PRECISION,
    "managementFeePercent" DOUBLE PRECISION,
    "termMonths" INTEGER,
    "minAge" INTEGER,
    "maxAge" INTEGER,
    "minAmount" DOUBLE PRECISION,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "description" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Interaction" (
    "id" SERIAL NOT NULL,
    "customerId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "kind" "InteractionKind" NOT NULL,
    "value" DOUBLE PRECISION,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Interaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationList" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "recommender" TEXT NOT NULL,
    "configHash" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationItem" (
    "id" SERIAL NOT NULL,
    "listId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "productId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" TEXT NOT NULL,

    CONSTRAINT "RecommendationItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "kind" "FeedbackKind" NOT NULL,
    "value" DOUBLE PRECISION,
    "recommendationListId" TEXT,
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Customer_segment_idx" ON "Customer"("segment");

-- CreateIndex
CREATE UNIQUE INDEX "Product_code_key" ON "Product"("code");

-- CreateIndex
CREATE INDEX "Product_category_active_idx" ON "Product"("category", "active");

-- CreateIndex
CREATE INDEX "Interaction_customerId_occurredAt_idx" ON "Interaction"("customerId", "occurredAt");

-- CreateIndex
CREATE INDEX "Interaction_productId_kind_occurredAt_idx" ON "Interaction"("productId", "kind", "occurredAt");

-- CreateIndex
CREATE INDEX "Interaction_kind_occurredAt_idx" ON "Interaction"("kind", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Interaction_customerId_productId_kind_occurredAt_source_key" ON "Interaction"("customerId", "productId", "kind", "occurredAt", "source");

-- CreateIndex
CREATE INDEX "RecommendationList_customerId_createdAt_idx" ON "RecommendationList"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "RecommendationItem_productId_idx" ON "RecommendationItem"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "RecommendationItem_listId_rank_key" ON "RecommendationItem"("listId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_idempotencyKey_key" ON "Feedback"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Feedback_customerId_createdAt_idx" ON "Feedback"("customerId", "createdAt");

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationList" ADD CONSTRAINT "RecommendationList_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationItem" ADD CONSTRAINT "RecommendationItem_listId_fkey" FOREIGN KEY ("listId") REFERENCES "RecommendationList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationItem" ADD CONSTRAINT "RecommendationItem_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_recommendationListId_fkey" FOREIGN KEY ("recommendationListId") REFERENCES "RecommendationList"("id") ON DELETE SET NULL ON UPDATE CASCADE;
