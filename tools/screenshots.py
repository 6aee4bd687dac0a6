"""Screenshots kept under docs/ to show the outputs as a person sees them:

    python tools/screenshots.py

- docs/html-report.png: `--format html` over the fixtures folder plus a broken file, in
  headless Chromium (Debian's `chromium`);
- docs/annotated-draft.png: the shipped draft's `--annotate` copy rendered by LibreOffice
  (`soffice`, comments exported as PDF notes), the page with 表1, rasterised by pypdfium2.

Each is skipped with a message when its program is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "fixtures" / "generated" / "draft_project_eval.docx"
AUDIT = [sys.executable, "-m", "auditor.cli"]


def html_report(tmp: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        print("no chromium: docs/html-report.png not made")
        return
    reports = tmp / "reports"
    shutil.copytree(ROOT / "fixtures" / "generated", reports)
    (reports / "broken.docx").write_bytes(b"not a zip")
    (reports / "notes.md").write_text("本文件只是一段说明，没有可核对的数字。\n", "utf-8")
    page = tmp / "summary.html"
    subprocess.run([*AUDIT, "reports", "--format", "html", "-o", str(page), "--jobs", "1"], cwd=tmp, check=False)
    shot = ROOT / "docs" / "html-report.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={tmp / 'p'}"]
    subprocess.run([chromium, *flags, "--window-size=1800,1500", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    print(f"wrote {shot}")


def annotated_draft(tmp: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("no LibreOffice: docs/annotated-draft.png not made")
        return
    import pypdfium2 as pdfium

    copy = tmp / "draft.annotated.docx"
    subprocess.run([*AUDIT, str(DRAFT), "--annotate", str(copy), "--jobs", "1"], capture_output=True, check=False)
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp / 'lo').as_uri()}", "--convert-to",
                    export, "--outdir", str(tmp), str(copy)], capture_output=True, timeout=300, check=True)
    pdf = pdfium.PdfDocument(str(tmp / "draft.annotated.pdf"))
    page = next(p for p in pdf if "21.95" in "".join(p.get_textpage().get_text_range().split()))
    shot = ROOT / "docs" / "annotated-draft.png"
    page.render(scale=1.6).to_pil().save(shot)
    print(f"wrote {shot}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        html_report(Path(tmp))
        annotated_draft(Path(tmp))
