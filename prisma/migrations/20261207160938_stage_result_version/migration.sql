-- AlterTable
ALTER TABLE "StageRun" ADD COLUMN "resultVersion" INTEGER;
