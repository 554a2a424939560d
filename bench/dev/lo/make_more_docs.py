#!/usr/bin/python3
# Development aid (see make_docs.py): a borderless Word table and a long Calc sheet; only the first is a committed fixture.
import csv, json, os, subprocess, sys
from docx import Document
from docx.shared import Cm
out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/lo2"
def to_pdf(p): subprocess.run(["soffice","--headless","--convert-to","pdf","--outdir",out,p],check=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
def tr(item=None,pn=None,name=None,qty=None,extra=None,unit=None,material=None,note=None): return {"item":item,"partNumber":pn,"name":name,"quantity":qty,"unit":unit,"material":material,"note":note,"extra":extra or {}}
# D. Word table without borders, German, no item column, description wraps over lines
doc=Document(); doc.add_heading("Stückliste Spannvorrichtung",1)
heads=["Menge","Benennung","Sachnummer","Werkstoff","Bemerkung"]
rows=[("1","Grundplatte","SV-1001","S235JR",""),("2","Spannbacke, gehärtet und geschliffen, mit Bohrung für Zylinderstift","SV-1002","16MnCr5","einsatzgehärtet"),("4","Zylinderschraube ISO 4762 M8x30","ISO 4762 M8x30","8.8","verzinkt"),("2","Zylinderstift ISO 8734 6x20","ISO 8734 6x20","",""),("1","Spindel Tr16x4","SV-1005","C45",""),("1","Handrad","SV-1006","GG-25","Zukaufteil")]
t=doc.add_table(rows=1,cols=5); t.autofit=False
for i,h in enumerate(heads): t.rows[0].cells[i].text=h
truth=[]
for r in rows:
    c=t.add_row().cells
    for i,v in enumerate(r): c[i].text=v
    truth.append(tr(None,r[2],r[1],int(r[0]),material=r[3] or None,note=r[4] or None))
for i,w in enumerate([1.5,6.5,3.5,2.5,3.0]):
    t.columns[i].width=Cm(w)
    for row in t.rows: row.cells[i].width=Cm(w)
doc.save(f"{out}/word-noborder-de.docx"); to_pdf(f"{out}/word-noborder-de.docx")
json.dump({"file":"word-noborder-de.pdf","notes":"","bom":truth},open(f"{out}/word-noborder-de.truth.json","w"),ensure_ascii=False)
# E. Calc CSV, 2 pages (80 rows), header on first page only, sections as their own rows
lines=[["Pos.","Qty","Part number","Description","Supplier"]]; truth=[]; sections=[]
n=0
for sec in ["Frame","Electronics","Hardware"]:
    lines.append(["",  "", "", sec, ""]); idx=[]
    for k in range(27):
        n+=1; pn=f"{sec[:3].upper()}-{n:03d}"; d=f"{sec} part {k+1}"; q=str((k%5)+1); s=["Misumi","RS","Wurth"][k%3]
        lines.append([str(n),q,pn,d,s]); truth.append(tr(str(n),pn,d,int(q),{"Supplier":s})); idx.append(len(truth))
    sections.append({"heading":sec,"rowIndexes":idx})
with open(f"{out}/calc-long-sections-en.csv","w",newline="") as f: csv.writer(f).writerows(lines)
to_pdf(f"{out}/calc-long-sections-en.csv")
json.dump({"file":"calc-long-sections-en.pdf","notes":"","bom":truth,"sections":sections},open(f"{out}/calc-long-sections-en.truth.json","w"),ensure_ascii=False)
print("ok")
