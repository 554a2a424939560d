-- AlterTable
ALTER TABLE "Job" ADD COLUMN "warnings" TEXT;
ALTER TABLE "Job" ADD COLUMN "needsReview" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Job_needsReview_createdAt_idx" ON "Job"("needsReview", "createdAt");
