-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "interruptions" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ownerKey" TEXT;

-- CreateIndex
CREATE INDEX "Job_ownerKey_createdAt_idx" ON "Job"("ownerKey", "createdAt");
