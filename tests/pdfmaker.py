"""Make a PDF of a profile text, as IOM's PDF reports lay one out: a running header, a page
number at the foot of each page, and long bullets wrapped over several lines and pages."""

from __future__ import annotations

from pathlib import Path

HEADER = "MIGRATION GOVERNANCE PROFILE 2019 | REPUBLIC OF MOLDOVA"


def profile_pdf(text: str, out: Path, lines_per_page: int = 24, width: int = 70) -> Path:
    """Write ``text`` to ``out`` as a PDF (blank lines dropped, as PDF text has none)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    lines: list[str] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        indent = "  " if raw.lstrip().startswith("•") else ""
        words, line = raw.strip().split(), ""
        for w in words:
            if line and len(line) + 1 + len(w) > width:
                lines.append(line)
                line = indent + w
            else:
                line = f"{line} {w}" if line else w
        lines.append(line)
    c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
    _, height = A4
    for page, start in enumerate(range(0, len(lines), lines_per_page), start=1):
        c.setFont("Helvetica", 8)
        c.drawString(60, height - 40, HEADER)
        c.setFont("Helvetica", 10)
        y = height - 80
        for line in lines[start : start + lines_per_page]:
            c.drawString(60, y, line)
            y -= 16
        c.setFont("Helvetica", 8)
        c.drawString(290, 30, str(page))
        c.showPage()
    c.save()
    return out
