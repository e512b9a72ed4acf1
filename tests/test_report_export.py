"""The report as a whole, read back as its readers get it: sections and bookmarks, metadata
that leaks nothing, encryption, identical bytes on a fixed date, every script, an empty
project, the HTML twin, and failures that leave nothing behind."""

import gc
import getpass
import os
import re
import socket
import unicodedata
from datetime import date
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from csdesk import atomic
from csdesk.report import ReportError, export_pdf, gather, pdf, write_report
from csdesk.report.sections import KEYS, SECTIONS
from csdesk.services import journeys, mapping
from csdesk.services.project import OpenProject

from .test_cli import assert_refused, csdesk

FIXED = date(2026, 11, 1)


def read(path, keys=None, **options):
    project = OpenProject.open(path, readonly=True)
    try:
        return gather(project, options.get("fixed_date"))
    finally:
        project.close()


def text_of(pdf) -> str:
    reader = pdf if isinstance(pdf, PdfReader) else PdfReader(pdf)
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def text_of_page(page) -> str:
    return re.sub(r"\s+", " ", page.extract_text())


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory):
    from csdesk.services.demo import write_demo

    folder = tmp_path_factory.mktemp("demo_pdf")
    demo = write_demo(folder / "demo.csdesk")
    return write_report(read(demo), folder / "report.pdf", fixed_date=FIXED)


def outline_titles(reader: PdfReader, entries=None, depth=0) -> list[tuple[int, str]]:
    out = []
    for entry in reader.outline if entries is None else entries:
        if isinstance(entry, list):
            out += outline_titles(reader, entry, depth + 1)
        else:
            out.append((depth, entry.title))
    return out


def test_every_section_is_bookmarked_and_in_the_contents(demo_pdf):
    reader = PdfReader(demo_pdf)
    top = [title for depth, title in outline_titles(reader) if depth == 0]
    contents = re.sub(r"\s+", " ", reader.pages[1].extract_text())
    assert "Contents" in contents
    for title in ("Summary", "The current system", "Heatmap", "Rating detail", "Values",
                  "Progress between rounds", "Appendix: the framework the ratings used"):
        assert title in top
        assert title in contents
    # each bookmark opens the page its section starts on
    for entry in reader.outline:
        if not isinstance(entry, list) and entry.title == "Heatmap":
            page = reader.get_destination_page_number(entry)
            assert "Heatmap Every rated item" in text_of_page(reader.pages[page])


def test_the_summary_heatmap_and_detail_show_the_ratings(demo_pdf, demo_file):
    from csdesk.services import review_view

    project = OpenProject.open(demo_file, readonly=True)
    try:
        rounds = review_view.rounds(project)
        last = review_view.heatmap(project, rounds[-1].id)
    finally:
        project.close()
    text = text_of(demo_pdf)
    for r in rounds:
        assert r.label in text
    for d in last.domains:
        assert d.short_name in text
    rated = next(c for c in last.cells.values() if c.rationale.strip())
    assert re.sub(r"\s+", " ", rated.rationale)[:50] in text
    assert "R Red, A Amber, G Green" in text and "Total, Level 1: child journeys" in text
    assert "Change since Baseline" in text and "Main gaps" in text


def test_pages_are_a4_and_headers_repeat(demo_pdf):
    reader = PdfReader(demo_pdf)
    for page in reader.pages:
        w, h = round(float(page.mediabox.width)), round(float(page.mediabox.height))
        assert (w, h) in ((595, 842), (842, 595))
    detail = [p.extract_text() for p in reader.pages if "Rationale and evidence" in
              p.extract_text()]
    assert len(detail) > 2  # a table over several pages, its header row on each


def test_metadata_says_what_it_is_and_leaks_nothing(demo_pdf):
    reader = PdfReader(demo_pdf)
    meta = reader.metadata
    assert meta.title == "Harrowmere (fictional demo area): Contextual Safeguarding system " \
                         "review and plan"
    assert meta.subject == "Contextual Safeguarding system review and plan"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert meta["/CreationDate"].startswith("D:20261101")
    raw = demo_pdf.read_bytes()
    visible = " ".join([text_of(reader), *map(str, meta.values())])
    secrets = {getpass.getuser(), socket.gethostname(), str(demo_pdf.parent),
               os.path.expanduser("~")}
    for secret in secrets - {"", "/"}:
        # a short name ("vm", "root") is checked as a word: as bytes it turns up by chance
        assert not re.search(rf"(?<!\w){re.escape(secret)}(?!\w)", visible), secret
        if len(secret) >= 6:
            assert secret.encode() not in raw, secret


