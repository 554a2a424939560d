-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "interruptions" INTEGER NOT NULL DEFAULT 0,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "ownerKey" TEXT,
    "claimedBy" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "errorStage" TEXT
);
INSERT INTO "new_Job" ("attempt", "claimedBy", "createdAt", "errorCode", "errorMessage", "errorStage", "finishedAt", "id", "startedAt", "status", "updatedAt") SELECT "attempt", "claimedBy", "createdAt", "errorCode", "errorMessage", "errorStage", "finishedAt", "id", "startedAt", "status", "updatedAt" FROM "Job";
DROP TABLE "Job";
ALTER TABLE "new_Job" RENAME TO "Job";
CREATE INDEX "Job_status_createdAt_idx" ON "Job"("status", "createdAt");
CREATE INDEX "Job_ownerKey_createdAt_idx" ON "Job"("ownerKey", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
