-- CreateTable
CREATE TABLE "ProductEmbedding" (
    "productId" TEXT NOT NULL,
    "embedder" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "dimension" INTEGER NOT NULL,
    "vector" BLOB NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("productId", "embedder"),
    CONSTRAINT "ProductEmbedding_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Product" (
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
    "lineCode" TEXT,
    "subcategory" TEXT,
    "issuer" TEXT,
    "isin" TEXT,
    "riskBasis" TEXT NOT NULL DEFAULT 'catalog',
    "source" TEXT NOT NULL DEFAULT 'catalog',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Product" ("active", "annualFee", "apr", "category", "code", "createdAt", "currency", "description", "id", "interestRate", "managementFeePercent", "maxAge", "minAge", "minAmount", "name", "riskLevel", "termMonths", "updatedAt") SELECT "active", "annualFee", "apr", "category", "code", "createdAt", "currency", "description", "id", "interestRate", "managementFeePercent", "maxAge", "minAge", "minAmount", "name", "riskLevel", "termMonths", "updatedAt" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE UNIQUE INDEX "Product_code_key" ON "Product"("code");
CREATE INDEX "Product_category_active_idx" ON "Product"("category", "active");
CREATE INDEX "Product_lineCode_idx" ON "Product"("lineCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

