"""Legacy Word files (.doc/.wps): converted with LibreOffice when installed, else one
clear message; never a file written beside the input."""

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine.api import audit_path
from auditor.readers import legacy_office, read_document

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "fixtures" / "generated" / "draft_project_eval.docx"
needs_office = pytest.mark.skipif(legacy_office.office_binary() is None, reason="LibreOffice not installed")


def _to_doc(tmp_path: Path) -> Path:
    out = tmp_path / "in"
    out.mkdir()
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc", "--outdir", str(out), str(DRAFT)],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return out / "draft_project_eval.doc"


def test_without_libreoffice_a_doc_gets_one_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "旧稿.doc"
    # an OLE header and a directory naming the WordDocument stream
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le"))
    monkeypatch.setattr(legacy_office, "office_binary", lambda: None)
    result = CliRunner().invoke(main, [str(doc)])
    assert result.exit_code == 2
    assert "旧稿.doc" in result.output and "LibreOffice" in result.output and "另存为 .docx" in result.output
    assert "Traceback" not in result.output


def test_a_docx_saved_under_the_old_extension_is_read_as_docx(tmp_path: Path) -> None:
    renamed = tmp_path / "draft.doc"
    shutil.copy(DRAFT, renamed)
    doc = read_document(str(renamed))
    assert doc.format == "docx" and doc.path == str(renamed)


def test_text_under_a_doc_extension_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "notes.doc"
    fake.write_text("不是 Word 文件", encoding="utf-8")
    result = CliRunner().invoke(main, [str(fake)])
    assert result.exit_code == 2 and "notes.doc" in result.output


@needs_office
def test_doc_is_converted_and_audited_like_the_docx(tmp_path: Path) -> None:
    doc = _to_doc(tmp_path)
    before = sorted(p.name for p in doc.parent.iterdir())
    data = doc.read_bytes()
    from_doc = audit_path(str(doc))
    from_docx = audit_path(str(DRAFT))
    assert from_doc.error is None
    assert sorted(f.rule_id for f in from_doc.findings) == sorted(f.rule_id for f in from_docx.findings)
    # places name the file the user gave, not LibreOffice's temporary copy
    assert all(p.location.file == str(doc) for f in from_doc.findings for p in f.places)
    assert sorted(p.name for p in doc.parent.iterdir()) == before and doc.read_bytes() == data


@needs_office
def test_a_broken_doc_is_reported_not_raised(tmp_path: Path) -> None:
    broken = tmp_path / "broken.doc"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    result = CliRunner().invoke(main, [str(broken)])
    assert result.exit_code == 2 and "broken.doc" in result.output
    assert "Traceback" not in result.output


def test_an_encrypted_office_file_under_doc_says_so(tmp_path: Path) -> None:
    locked = tmp_path / "locked.doc"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"))
    result = CliRunner().invoke(main, [str(locked)])
    assert result.exit_code == 2 and "加密" in result.output
