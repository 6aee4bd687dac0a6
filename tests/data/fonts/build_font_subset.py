"""Rebuild the CJK test font subset committed next to this script.

The subset is WenQuanYi Micro Hei (Apache-2.0) cut down to ASCII, full-width forms,
the symbols budget reports use, and the whole GB2312 repertoire (6,763 hanzi + symbols),
which covers every character of the study corpus. It lets tests and fixtures render
Chinese PDFs on a machine that has no CJK font and installs only from PyPI.

To rebuild (needs network access to Debian's archive, only when the subset changes):

    apt-get download fonts-wqy-microhei && dpkg-deb -x fonts-wqy-microhei_*.deb x
    .venv/bin/python tests/data/fonts/build_font_subset.py x/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

OUT = Path(__file__).with_name("WenQuanYiMicroHei-GB2312.ttf")
EXTRA = "≥≤×÷～－—…‰℃①②③④⑤⑥⑦⑧⑨⑩〇％，。：；（）【】《》、“”‘’！？·"
NOTE = (
    "Modified for the auditor test suite: subset of WenQuanYi Micro Hei 0.2.0-beta "
    "(ASCII, full-width forms, GB2312) made with fontTools; hinting and layout tables removed."
)


def repertoire() -> set[str]:
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xFF01, 0xFF5F)} | set(EXTRA)
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([hi, lo]).decode("gb2312"))
    return chars


def main(src: str) -> None:
    opts = subset.Options(font_number=0)
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.hinting = False
    opts.notdef_outline = True
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "vhea", "vmtx", "FFTM"]
    font = TTFont(src, fontNumber=0, recalcTimestamp=False)  # reproducible bytes
    cmap = font.getBestCmap()
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(ord(c) for c in repertoire() if ord(c) in cmap))
    sub.subset(font)
    font["name"].setName(NOTE, 10, 3, 1, 0x409)  # nameID 10 = description
    font.save(OUT)
    print(f"{OUT} {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
