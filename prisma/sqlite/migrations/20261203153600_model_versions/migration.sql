-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "params" TEXT NOT NULL,
    "dataCustomers" INTEGER NOT NULL,
    "dataExamples" INTEGER NOT NULL,
    "metrics" TEXT NOT NULL,
    "backend" TEXT NOT NULL,
    "artifactPath" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ModelVersion_kind_active_idx" ON "ModelVersion"("kind", "active");

