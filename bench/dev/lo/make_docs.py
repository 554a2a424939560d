#!/usr/bin/python3
# Development aid: BOM tables as Word/Calc users write them, exported to PDF by LibreOffice
# (a real third-party producer, unlike pdfkit). Writes <out>/<stem>.docx|csv, .pdf, .truth.json.
# Needs Debian libreoffice-writer, libreoffice-calc, python3-docx. Not run by npm test.
import json, os, subprocess, sys
from docx import Document
from docx.shared import Pt, Cm
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml import OxmlElement

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/lo-docs"
os.makedirs(out, exist_ok=True)

def truth_row(item=None, pn=None, name=None, qty=None, extra=None, material=None, note=None, unit=None):
    return {"item": item, "partNumber": pn, "name": name, "quantity": qty, "unit": unit, "material": material, "note": note, "extra": extra or {}}

def repeat_header(row):
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader"); el.set(qn("w:val"), "true"); trPr.append(el)

def set_widths(table, widths):
    for i, w in enumerate(widths):
        table.columns[i].width = Cm(w)
    for row in table.rows:
        for i, w in enumerate(widths):
            row.cells[i].width = Cm(w)

def word_table(doc, headers, widths, body, style="Table Grid"):
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = style
    t.autofit = False
    for i, h in enumerate(headers):
        t.rows[0].cells[i].text = h
        for p in t.rows[0].cells[i].paragraphs:
            for r in p.runs: r.bold = True
    repeat_header(t.rows[0])
    for r in body:
        cells = t.add_row().cells
        if isinstance(r, str):  # a section heading over the whole row
            m = cells[0].merge(cells[-1]); m.text = r
            m.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in m.paragraphs[0].runs: run.bold = True
        else:
            for i, v in enumerate(r): cells[i].text = v
    set_widths(t, widths)
    return t

def to_pdf(path):
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", out, path], check=True, stdout=subprocess.DEVNULL)

def save(stem, truth, sections=None, notes=""):
    t = {"file": stem + ".pdf", "notes": notes, "bom": truth}
    if sections: t["sections"] = sections
    json.dump(t, open(os.path.join(out, stem + ".truth.json"), "w"), ensure_ascii=False, indent=1)

# A. Word, English, header cells that wrap mid-word in narrow columns, supplier and price kept.
doc = Document()
doc.add_heading("Bill of materials — conveyor tensioner", 1)
heads = ["Item", "Part No.", "Description", "Quan\u00adtity", "Sup\u00adplier", "Unit price"]
body, truth = [], []
parts = [("TN-100", "Tensioner frame, welded", "1", "Inhouse", "—"), ("TN-110", "Idler roller Ø60", "2", "Interroll", "38.50"),
         ("TN-120", "Shaft Ø20 h6 × 240", "2", "Inhouse", "—"), ("ISO 4762 M8x25", "Socket head cap screw M8×25", "12", "Würth", "0.21"),
         ("DIN 125 A8.4", "Washer 8.4", "12", "Würth", "0.02"), ("6204-2RS", "Deep groove ball bearing 20×47×14", "4", "SKF", "6.90"),
         ("TN-130", "Take-up screw M16 with lock nut, long thread for belt adjustment", "2", "Inhouse", "—"),
         ("DIN 471 20x1.2", "Retaining ring for shaft 20", "4", "Würth", "0.12")]
for i, (pn, d, q, s, pr) in enumerate(parts, 1):
    body.append([str(i), pn, d, q, s, pr])
    truth.append(truth_row(str(i), pn, d, int(q), {"Supplier": s, "Unit price": pr}))
word_table(doc, heads, [1.1, 3.2, 6.0, 1.3, 2.2, 1.8], body)
doc.save(f"{out}/word-wrapped-header-en.docx"); to_pdf(f"{out}/word-wrapped-header-en.docx")
save("word-wrapped-header-en", truth, notes="Word table exported by LibreOffice; header titles Quantity and Supplier wrap mid-word with a soft hyphen; row 7 description wraps.")

