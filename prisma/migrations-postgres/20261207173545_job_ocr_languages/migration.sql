-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "ocrLanguages" TEXT;
