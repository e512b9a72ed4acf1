"""A reportlab Paragraph for text with right-to-left runs: reportlab breaks it into lines on
the logical text (joined letters, typed order), and each line is put in visual order only as
it is drawn. Ordering the whole text first, as one line, would print a wrapped right-to-left
paragraph's lines bottom first.

Each hard line (between line breaks) is a bidi paragraph with its own direction, the one most
of its letters have; a right-to-left one is aligned right in a left-aligned style, and its
bullet, if the paragraph's first line is one, stands at the right. Left-to-right text never
comes here (text.paragraph() gives it a plain Paragraph). Both lay a paragraph out once per
width (paragraph.py): the logical lines are kept, the visual ones made as they are drawn."""

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from .line_order import mainly_rtl, visual_pieces
from .paragraph import Paragraph


def rtl_paragraph(markup: str, text: str, style: ParagraphStyle,
                  bullet: str | None = None) -> "RtlParagraph":
    """The paragraph for `markup`, made from the plain `text`. Where the first line reads
    from the right, the indents are mirrored and the bullet goes to the right."""
    if not mainly_rtl(text.split("\n", 1)[0]):
        return RtlParagraph(markup, style, bulletText=bullet)
    if style.leftIndent != style.rightIndent:
        style = ParagraphStyle(f"{style.name}-rtl", parent=style, leftIndent=style.rightIndent,
                               rightIndent=style.leftIndent)
    para = RtlParagraph(markup, style)
    para.right_bullet = bullet
    return para


class RtlParagraph(Paragraph):
    right_bullet = None  # the bullet, drawn at the right (split()'s second part has none)

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            parts[0].right_bullet = self.right_bullet
        return parts

    def drawPara(self, debug=0):
        logical = self.blPara
        self.blPara, self._offsets = _displayed(logical, self.style.alignment == TA_LEFT)
        try:
            super().drawPara(debug)
            if self.right_bullet:
                self._draw_right_bullet()
        finally:
            self.blPara = logical
            del self._offsets

    def _draw_right_bullet(self) -> None:
        st, canv = self.style, self.canv
        first = self.blPara if self.blPara.kind == 0 else self.blPara.lines[0]
        y = self.height - (first.fontSize if rl_config.paraFontSizeHeightOffset
                           else getattr(first, "ascent", first.fontSize))
        canv.saveState()
        canv.setFont(st.bulletFontName, st.bulletFontSize)
        canv.setFillColor(getattr(st, "bulletColor", st.textColor))
        canv.drawRightString(self.width - st.bulletIndent, y + getattr(st, "bulletOffsetY", 0),
                             self.right_bullet)
        canv.restoreState()


def _displayed(bl, left_aligned: bool):
    """reportlab's broken lines (kind 0: (spare width, words); kind 1: lines of styled
    fragments) in drawing order, and each line's x offset (its spare width where it reads
    from the right in a left-aligned paragraph)."""
    if bl.kind == 0:
        rtl = mainly_rtl(" ".join(w for _, words in bl.lines for w in words))
        lines = [(spare, visual_pieces([(" ".join(words), None)], rtl)[0][0].split(" "))
                 if words else (spare, words) for spare, words in bl.lines]
        offsets = [max(0, spare) if rtl and left_aligned else 0 for spare, _ in bl.lines]
        return bl.clone(lines=lines), offsets
    lines, offsets, hard = [], [], []
    for line in bl.lines:  # a hard line ends at a line break
        hard.append(line)
        if getattr(line, "lineBreak", False) or line is bl.lines[-1]:
            rtl = mainly_rtl("".join(getattr(f, "text", "") for ln in hard for f in ln.words))
            for ln in hard:
                texts = [(f.text, f) for f in ln.words if getattr(f, "text", "")]
                rest = [f for f in ln.words if not getattr(f, "text", "")]
                words = [f.clone(text=t) for t, f in visual_pieces(texts, rtl)] if texts else []
                lines.append(ln.clone(words=words + rest))
                offsets.append(max(0, ln.extraSpace) if rtl and left_aligned else 0)
            hard = []
    return bl.clone(lines=lines), offsets