def test_the_same_project_on_a_fixed_date_gives_the_same_bytes(demo_file, tmp_path):
    data = read(demo_file, fixed_date=FIXED)
    one = write_report(data, tmp_path / "one.pdf", keys=["summary", "heatmap"],
                       fixed_date=FIXED)
    two = write_report(read(demo_file, fixed_date=FIXED), tmp_path / "two.pdf",
                       keys=["summary", "heatmap"], fixed_date=FIXED)
    assert one.read_bytes() == two.read_bytes()
    assert "1 November 2026" in text_of(one)


def test_sections_can_be_chosen(demo_file, tmp_path):
    pdf = write_report(read(demo_file), tmp_path / "r.pdf", keys=["heatmap", "framework"])
    reader = PdfReader(pdf)
    top = [title for depth, title in outline_titles(reader) if depth == 0]
    assert top == ["Heatmap", "Appendix: the framework the ratings used"]
    assert all(p.mediabox.width < p.mediabox.height for p in reader.pages)  # no maps
    with pytest.raises(ReportError, match="No report section called nope"):
        write_report(read(demo_file), tmp_path / "x.pdf", keys=["nope"])
    assert not (tmp_path / "x.pdf").exists()
    assert set(KEYS) == {s.key for s in SECTIONS}


def test_the_cycle_collector_is_paused_only_while_a_report_is_made(demo_file, tmp_path,
                                                                  monkeypatch):
    seen = []
    real_build = pdf.build_story
    monkeypatch.setattr(pdf, "build_story", lambda *a, **k: seen.append(gc.isenabled())
                        or real_build(*a, **k))
    write_report(read(demo_file), tmp_path / "r.pdf", keys=["summary"])
    with pytest.raises(ReportError):  # refused on the way: still back on after
        write_report(read(demo_file), tmp_path / "x.pdf", keys=["nope"])
    assert seen == [False] and gc.isenabled()


def test_encryption_needs_the_password(demo_file, tmp_path):
    pdf = write_report(read(demo_file), tmp_path / "locked.pdf", keys=["summary"],
                       password="correct horse battery")
    reader = PdfReader(pdf)
    assert reader.is_encrypted
    assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256
    assert not reader.decrypt("wrong password")
    assert b"Harrowmere" not in pdf.read_bytes()
    reader = PdfReader(pdf)
    assert reader.decrypt("correct horse battery")
    assert "Harrowmere" in text_of(reader)


@pytest.mark.parametrize("password, words", [("", "empty"), ("short", "too short"),
                                             (b"bytes-password", "must be text")])
def test_a_bad_password_is_refused_and_nothing_written(demo_file, tmp_path, password, words):
    with pytest.raises(ReportError, match=words):
        write_report(read(demo_file), tmp_path / "r.pdf", password=password)
    assert list(tmp_path.glob("r.pdf*")) == [] and not list(tmp_path.glob(".csdesk-*"))


def test_cli_encrypts_with_the_password_from_the_environment(demo_file, tmp_path,
                                                             monkeypatch):
    monkeypatch.setenv("CSDESK_PDF_PASSWORD", "a long enough one")
    out = tmp_path / "e.pdf"
    result = csdesk("export", demo_file, "-o", out, "--encrypt", "--sections", "summary")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert reader.is_encrypted and reader.decrypt("a long enough one")
    monkeypatch.setenv("CSDESK_PDF_PASSWORD", "tiny")
    assert_refused(csdesk("export", demo_file, "-o", tmp_path / "f.pdf", "--encrypt"),
                   "too short")
    monkeypatch.delenv("CSDESK_PDF_PASSWORD")
    assert_refused(csdesk("export", demo_file, "-o", tmp_path / "g.pdf", "--encrypt"),
                   "CSDESK_PDF_PASSWORD")  # no terminal to ask on
    assert not (tmp_path / "f.pdf").exists() and not (tmp_path / "g.pdf").exists()


def test_cli_sections_and_fixed_date(demo_file, tmp_path):
    runs = [csdesk("export", demo_file, "-o", tmp_path / f"{n}.pdf", "--sections",
                   "summary,values", "--fixed-date", "2026-11-01", "--paper", "a3")
            for n in (1, 2)]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()
    assert_refused(csdesk("export", demo_file, "-o", tmp_path / "3.pdf", "--sections", "maps,x"),
                   "No report section called x", "summary, maps")
    result = csdesk("export", demo_file, "-o", tmp_path / "4.pdf", "--fixed-date", "1/11/26")
    assert result.returncode == 2 and "not a date" in result.stderr


SCRIPTS = {
    "Welsh": "Gwasanaethau Plant Ynys Môn: ŵyr, ŷd",
    "Polish": "Zażółć gęślą jaźń, Łódź",
    "Greek": "Παιδική προστασία",
    "Cyrillic": "Защита детей, Київ",
    "Arabic": "الحماية السياقية",
}