# B. Russian ESKD/GOST specification: sections, documentation rows without position or quantity, two pages.
doc = Document()
sec = doc.sections[0]; sec.page_height = Cm(29.7); sec.page_width = Cm(21)
heads = ["Формат", "Зона", "Поз.", "Обозначение", "Наименование", "Кол.", "Приме\u00adчание"]
rows, truth, sections = [], [], []
def add_section(title, items):
    rows.append(title)
    idx = []
    for it in items:
        rows.append(it)
        fmt, zone, pos, des, name, qty, note = it
        extra = {"Формат": fmt} if fmt else {}
        truth.append(truth_row(pos or None, des or None, name, int(qty) if qty else None, extra, note=note or None))
        idx.append(len(truth))
    sections.append({"heading": title, "rowIndexes": idx})
add_section("Документация", [("А3", "", "", "МФ.301.00.000 СБ", "Сборочный чертёж", "", "")])
add_section("Сборочные единицы", [("А4", "", "1", "МФ.301.10.000", "Редуктор", "1", ""), ("А4", "", "2", "МФ.301.20.000", "Муфта упругая", "1", "")])
add_section("Детали", [("А4", "", str(p), f"МФ.301.00.{p:03d}", n, q, "") for p, n, q in
    [(3, "Плита основания", "1"), (4, "Кронштейн", "2"), (5, "Вал приводной", "1"), (6, "Втулка распорная", "4"), (7, "Крышка подшипника", "2"),
     (8, "Шпонка 8×7×40", "2"), (9, "Кожух защитный", "1"), (10, "Планка", "3")]])
add_section("Стандартные изделия", [("", "", str(p), "", n, q, "") for p, n, q in
    [(11, "Болт М10×35 ГОСТ 7798-70", "16"), (12, "Гайка М10 ГОСТ 5915-70", "16"), (13, "Шайба 10 65Г ГОСТ 6402-70", "16"),
     (14, "Подшипник 208 ГОСТ 8338-75", "2"), (15, "Винт М6×16 ГОСТ 17473-80", "8"), (16, "Шайба 6 ГОСТ 11371-78", "8")]])
add_section("Прочие изделия", [("", "", "17", "", "Электродвигатель АИР100L4", "1", "покупн.")])
doc.add_paragraph("Спецификация МФ.301.00.000")
word_table(doc, heads, [1.2, 1.0, 1.0, 4.2, 6.0, 1.1, 1.8], rows)
for _ in range(3): doc.add_paragraph("")
doc.save(f"{out}/word-gost-spec-ru.docx"); to_pdf(f"{out}/word-gost-spec-ru.docx")
for r in truth:  # wrapped cells joined with one space, as the real-world truth files do
    r["name"] = r["name"].replace("7798-70", "7798- 70").replace("6402-70", "6402- 70").replace("17473-80", "17473- 80")
    if r["note"] == "покупн.": r["note"] = "покуп н."
save("word-gost-spec-ru", truth, sections, notes="ESKD specification as a Word table; section headings merged over the row; the documentation row has no position and no quantity.")

# C. Calc sheet (CSV): indented BOM with dotted numbering, no ruling lines, header repeated by nothing.
lines = [["Item", "Part Number", "Description", "Qty", "Unit", "Material"]]
truth = []
tree = [("1", "A-100", "Base assembly", "1", "pcs", ""), ("1.1", "P-101", "Base plate", "1", "pcs", "S235"), ("1.2", "P-102", "Foot, levelling", "4", "pcs", "PA6"),
        ("1.3", "ISO 4017 M10x30", "Hex bolt", "4", "pcs", "8.8"), ("2", "A-200", "Column assembly", "1", "pcs", ""), ("2.1", "P-201", "Column tube 80x80", "1", "pcs", "S355"),
        ("2.2", "A-210", "Carriage", "1", "pcs", ""), ("2.2.1", "P-211", "Carriage plate", "1", "pcs", "AlMg3"), ("2.2.2", "P-212", "Guide roller", "4", "pcs", "POM"),
        ("2.3", "P-220", "Cable chain", "1.5", "m", ""), ("3", "P-300", "Cover", "2", "pcs", "ABS")]
for lv, pn, d, q, u, m in tree:
    lines.append([lv, pn, d, q, u, m])
    truth.append(truth_row(lv, pn, d, float(q) if "." in q else int(q), unit=u, material=m or None))
import csv
with open(f"{out}/calc-indented-bom-en.csv", "w", newline="") as f: csv.writer(f).writerows(lines)
to_pdf(f"{out}/calc-indented-bom-en.csv")
save("calc-indented-bom-en", truth, notes="Calc sheet from CSV, no grid; dotted item numbers 1 / 1.1 / 2.2.1; a quantity 1.5 m.")
print("written to", out)
