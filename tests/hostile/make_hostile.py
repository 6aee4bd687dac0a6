"""Generate the bad-input corpus: `python tests/hostile/make_hostile.py OUT_DIR`.

Every case is built from scratch (or from the committed synthetic fixtures) so anyone can
regenerate it. `CASES` maps a case name to (file name, builder, what the CLI must do):
'error' = exit 2 with a message naming the file, 'read' = the file is readable (exit 0 or 1).
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "fixtures" / "generated"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def _docx_with_body(path: Path, body_xml: str, prolog: str = "") -> None:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def truncated_docx(path: Path) -> None:
    data = (GENERATED / "project_eval.docx").read_bytes()
    path.write_bytes(data[: len(data) // 2])


def bitflipped_docx(path: Path) -> None:
    data = bytearray((GENERATED / "project_eval.docx").read_bytes())
    for i in range(200, len(data), 97):  # deterministic damage all over the archive
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def truncated_pdf(path: Path) -> None:
    data = (GENERATED / "project_eval.pdf").read_bytes()
    path.write_bytes(data[: len(data) // 3])


def bitflipped_pdf(path: Path) -> None:
    data = bytearray((GENERATED / "project_eval.pdf").read_bytes())
    for i in range(400, len(data), 61):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def zip_of_something_else(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "这不是 Word 文档")
        z.writestr("data/table.csv", "a,b\n1,2\n")


def zip_bomb(path: Path) -> None:
    # a document part that inflates to 1 GiB of zeros (about 1 MB compressed)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(1024):
                fh.write(chunk)


def billion_laughs(path: Path) -> None:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    _docx_with_body(path, _p("&lol9;"), prolog=f"<!DOCTYPE w:document [{entities}]>")


def xxe(path: Path) -> None:
    _docx_with_body(
        path, _p("&xxe;"), prolog='<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    )


def nested_tables(path: Path) -> None:
    depth = 200
    xml = _p("最内层")
    for _ in range(depth):
        xml = f"<w:tbl><w:tr><w:tc>{xml}</w:tc></w:tr></w:tbl>"
    _docx_with_body(path, _p("嵌套表格") + xml + _p("结束"))


def table_5000_rows(path: Path) -> None:
    rows = "".join(
        f"<w:tr><w:tc>{_p(f'事项{i}')}</w:tc><w:tc>{_p(str(i % 7))}</w:tc><w:tc>{_p(f'{i}.00')}</w:tc></w:tr>"
        for i in range(5000)
    )
    _docx_with_body(path, _p("支出明细表") + f"<w:tbl>{rows}</w:tbl>")


def pdf_500_pages(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for page in range(500):
        pdf.add_page()
        for line in range(30):
            pdf.cell(0, 8, f"Page {page + 1} line {line + 1}: score 84.94 total 100", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def encrypted_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "confidential evaluation report")
    pdf.output(str(path))


def _png_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (200, 120), (240, 240, 240)).save(buf, format="PNG")
    return buf.getvalue()


def image_only_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(_png_bytes()), x=10, y=10, w=180)
    pdf.output(str(path))


def pdf_named_docx(path: Path) -> None:
    path.write_bytes((GENERATED / "project_eval.pdf").read_bytes())


def docx_named_pdf(path: Path) -> None:
    path.write_bytes((GENERATED / "project_eval.docx").read_bytes())


def png_named_txt(path: Path) -> None:
    path.write_bytes(_png_bytes())


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def folder(path: Path) -> None:
    path.mkdir()


def broken_symlink(path: Path) -> None:
    os.symlink(path.parent / "does-not-exist.docx", path)


def gbk_txt(path: Path) -> None:
    path.write_bytes("项目绩效评价得分84.94分，评价等级为良。\n自评得分95分。\n".encode("gbk"))


def nul_txt(path: Path) -> None:
    path.write_bytes(b"\x00\x01\x02binary\x00\x00" * 5000)


def long_line_txt(path: Path) -> None:
    path.write_text("得分84.94分，" * (10 * 1024 * 1024 // 24), "utf-8")


def huge_pipe_table_md(path: Path) -> None:
    header = "| " + " | ".join(f"列{i}" for i in range(10)) + " |\n|" + "---|" * 10 + "\n"
    rows = "".join("| " + " | ".join(str(r * 10 + c) for c in range(10)) + " |\n" for r in range(10_000))
    path.write_text("# 大表\n\n" + header + rows, "utf-8")


Builder = Callable[[Path], None]
CASES: dict[str, tuple[str, Builder, str]] = {
    "truncated-docx": ("truncated.docx", truncated_docx, "error"),
    "bitflipped-docx": ("bitflipped.docx", bitflipped_docx, "error"),
    "truncated-pdf": ("truncated.pdf", truncated_pdf, "error"),
    "bitflipped-pdf": ("bitflipped.pdf", bitflipped_pdf, "any"),
    "zip-of-something-else": ("other.docx", zip_of_something_else, "error"),
    "zip-bomb": ("bomb.docx", zip_bomb, "error"),
    "billion-laughs": ("laughs.docx", billion_laughs, "error"),
    "xxe": ("xxe.docx", xxe, "error"),
    "nested-tables": ("nested.docx", nested_tables, "any"),
    "table-5000-rows": ("rows5000.docx", table_5000_rows, "read"),
    "pdf-500-pages": ("pages500.pdf", pdf_500_pages, "read"),
    "encrypted-pdf": ("encrypted.pdf", encrypted_pdf, "error"),
    "image-only-pdf": ("scanned.pdf", image_only_pdf, "error"),
    "pdf-named-docx": ("really-a-pdf.docx", pdf_named_docx, "error"),
    "docx-named-pdf": ("really-a-docx.pdf", docx_named_pdf, "error"),
    "png-named-txt": ("picture.txt", png_named_txt, "error"),
    "empty-file": ("empty.docx", empty_file, "error"),
    "folder": ("a-folder.docx", folder, "error"),
    "broken-symlink": ("dangling.docx", broken_symlink, "error"),
    "gbk-txt": ("gbk.txt", gbk_txt, "read"),
    "nul-txt": ("binary.txt", nul_txt, "error"),
    "long-line-txt": ("longline.txt", long_line_txt, "read"),
    "huge-pipe-table-md": ("bigtable.md", huge_pipe_table_md, "read"),
}


def build(name: str, out: Path) -> Path:
    filename, builder, _ = CASES[name]
    path = out / filename
    builder(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("hostile-cases")
    target.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        print(build(case, target))
