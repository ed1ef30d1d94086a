-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "age" INTEGER,
    "income" REAL,
    "segment" TEXT,
    "seniorityMonths" INTEGER,
    "active" BOOLEAN,
    "region" TEXT,
    "joinedAt" DATETIME,
    "sex" TEXT,
    "residenceCountry" TEXT,
    "foreignBorn" BOOLEAN,
    "riskTolerance" INTEGER,
    "investmentHorizonMonths" INTEGER,
    "liquidityNeed" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "riskLevel" INTEGER NOT NULL,
    "interestRate" REAL,
    "apr" REAL,
    "annualFee" REAL,
    "managementFeePercent" REAL,
    "termMonths" INTEGER,
    "minAge" INTEGER,
    "maxAge" INTEGER,
    "minAmount" REAL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "description" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Interaction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "customerId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" REAL,
    "occurredAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Interaction_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Interaction_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecommendationList" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "recommender" TEXT NOT NULL,
    "configHash" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecommendationList_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecommendationItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "listId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "productId" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "reasons" TEXT NOT NULL,
    CONSTRAINT "RecommendationItem_listId_fkey" FOREIGN KEY ("listId") REFERENCES "RecommendationList" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecommendationItem_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" REAL,
    "recommendationListId" TEXT,
    "idempotencyKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Feedback_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Feedback_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Feedback_recommendationListId_fkey" FOREIGN KEY ("recommendationListId") REFERENCES "RecommendationList" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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
