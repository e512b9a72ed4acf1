"""The framework as data: viewing and editing the project's copy, and importing a replacement
file. Every edit is one undo step taken back exactly; anything refused (a malformed file, a
file that would orphan ratings, deleting something in use) leaves the file byte for byte."""

import copy
import json
from datetime import date, datetime, timezone
from types import SimpleNamespace

import pytest
from sqlmodel import select

from csdesk.models import JourneyTemplate, RoadmapStep, Sector
from csdesk.services import framework_edit as fe
from csdesk.services import journeys, plan, review
from csdesk.services.framework import (
    FrameworkError, default_framework_path, load_framework, project_stage_prompts,
)
from csdesk.services.project import OpenProject, new_project

from .conftest import digest
from .test_operations import dump

FIXED = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)


def default() -> dict:
    return json.loads(default_framework_path().read_text(encoding="utf-8"))


@pytest.fixture
def f(new_file, tmp_path):
    """A project with one rated stage, one rated area, a value check and an action whose gap
    points at an area; `write(data)` puts a framework file in tmp_path."""
    project = OpenProject.open(new_file)
    project.clock = lambda: FIXED  # so undo's own stamp leaves changed_at as it was
    view = fe.framework_view(project)
    d, a, v, src = view.domains, view.areas, view.values, view.sources
    with project.write("set up"):
        journey = journeys.add_journey(project, "child", "Child journey")
        stage = journeys.add_stage(project, journey, "Referral")
        rnd = review.add_round(project, "Baseline", date(2026, 3, 12))
        review.rate(project, rnd, domain_id=d[0].id, stage_id=stage, rag="red",
                    source_ids=[src[0].id])
        review.rate(project, rnd, domain_id=d[1].id, area_id=a[0].id, rag="amber")
        review.set_value_check(project, rnd, v[0].id, "amber", "Some")
        plan.add_action(project, "Map contexts", gaps=[plan.Gap(d[2].id, area_id=a[1].id)])
    paths = iter(range(100))

    def write(data, raw: str | None = None):
        path = tmp_path / f"framework-{next(paths)}.json"
        path.write_text(raw if raw is not None else json.dumps(data), encoding="utf-8")
        return path

    try:
        yield SimpleNamespace(project=project, view=view, write=write, round=rnd)
    finally:
        project.close()


def test_view_shows_the_framework_with_what_uses_each_part(f):
    view = fe.framework_view(f.project)
    fw = default()
    assert (view.name, view.version) == (fw["name"], fw["version"])
    assert "not official Contextual Safeguarding wording" in view.source
    assert [d.key for d in view.domains] == ["target", "legislative", "partnerships",
                                              "outcomes"]
    assert view.domains[0].question == "Did the response target the context?"
    assert view.domains[0].prompts.splitlines() == fw["domains"][0]["prompts"]
    assert [(d.ratings, d.actions) for d in view.domains] == [(1, 0), (1, 0), (0, 1), (0, 0)]
    assert [(a.ratings, a.actions) for a in view.areas[:3]] == [(1, 0), (0, 1), (0, 0)]
    assert [v.checks for v in view.values[:2]] == [1, 0]
    assert [s.ratings for s in view.sources[:2]] == [1, 0]
    assert [m.label for m in view.meanings] == ["Red", "Amber", "Green"]


def test_default_framework_offers_the_evidence_sources_the_issue_lists(f):
    names = [s.name.lower() for s in fe.framework_view(f.project).sources]
    for wanted in ("case file audit", "observation of meetings", "practitioner interviews",
                   "voice of young people and parents", "survey", "policy and document review",
                   "performance data", "other"):
        assert any(n.startswith(wanted) for n in names), wanted


# ----- edits: each one undo step, taken back exactly -----

EDITS = {
    "change domain": lambda f: fe.update_domain(
        f.project, f.view.domains[0].id, question="Did we change the place?",
        prompts="  First prompt \n\n Second prompt"),
    "change value": lambda f: fe.update_value(f.project, f.view.values[0].id,
                                              name="Working together", meaning="With, not to"),
    "change colour meaning": lambda f: fe.update_meaning(f.project, f.view.meanings[0].id,
                                                         label="Not yet", meaning="Absent"),
    "add system-wide area": lambda f: fe.add_area(f.project, "Transitions", "At 18"),
    "change system-wide area": lambda f: fe.update_area(f.project, f.view.areas[0].id,
                                                        name="Governance", description="Boards"),
    "delete system-wide area": lambda f: fe.delete_area(f.project, f.view.areas[2].id),
    "add evidence source": lambda f: fe.add_source(f.project, "Case mapping"),
    "rename evidence source": lambda f: fe.rename_source(f.project, f.view.sources[0].id,
                                                         "Audit of case files"),
    "delete evidence source": lambda f: fe.delete_source(f.project, f.view.sources[1].id),
}


