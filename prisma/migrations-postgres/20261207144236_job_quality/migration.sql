-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "needsReview" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "warnings" TEXT;

-- CreateIndex
CREATE INDEX "Job_needsReview_createdAt_idx" ON "Job"("needsReview", "createdAt");
