// Spreadsheet scans: a dark header band right above a ruled grid is inverted (the grid's rules
// do not dilute it) and bounds its row; an untitled 1, 2, 3 first column is the item column.
import { describe, expect, it } from "vitest";
import { invertBands } from "../../src/stages/pdf-ocr/clean-image.js";
import { languagesFromText } from "../../src/stages/pdf-ocr/languages.js";
import { withNumbering } from "../../src/stages/pdf-bom/numbering.js";

function sheet(): { width: number; height: number; data: Uint8Array } {
  const width = 600;
  const height = 400;
  const data = new Uint8Array(width * height).fill(240);
  // Band rows 40..79 at gray 80 with a white "text" stroke; grid rules every 20 px below it.
  for (let y = 40; y < 80; y++) for (let x = 20; x < 580; x++) data[y * width + x] = 80;
  for (let y = 55; y < 60; y++) for (let x = 100; x < 140; x++) data[y * width + x] = 250;
  for (let y = 80; y < 380; y += 20) for (let x = 20; x < 580; x++) data[y * width + x] = 0;
  return { width, height, data };
}

describe("OCR of spreadsheet scans", () => {
  it("inverts a header band that a ruled grid follows, stretched to white, and returns its box", () => {
    const img = sheet();
    const bands = invertBands(img, 300, 30);
    expect(bands).toHaveLength(1);
    // The rule touching the band's bottom is filled over with it: the band's box replaces it.
    expect(bands[0].y0).toBe(40);
    expect(bands[0].y1).toBeGreaterThanOrEqual(79);
    expect(bands[0].y1).toBeLessThanOrEqual(80);
    expect(img.data[50 * img.width + 300]).toBe(255); // band background now white
    expect(img.data[57 * img.width + 120]).toBeLessThan(60); // its light text now dark
    expect(img.data[100 * img.width + 300]).toBe(0); // grid rules untouched
  });

  it("takes an untitled first column counting 1, 2, 3 as the item column, and nothing else", () => {
    const cols = [
      { field: null, label: "a", left: 0, right: 10 },
      { field: "quantity" as const, label: "Qty", left: 10, right: 20 },
    ];
    expect(withNumbering(cols, ["1", "2", null, "3", "4"])[0].field).toBe("item");
    expect(withNumbering(cols, ["10082", "CU03", "Cable", "4"])[0].field).toBeNull();
    expect(withNumbering(cols, ["5", "5", "5", "5"])[0].field).toBeNull();
  });

  it("picks the table's language from header words an English pass reads", () => {
    expect(languagesFromText("N/referencia Descripcid Unitats/kit Proveidor")).toContain("cat");
    expect(languagesFromText("Item Description Qty")).toEqual(["eng"]);
  });
});
