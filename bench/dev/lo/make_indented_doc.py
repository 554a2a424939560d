#!/usr/bin/python3
# Development aid (see make_docs.py): an indented Word BOM; usage: make_indented_doc.py OUTDIR
import json, subprocess, sys
from docx import Document
from docx.shared import Cm
out = sys.argv[1]
doc = Document(); doc.add_heading("Indented bill of materials — lifting table", 1)
heads = ["Item", "Part number", "Description", "Qty"]
# (item, pn, description, qty, level)
rows = [("1", "LT-100", "Base frame assembly", "1", 0), ("", "LT-101", "Base tube 60x40", "2", 1), ("", "LT-102", "Cross member", "3", 1),
        ("", "ISO 4017 M10x25", "Hex bolt", "8", 1), ("2", "LT-200", "Scissor assembly", "1", 0), ("", "LT-210", "Inner arm weldment", "2", 1),
        ("", "LT-211", "Arm tube", "2", 2), ("", "LT-212", "Pivot bush", "4", 2), ("", "LT-220", "Outer arm", "2", 1), ("3", "LT-300", "Top plate", "1", 0),
        ("4", "LT-400", "Hydraulic cylinder", "1", 0)]
t = doc.add_table(rows=1, cols=4); t.style = "Table Grid"; t.autofit = False
for i, h in enumerate(heads): t.rows[0].cells[i].text = h
truth = []; parents = {}
for it, pn, d, q, lv in rows:
    c = t.add_row().cells
    c[0].text = it; c[1].text = pn; c[3].text = q
    p = c[2].paragraphs[0]; p.text = d; p.paragraph_format.left_indent = Cm(0.5 * lv)
    truth.append({"item": it or None, "partNumber": pn, "name": d, "quantity": int(q), "unit": None, "material": None, "note": None, "extra": {}, "level": lv})
for i, w in enumerate([1.2, 3.5, 7.0, 1.3]):
    t.columns[i].width = Cm(w)
    for row in t.rows: row.cells[i].width = Cm(w)
doc.save(f"{out}/word-indented-bom-en.docx")
subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", out, f"{out}/word-indented-bom-en.docx"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
levels = [r.pop("level") for r in truth]
json.dump({"file": "word-indented-bom-en.pdf", "notes": "Word table, children set further right (paragraph indent), most without an item number; levels in `levels`.", "bom": truth, "levels": levels}, open(f"{out}/word-indented-bom-en.truth.json", "w"), ensure_ascii=False, indent=1)
