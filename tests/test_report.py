"""The PDF report, read back as its reader sees it."""

import re

import pytest

from pypdf import PdfReader

from csdesk.report import ReportError, export_pdf
from csdesk.services.overview import overview
from csdesk.services.project import OpenProject


def export(path, out):
    project = OpenProject.open(path, readonly=True)
    try:
        return export_pdf(project, out), overview(project)
    finally:
        project.close()


def test_report_text_marking_and_page_numbers(demo_file, tmp_path):
    pdf, ov = export(demo_file, tmp_path / "report")
    assert pdf.name == "report.pdf"
    reader = PdfReader(pdf)
    # squashed: the page count is drawn from a form, which pypdf reads as a line of its own
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    assert len(pages) >= 2
    for n, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL") >= 2  # top and bottom of every page
        assert f"Page {n} of {len(pages)}" in text
    everything = "\n".join(pages)
    assert ov.details.local_area in everything and ov.details.title in everything
    assert "holds no personal data" in everything
    for r in ov.rounds:
        assert r.label in everything
    assert re.search(rf"All actions\s*{ov.actions}", everything)
    assert reader.metadata.title == f"{ov.details.local_area}: {ov.details.title}"


def test_every_font_is_embedded(demo_file, tmp_path):
    pdf, _ = export(demo_file, tmp_path / "r.pdf")
    reader = PdfReader(pdf)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            fonts[font["/BaseFont"]] = bool(descriptor and (
                "/FontFile2" in descriptor.get_object() or "/FontFile" in descriptor.get_object()))
    assert fonts and all(fonts.values()), fonts


def test_no_marking_means_none_printed(new_file, tmp_path):
    project = OpenProject.open(new_file)
    project.update_details(marking="")
    project.close()
    pdf, _ = export(new_file, tmp_path / "r.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "OFFICIAL" not in text
    assert "No review round has been rated yet." in text


def test_a_failed_export_leaves_nothing_behind(new_file, tmp_path):
    project = OpenProject.open(new_file, readonly=True)
    try:
        with pytest.raises(ReportError, match="does not exist"):
            export_pdf(project, tmp_path / "missing" / "r.pdf")
    finally:
        project.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Testshire.csdesk"]


def test_text_too_long_for_a_page_is_a_clear_error(demo_file, tmp_path):
    from sqlmodel import select

    from csdesk.models import Journey

    project = OpenProject.open(demo_file)
    with project.write("rename journey") as s:
        s.exec(select(Journey)).first().title = "A very long journey title " * 400
    try:
        with pytest.raises(ReportError, match="too long to fit on a page"):
            export_pdf(project, tmp_path / "r.pdf")
    finally:
        project.close()
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".csdesk-*"))


def test_the_current_system_is_in_the_report(demo_file, tmp_path):
    """Each journey's map (landscape pages) and outline, its time summary and the levels."""
    from csdesk.services import mapping
    from csdesk.services.journey_view import journey_list, journey_time, journey_view

    project = OpenProject.open(demo_file, readonly=True)
    try:
        pdf = export_pdf(project, tmp_path / "r.pdf")
        views = [journey_view(project, j.id) for j in journey_list(project)]
        levels = mapping.levels(project)
    finally:
        project.close()
    reader = PdfReader(pdf)
    landscape = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
    assert landscape, "no map pages"
    squash = lambda text: re.sub(r"\s+", " ", text)  # noqa: E731 - wrapped lines join
    maps = squash(" ".join(p.extract_text() for p in landscape))
    everything = squash(" ".join(p.extract_text() for p in reader.pages))
    for view in views:
        assert view.title in maps
        assert journey_time(view).summary() in everything
        for stage in view.stages:
            assert f"Stage {stage.position + 1}: {stage.name}" in everything  # its outline
            assert stage.name in maps
    for level in levels:
        assert level.name in everything


def test_an_empty_project_says_so_instead_of_empty_maps(new_file, tmp_path):
    pdf, _ = export(new_file, tmp_path / "r.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "No journeys have been mapped yet." in text


def test_maps_on_a3_when_asked(demo_file, tmp_path):
    """A3 landscape map pages hold more of a journey: fewer map pages than on A4."""
    project = OpenProject.open(demo_file, readonly=True)
    try:
        sizes = {}
        for paper in ("a4", "a3"):
            reader = PdfReader(export_pdf(project, tmp_path / f"{paper}.pdf", paper=paper))
            maps = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
            sizes[paper] = (len(maps), round(float(maps[0].mediabox.width)))
    finally:
        project.close()
    assert sizes["a4"][1] == 842 and sizes["a3"][1] == 1191  # landscape widths in points
    assert sizes["a3"][0] < sizes["a4"][0]


def test_the_pdf_outline_says_what_the_outline_tab_says(demo_file, tmp_path):
    """One outline, two renderers: every recorded field of a stage, with the same label,
    and its arrows, appear in the PDF."""
    from csdesk.services import mapping
    from csdesk.services.journey_outline import outline
    from csdesk.services.journey_view import journey_list, journey_view

    project = OpenProject.open(demo_file, readonly=True)
    try:
        pdf = export_pdf(project, tmp_path / "r.pdf")
        view = journey_view(project, journey_list(project)[0].id)
        stage = outline(view, {a.id: a.name for a in mapping.agencies(project)})[4]
    finally:
        project.close()
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(pdf).pages))
    assert stage.heading in text
    for label, value in stage.rows:
        if value.strip():
            assert label in text
            assert re.sub(r"\s+", " ", value)[:40] in text, label
    for arrow in stage.arrows:
        assert arrow[:30] in text