@pytest.mark.parametrize("label", list(EDITS))
def test_each_edit_is_one_undo_step_taken_back_exactly(f, label):
    before = dump(f.project.path)
    EDITS[label](f)
    after = dump(f.project.path)
    assert after != before
    assert f.project.history.undo_label == label
    f.project.undo()
    assert dump(f.project.path) == before
    f.project.redo()
    assert dump(f.project.path) == after


def test_edits_show_in_the_view(f):
    domain = f.view.domains[0].id
    fe.update_domain(f.project, domain, short_name=" Context ", prompts=" a \n\n b ")
    new_area = fe.add_area(f.project, " Transitions ")
    fe.delete_area(f.project, f.view.areas[2].id)
    view = fe.framework_view(f.project)
    assert (view.domains[0].short_name, view.domains[0].prompts) == ("Context", "a\nb")
    assert view.domains[0].key == "target"  # the key is stable
    assert [a.name for a in view.areas][-1] == "Transitions"
    assert view.areas[-1].id == new_area and len(view.areas) == len(f.view.areas)


REFUSED = [
    ("delete a rated area", lambda f: fe.delete_area(f.project, f.view.areas[0].id),
     r"cannot be deleted while it is in use \(1 rating\)"),
    ("delete an area an action points at", lambda f: fe.delete_area(f.project,
                                                                    f.view.areas[1].id),
     r"in use \(1 action\)"),
    ("delete a cited source", lambda f: fe.delete_source(f.project, f.view.sources[0].id),
     r"while ratings name it as evidence \(1 rating\)"),
    ("empty domain name", lambda f: fe.update_domain(f.project, f.view.domains[0].id,
                                                     short_name="  "), "cannot be empty"),
    ("two domains alike", lambda f: fe.update_domain(f.project, f.view.domains[0].id,
                                                     short_name="partnerships"),
     "already a domain called"),
    ("two areas alike", lambda f: fe.add_area(f.project, " strategy AND governance"),
     "already a system-wide area"),
    ("two sources alike", lambda f: fe.rename_source(f.project, f.view.sources[0].id,
                                                     "Survey"), "already an evidence source"),
    ("empty value name", lambda f: fe.update_value(f.project, f.view.values[0].id, name=""),
     "cannot be empty"),
    ("empty colour label", lambda f: fe.update_meaning(f.project, f.view.meanings[0].id,
                                                       label=" "), "cannot be empty"),
    ("a domain's key", lambda f: fe.update_domain(f.project, f.view.domains[0].id, key="x"),
     "Not something a domain records: key"),
    ("missing area", lambda f: fe.update_area(f.project, 999, name="x"), "not in this project"),
]


