// Fastener rows read from the parts list: spec, tool and reference torque.

import { describe, expect, it } from "vitest";
import { readHardware } from "../../src/stages/generate/hardware.js";
import type { BomRow } from "../../src/stages/types.js";

const row = (extra: Partial<BomRow>): BomRow => ({
  item: "1",
  partNumber: null,
  name: null,
  description: null,
  quantity: 1,
  unit: null,
  material: null,
  note: null,
  page: 1,
  bbox: [0, 0, 0, 0],
  confidence: 1,
  ...extra,
});

describe("readHardware", () => {
  it("names hex bolts by spec, with spanner size and the 8.8 torque", () => {
    expect(readHardware(row({ name: "Hex bolt", description: "ISO 4017 M8x30", material: "8.8" }))).toMatchObject({
      spec: "ISO 4017 M8×30 – 8.8",
      tool: "13 mm spanner",
      torque: 25,
    });
  });

  it("reads the spec from any printed column, and socket head screws need a hex key", () => {
    const hw = readHardware(row({ name: "Screw", columns: [{ header: "Standard", field: null, text: "ISO 4762 M12×45 - 12.9" }] }));
    expect(hw).toMatchObject({ spec: "ISO 4762 M12×45 – 12.9", tool: "10 mm hex key", torque: 145 });
  });

  it("keeps DIN across-flats sizes, gives nuts no torque and small screws a screwdriver", () => {
    expect(readHardware(row({ description: "DIN 934 M10", material: "8" }))).toMatchObject({ tool: "17 mm spanner", torque: null });
    expect(readHardware(row({ name: "Pan head screw", description: "ISO 7045 M4x10" })).tool).toBe("Phillips screwdriver PH2");
    expect(readHardware(row({ name: "Washer", description: "ISO 7089 8" })).tool).toBeNull();
  });

  it("gives stainless A2/A4 screws their own reference torques", () => {
    expect(readHardware(row({ name: "Cap screw", description: "ISO 4762 M8x20", material: "A2-70" }))).toMatchObject({
      spec: "ISO 4762 M8×20 – A2-70",
      torque: 14.5,
    });
    expect(readHardware(row({ description: "ISO 4017 M10x30 A4-80" })).torque).toBe(39.4);
  });

  it("reads SolidWorks file-name style rows", () => {
    expect(readHardware(row({ name: "01_02_12-cylinder_screw_M5x10-DIN912" }))).toMatchObject({ spec: "DIN 912 M5×10", tool: "4 mm hex key" });
    expect(readHardware(row({ name: "01_02_17-nut_M5-DIN934" }))).toMatchObject({ spec: "DIN 934 M5", tool: "8 mm spanner" });
  });

  it("leaves a row without standard or thread alone", () => {
    expect(readHardware(row({ name: "Dowel" }))).toMatchObject({ spec: null, tool: null, torque: null });
  });
});
