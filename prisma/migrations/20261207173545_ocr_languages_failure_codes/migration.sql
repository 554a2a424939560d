-- AlterTable
ALTER TABLE "Job" ADD COLUMN "ocrLanguages" TEXT;
-- AlterTable
ALTER TABLE "StageRun" ADD COLUMN "errorCode" TEXT;