def test_every_script_renders_and_reads_back(new_file, tmp_path):
    project = OpenProject.open(new_file)
    project.update_details(local_area=SCRIPTS["Welsh"], title=SCRIPTS["Greek"])
    journey = journeys.add_journey(project, "child", SCRIPTS["Polish"])
    for name in SCRIPTS.values():
        journeys.add_stage(project, journey, name)
    mapping.add_agency(project, SCRIPTS["Arabic"])
    project.close()
    pdf = write_report(read(new_file), tmp_path / "u.pdf")
    text = unicodedata.normalize("NFKC", text_of(pdf))  # Arabic joined forms -> letters
    for script, words in SCRIPTS.items():
        assert words in text, script
    assert "\ufffd" not in text  # nothing lost on the way
    # HTML keeps the text as typed
    page = write_report(read(new_file), tmp_path / "u.html").read_text(encoding="utf-8")
    for words in SCRIPTS.values():
        assert words in page


def test_an_empty_project_says_so_section_by_section(new_file, tmp_path):
    text = text_of(write_report(read(new_file), tmp_path / "empty.pdf"))
    for line in ("No review round has been rated yet.", "No journeys have been mapped yet.",
                 "Progress shows once a second review round is rated.",
                 "No gaps to show until a round is rated."):
        assert line in text


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[str, str]] = []
        self._heading = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag, ""]

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append(tuple(self._heading))
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            self._heading[1] += data


def test_the_html_page_is_accessible_and_self_contained(demo_file, tmp_path):
    page = write_report(read(demo_file), tmp_path / "report.html")
    source = page.read_text(encoding="utf-8")
    parser = Outline()
    parser.feed(source)
    tags = [t for t, _ in parser.tags]
    assert ("html", {"lang": "en-GB"}) in parser.tags
    assert [h for h in parser.headings if h[0] == "h1"] == [
        ("h1", "Harrowmere (fictional demo area): Contextual Safeguarding system review and "
               "plan")]
    levels = [int(level[1]) for level, _ in parser.headings]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), "a heading level skipped"
    sections = [text for level, text in parser.headings if level == "h2"]
    assert sections[:3] == ["Contents", "Summary", "The current system"]
    assert "Heatmap" in sections and "Rating detail" in sections
    ths = [attrs for t, attrs in parser.tags if t == "th"]
    assert ths and all(a.get("scope") in ("col", "row", "rowgroup") for a in ths)
    assert tags.count("table") >= 5 and "caption" in tags
    body = re.sub(r"<[^>]+>", "", source.split("<body>")[1])
    assert body.strip().startswith("OFFICIAL") and body.strip().endswith("OFFICIAL")
    assert "The swimlane map of" in body  # the maps' text alternative
    # nothing fetched from anywhere
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", source)
    assert "<script" not in source and "<link" not in source and "<img" not in source


def test_a_locked_output_file_is_one_clear_message_and_left_as_it_was(demo_file, tmp_path,
                                                                      monkeypatch):
    out = tmp_path / "board.pdf"
    out.write_bytes(b"the old report")

    def locked(src, dst):  # what Windows does when the PDF is open in a reader
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(atomic.os, "replace", locked)
    project = OpenProject.open(demo_file, readonly=True)
    try:
        with pytest.raises(ReportError, match="permission denied .*open in another program"):
            export_pdf(project, out, keys=["summary"])
    finally:
        project.close()
    assert out.read_bytes() == b"the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Harrowmere demo.csdesk",
                                                          "board.pdf"]


def test_the_plan_roadmap_and_vision_are_in_the_report(demo_pdf, demo_file):
    from csdesk.services import plan_view

    project = OpenProject.open(demo_file, readonly=True)
    try:
        actions = plan_view.actions(project)
        steps = plan_view.roadmap(project)
        vision = [v for v in plan_view.vision(project) if v.statement.strip()]
    finally:
        project.close()
    reader = PdfReader(demo_pdf)
    top = [title for depth, title in outline_titles(reader) if depth == 0]
    assert {"Action plan", "Roadmap and people", "Vision"} <= set(top)
    text = text_of(reader)
    for a in actions:
        assert a.title[:40] in text
    assert plan_view.standing(steps)[:40] in text
    for v in vision:
        assert re.sub(r"\s+", " ", v.statement)[:40] in text
    assert "Which actions moved which ratings" in text
    timeline = [p for p in reader.pages if "Action plan timeline" in p.extract_text()]
    assert timeline and all(p.mediabox.width > p.mediabox.height for p in timeline)


def test_an_empty_plan_says_so(new_file, tmp_path):
    text = text_of(write_report(read(new_file), tmp_path / "e.pdf",
                                keys=["plan", "roadmap", "vision"]))
    assert "No actions in the plan yet." in text
    assert "No vision statement written yet." in text
    assert "No one recorded yet in the governance group" in text