@pytest.mark.parametrize("what, operation, message", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_edits_say_why_and_leave_the_file_untouched(f, what, operation, message):
    before = digest(f.project.path)
    with pytest.raises(ValueError, match=message):
        operation(f)
    assert digest(f.project.path) == before
    assert f.project.history.undo_label == "set up"


# ----- importing a framework file -----

def test_import_matches_rewords_adds_and_removes_what_is_unused(f):
    fw = default()
    fw["name"], fw["version"], fw["source"] = "Northshire framework", "3", "Northshire's words"
    fw["domains"][0]["question"] = "Was the place itself changed?"
    fw["domains"].append({"key": "voice", "short_name": "Voice", "question": "Heard?"})
    fw["values"][0]["name"] = "  COLLABORATIVE "  # matched by name, any case
    fw["values"][0]["meaning"] = "Done with people."
    del fw["values"][1]  # Ecological: never checked, so it goes
    fw["system_areas"] = fw["system_areas"][:2] + [{"name": "Transitions"}]
    fw["evidence_sources"] = ["Survey", "Peer review"]  # the cited audit stays
    fw["rag_meanings"][0]["label"] = "Not in place"
    fw["sectors"].append("Faith groups")
    fw["journey_templates"] = [{"kind": "context", "context_type": "school",
                                "name": "School journey", "stages": ["Raised", "Plan"]}]
    fw["stage_prompts"]["gaps"] = "What gets in the way here?"
    result = fe.import_framework(f.project, f.write(fw))

    view = fe.framework_view(f.project)
    assert (view.name, view.version, view.source) == ("Northshire framework", "3",
                                                      "Northshire's words")
    assert [d.key for d in view.domains] == ["target", "legislative", "partnerships",
                                              "outcomes", "voice"]
    assert view.domains[0].question == "Was the place itself changed?"
    assert view.domains[0].id == f.view.domains[0].id and view.domains[0].ratings == 1
    assert [(v.name, v.meaning) for v in view.values[:2]] == [
        ("COLLABORATIVE", "Done with people."), ("Rights-based", fw["values"][1]["meaning"])]
    assert view.values[0].checks == 1
    assert [a.name for a in view.areas] == ["Strategy and governance",
                                            "Thresholds, policies and procedures", "Transitions"]
    assert [s.name for s in view.sources] == ["Survey", "Peer review", "Case file audit"]
    assert view.meanings[0].label == "Not in place"
    assert result.kept == ("evidence source Case file audit",)
    # added: Voice, Transitions, Peer review, Faith groups; removed: Ecological, 4 areas, 6 sources
    assert (result.added, result.removed) == (4, 11)
    with f.project.read() as s:
        assert s.exec(select(Sector.name).order_by(Sector.position)).all()[-1] == "Faith groups"
        assert [t.name for t in s.exec(select(JourneyTemplate))] == ["School journey"]
    assert project_stage_prompts(f.project)["gaps"] == "What gets in the way here?"


def test_import_is_one_undo_step_taken_back_exactly(f):
    fw = default()
    fw["name"] = "Replacement"
    fw["domains"][3]["short_name"] = "Measuring change"
    fw["evidence_sources"].append("Peer review")
    fw["journey_templates"].pop()
    fw["stage_prompts"] = {"name": "Local name?"}
    before = dump(f.project.path)
    fe.import_framework(f.project, f.write(fw))
    after = dump(f.project.path)
    assert after != before and f.project.history.undo_label == "import framework"
    f.project.undo()
    assert dump(f.project.path) == before
    f.project.redo()
    assert dump(f.project.path) == after


def test_import_keeps_roadmap_steps_that_have_progress_or_actions(f):
    with f.project.read() as s:
        steps = s.exec(select(RoadmapStep).order_by(RoadmapStep.position)).all()
    plan.update_roadmap_step(f.project, steps[0].id, status="in progress")
    plan.add_action(f.project, "Board", roadmap_step_id=steps[1].id)
    fw = default()
    fw["roadmap_steps"] = [{"name": "Set up", "description": "New"},
                           {"name": steps[3].name.upper(), "description": "Re-worded"}]
    fe.import_framework(f.project, f.write(fw))
    with f.project.read() as s:
        after = s.exec(select(RoadmapStep).order_by(RoadmapStep.position)).all()
    assert [(r.name, r.description) for r in after[:2]] == [
        ("Set up", "New"), (steps[3].name.upper(), "Re-worded")]
    assert [r.id for r in after[2:]] == [steps[0].id, steps[1].id]


def test_an_import_that_would_orphan_ratings_is_refused_whole(f):
    fw = default()
    fw["name"] = "Smaller"
    del fw["domains"][0]  # Target: rated
    fw["values"] = fw["values"][1:]  # Collaborative: checked
    fw["system_areas"] = fw["system_areas"][2:]  # one rated, one an action's gap
    fw["evidence_sources"] = ["Survey"]
    path = f.write(fw)
    before = digest(f.project.path)
    with pytest.raises(FrameworkError) as refused:
        fe.import_framework(f.project, path)
    message = str(refused.value)
    for orphan in ("the domain Target (1 rating)", "the value Collaborative (1 value check)",
                   "the system-wide area Strategy and governance (1 rating)",
                   "the system-wide area Thresholds, policies and procedures (1 action)"):
        assert orphan in message
    assert "Nothing was changed" in message
    assert digest(f.project.path) == before
    assert fe.framework_view(f.project).name != "Smaller"
    assert f.project.history.undo_label == "set up"


def _set(path: str, value):
    """A change to the default framework at a dotted path, e.g. 'domains.0.key'."""
    def change(fw):
        *parents, last = path.split(".")
        node = fw
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if value is KeyError:
            del node[int(last) if isinstance(node, list) else last]
        else:
            node[int(last) if isinstance(node, list) else last] = value
        return fw
    return change


MALFORMED = [
    ("not JSON", None, '{"name": "x",', "not valid JSON (line 1"),
    ("not an object", None, "[1, 2]", "must hold one JSON object"),
    ("missing keys", _set("domains", KeyError), None, "lacks: domains"),
    ("no domains", _set("domains", []), None, "no domains to rate against"),
    ("a list that is not", _set("values", {"name": "x"}), None, "“values” must be a list"),
    ("an entry that is not an object", _set("system_areas.1", "Governance"), None,
     "System-wide area 2 must be an object"),
    ("number for text", _set("domains.1.question", 7), None,
     "Domain 2 (“legislative”): “question” must be text"),
    ("prompts not a list", _set("domains.0.prompts", "one"), None,
     "“prompts” must be a list of text"),
    ("duplicate domain keys", _set("domains.1.key", " TARGET"), None,
     "Two domains share the key “TARGET”"),
    ("empty domain name", _set("domains.2.short_name", "  "), None,
     "Domain 3 (“partnerships”): “short_name” is empty"),
    ("domain without a key", _set("domains.0.key", KeyError), None,
     "Domain 1 has no “key”"),
    ("empty value name", _set("values.0.name", ""), None, "Value 1: “name” is empty"),
    ("duplicate areas", _set("system_areas.1.name", "strategy and governance"), None,
     "Two system-wide areas share the name"),
    ("empty evidence source", _set("evidence_sources.0", ""), None,
     "The evidence source 1 is empty"),
    ("unknown colour", _set("rag_meanings.0.rag", "blue"), None,
     "“rag” must be red, amber or green"),
    ("bad template kind", _set("journey_templates.0.kind", "family"), None,
     "Journey template 1: “kind” must be child or context"),
    ("stage prompts not text", _set("stage_prompts", ["a"]), None,
     "“stage_prompts” must be an object of text"),
    ("empty name", _set("name", ""), None, "Its “name” is empty"),
]


@pytest.mark.parametrize("what, change, raw, message", MALFORMED,
                         ids=[m[0] for m in MALFORMED])
def test_a_malformed_file_is_refused_in_plain_words_and_changes_nothing(f, what, change, raw,
                                                                        message):
    path = f.write(change(default()) if change else None, raw)
    before = digest(f.project.path)
    with pytest.raises(FrameworkError) as refused:
        fe.import_framework(f.project, path)
    assert message in str(refused.value)
    assert path.name in str(refused.value)
    assert digest(f.project.path) == before


def test_many_problems_are_listed_a_few_at_a_time(f):
    fw = default()
    for domain in fw["domains"]:
        domain["short_name"] = ""
    fw["values"] = [{"name": ""} for _ in range(4)]
    with pytest.raises(FrameworkError, match=r"and 2 more\.$"):
        fe.import_framework(f.project, f.write(fw))


def test_files_that_are_not_framework_files(f, tmp_path):
    binary = tmp_path / "picture.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    for path, message in ((binary, "is not a text file"),
                          (tmp_path / "absent.json", "Cannot read the framework file")):
        with pytest.raises(FrameworkError, match=message):
            fe.import_framework(f.project, path)


def test_a_new_project_refuses_a_malformed_framework_and_writes_nothing(tmp_path):
    fw = default()
    fw["domains"][1]["key"] = "target"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(fw), encoding="utf-8")
    with pytest.raises(FrameworkError, match="Two domains share the key"):
        new_project(tmp_path / "New.csdesk", "Review", "Testshire", framework_path=bad)
    assert not (tmp_path / "New.csdesk").exists()


def test_a_new_project_keeps_its_framework_stage_prompts(tmp_path):
    fw = copy.deepcopy(load_framework())
    fw["stage_prompts"] = {"name": "What do you call it?"}
    path = tmp_path / "fw.json"
    path.write_text(json.dumps(fw), encoding="utf-8")
    project = OpenProject.open(new_project(tmp_path / "P.csdesk", "R", "Area",
                                           framework_path=path))
    try:
        assert project_stage_prompts(project) == {"name": "What do you call it?"}
    finally:
        project.close()
