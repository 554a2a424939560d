-- AlterTable
ALTER TABLE "Job" ADD COLUMN "heartbeatAt" DATETIME;

-- CreateIndex
CREATE INDEX "Job_status_heartbeatAt_idx" ON "Job"("status", "heartbeatAt");
