"""reportlab's Paragraph, laid out once per width.

A paragraph is wrapped several times at the same width on its way to the page: a table
measures its cells, the frame measures the table, a split measures the rest again. Breaking
lines is the report's costliest step, and its result depends only on the width (the text
and style never change), so the last result is kept and reused."""

from reportlab.platypus import Paragraph as _Paragraph


class Paragraph(_Paragraph):
    _wrapped = None  # (availWidth, width, height, blPara, _wrapWidths) of the last wrap

    def wrap(self, availWidth, availHeight):
        last = self._wrapped
        if last is not None and last[0] == availWidth:
            _, self.width, self.height, self.blPara, self._wrapWidths = last
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height, self.blPara, self._wrapWidths)
        return width, height
