-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "isin" TEXT,
ADD COLUMN     "issuer" TEXT,
ADD COLUMN     "lineCode" TEXT,
ADD COLUMN     "riskBasis" TEXT NOT NULL DEFAULT 'catalog',
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'catalog',
ADD COLUMN     "subcategory" TEXT;

-- CreateTable
CREATE TABLE "ProductEmbedding" (
    "productId" TEXT NOT NULL,
    "embedder" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "dimension" INTEGER NOT NULL,
    "vector" BYTEA NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductEmbedding_pkey" PRIMARY KEY ("productId","embedder")
);

-- CreateIndex
CREATE INDEX "Product_lineCode_idx" ON "Product"("lineCode");

-- AddForeignKey
ALTER TABLE "ProductEmbedding" ADD CONSTRAINT "ProductEmbedding_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

