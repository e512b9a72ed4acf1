"""The project's copy of the framework, viewed and edited: the wording of the domains, values,
system-wide areas, evidence sources and colour meanings, and a replacement framework file
imported over it.

Ratings, value checks and actions' gaps point at domains, areas and values (and ratings at
evidence sources); the file would delete them with what they point at (ON DELETE CASCADE), so
nothing in use is ever deleted: a delete or an import that would do so is refused, whole,
saying what uses it. Each operation is one undoable edit (OpenProject.write)."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import func, select

from ..models import (
    Action, ActionGap, CsValue, Domain, EvidenceSource, JourneyTemplate, Project, RagMeaning,
    Rating, RatingEvidence, RoadmapStep, Sector, StepStatus, SystemArea, ValueCheck,
)
from ..models.enums import Rag
from .checks import added, existing, known_fields, next_position, renumber, required
from .framework import (
    FrameworkError, domain_row, load_framework, set_stage_prompts, template_row,
)
from .project import OpenProject

# The tables the framework view is made of: a screen refreshes when one of them changes.
FRAMEWORK_TABLES = frozenset({
    "project", "domain", "cs_value", "system_area", "evidence_source", "rag_meaning",
    "rating", "rating_evidence", "value_check", "action_gap"})


@dataclass(frozen=True)
class DomainRow:
    id: int
    key: str
    short_name: str
    meaning: str
    question: str
    prompts: str  # one prompt a line
    ratings: int
    actions: int  # actions with a gap in this domain


@dataclass(frozen=True)
class ValueRow:
    id: int
    name: str
    meaning: str
    checks: int  # value checks (one a round)


@dataclass(frozen=True)
class AreaRow:
    id: int
    name: str
    description: str
    ratings: int
    actions: int


@dataclass(frozen=True)
class SourceRow:
    id: int
    name: str
    ratings: int  # ratings that name it as evidence


@dataclass(frozen=True)
class MeaningRow:
    id: int
    rag: Rag
    label: str
    meaning: str


@dataclass(frozen=True)
class FrameworkView:
    name: str
    version: str
    source: str
    domains: tuple[DomainRow, ...]
    values: tuple[ValueRow, ...]
    areas: tuple[AreaRow, ...]
    sources: tuple[SourceRow, ...]
    meanings: tuple[MeaningRow, ...]


def _counts(s, column, distinct=None) -> Counter:
    """How many rows (or distinct `distinct` values) there are per value of `column`."""
    counted = func.count(func.distinct(distinct)) if distinct is not None else func.count()
    return Counter(dict(s.exec(select(column, counted).where(column.is_not(None))
                               .group_by(column)).all()))


def framework_view(project: OpenProject) -> FrameworkView:
    """The project's framework, in order, with how much uses each part."""
    with project.read() as s:
        p = s.exec(select(Project)).one()
        rated = {"domain": _counts(s, Rating.domain_id), "area": _counts(s, Rating.area_id)}
        acted = {"domain": _counts(s, ActionGap.domain_id, ActionGap.action_id),
                 "area": _counts(s, ActionGap.area_id, ActionGap.action_id)}
        checks = _counts(s, ValueCheck.value_id)
        cited = _counts(s, RatingEvidence.source_id)
        return FrameworkView(
            p.framework_name, p.framework_version, p.framework_source,
            tuple(DomainRow(d.id, d.key, d.short_name, d.meaning, d.question, d.prompts,
                            rated["domain"][d.id], acted["domain"][d.id])
                  for d in s.exec(select(Domain).order_by(Domain.position, Domain.id))),
            tuple(ValueRow(v.id, v.name, v.meaning, checks[v.id])
                  for v in s.exec(select(CsValue).order_by(CsValue.position, CsValue.id))),
            tuple(AreaRow(a.id, a.name, a.description, rated["area"][a.id], acted["area"][a.id])
                  for a in s.exec(select(SystemArea).order_by(SystemArea.position,
                                                              SystemArea.id))),
            tuple(SourceRow(e.id, e.name, cited[e.id])
                  for e in s.exec(select(EvidenceSource).order_by(EvidenceSource.position,
                                                                  EvidenceSource.id))),
            tuple(MeaningRow(m.id, m.rag, m.label, m.meaning)
                  for m in sorted(s.exec(select(RagMeaning)).all(),
                                  key=lambda m: list(Rag).index(m.rag))))


def describe_uses(ratings: int = 0, actions: int = 0, checks: int = 0) -> str:
    """'48 ratings and 2 actions', '' when nothing."""
    parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in (
        (ratings, "rating"), (checks, "value check"), (actions, "action")) if n]
    return " and ".join(parts)


def _unique_name(s, model, name: str, what: str, row_id: int | None = None) -> str:
    """`name` trimmed; refused if empty or if another row of `model` has it (any case):
    an import matches these by name, so two alike would be ambiguous."""
    name = required(name, f"{what}'s name")
    clash = s.exec(select(model.id).where(func.lower(model.name) == name.lower())).first()
    if clash is not None and clash != row_id:
        raise ValueError(f"There is already {what.lower()} called \u201c{name}\u201d.")
    return name


# --- Wording -------------------------------------------------------------------------------------

DOMAIN_FIELDS = ("short_name", "meaning", "question", "prompts")


def _tidy_lines(text: str) -> str:
    return "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def update_domain(project: OpenProject, domain_id: int, **changes: str) -> None:
    """Change a domain's short_name, meaning, question or prompts (one prompt a line)."""
    known_fields(changes, DOMAIN_FIELDS, "a domain")
    if "prompts" in changes:
        changes["prompts"] = _tidy_lines(changes["prompts"])
    with project.write("change domain") as s:
        domain = existing(s, Domain, domain_id, "domain")
        if "short_name" in changes:
            name = required(changes["short_name"], "A domain's short name")
            clash = s.exec(select(Domain.id).where(
                func.lower(Domain.short_name) == name.lower(), Domain.id != domain_id)).first()
            if clash is not None:
                raise ValueError(f"There is already a domain called \u201c{name}\u201d.")
            changes["short_name"] = name
        domain.sqlmodel_update(changes)
        s.add(domain)


def update_value(project: OpenProject, value_id: int, **changes: str) -> None:
    """Change a value's name or meaning."""
    known_fields(changes, ("name", "meaning"), "a value")
    with project.write("change value") as s:
        value = existing(s, CsValue, value_id, "value")
        if "name" in changes:
            changes["name"] = _unique_name(s, CsValue, changes["name"], "A value", value_id)
        value.sqlmodel_update(changes)
        s.add(value)


def update_meaning(project: OpenProject, meaning_id: int, **changes: str) -> None:
    """Change what a colour is called (label) or what it means in this project."""
    known_fields(changes, ("label", "meaning"), "a colour meaning")
    if "label" in changes:
        changes["label"] = required(changes["label"], "A colour's label")
    with project.write("change colour meaning") as s:
        meaning = existing(s, RagMeaning, meaning_id, "colour meaning")
        meaning.sqlmodel_update(changes)
        s.add(meaning)


# --- System-wide areas ---------------------------------------------------------------------------


def add_area(project: OpenProject, name: str, description: str = "") -> int:
    """A system-wide area to rate alongside the journey stages, last in the list."""
    with project.write("add system-wide area") as s:
        name = _unique_name(s, SystemArea, name, "A system-wide area")
        return added(s, SystemArea(position=next_position(s, SystemArea.position), name=name,
                                   description=description)).id


def update_area(project: OpenProject, area_id: int, **changes: str) -> None:
    """Change a system-wide area's name or description."""
    known_fields(changes, ("name", "description"), "a system-wide area")
    with project.write("change system-wide area") as s:
        area = existing(s, SystemArea, area_id, "system-wide area")
        if "name" in changes:
            changes["name"] = _unique_name(s, SystemArea, changes["name"], "A system-wide area",
                                           area_id)
        area.sqlmodel_update(changes)
        s.add(area)


def _area_uses(s, area_id: int) -> str:
    ratings = s.exec(select(func.count()).where(Rating.area_id == area_id)).one()
    actions = s.exec(select(func.count(func.distinct(ActionGap.action_id)))
                     .where(ActionGap.area_id == area_id)).one()
    return describe_uses(ratings, actions)


def delete_area(project: OpenProject, area_id: int) -> None:
    """Remove a system-wide area nothing rates or points a gap at; else refused."""
    with project.write("delete system-wide area") as s:
        area = existing(s, SystemArea, area_id, "system-wide area")
        uses = _area_uses(s, area_id)
        if uses:
            raise ValueError(f"\u201c{area.name}\u201d cannot be deleted while it is in use "
                             f"({uses}). Change its wording instead.")
        _remove(s, area)


# --- Evidence sources ----------------------------------------------------------------------------


def add_source(project: OpenProject, name: str) -> int:
    """An evidence source ratings can name, last in the list."""
    with project.write("add evidence source") as s:
        name = _unique_name(s, EvidenceSource, name, "An evidence source")
        return added(s, EvidenceSource(position=next_position(s, EvidenceSource.position),
                                       name=name)).id


def rename_source(project: OpenProject, source_id: int, name: str) -> None:
    with project.write("rename evidence source") as s:
        source = existing(s, EvidenceSource, source_id, "evidence source")
        source.name = _unique_name(s, EvidenceSource, name, "An evidence source", source_id)
        s.add(source)


def delete_source(project: OpenProject, source_id: int) -> None:
    """Remove an evidence source no rating names; else refused."""
    with project.write("delete evidence source") as s:
        source = existing(s, EvidenceSource, source_id, "evidence source")
        cited = s.exec(select(func.count()).where(RatingEvidence.source_id == source_id)).one()
        if cited:
            raise ValueError(f"\u201c{source.name}\u201d cannot be deleted while ratings "
                             f"name it as evidence ({describe_uses(cited)}). Rename it instead.")
        _remove(s, source)


def _remove(s, row) -> None:
    """Delete a row of an ordered list and close the gap it leaves."""
    s.delete(row)
    s.flush()
    renumber(s, type(row))


# --- Importing a framework file ------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    name: str
    version: str
    added: int  # domains, values, areas, evidence sources, sectors and roadmap steps added
    removed: int  # unused ones the file no longer has
    kept: tuple[str, ...]  # ones the file drops that are kept because they are in use


def _key(text: str) -> str:
    return text.strip().casefold()


def _orphans(s, fw: dict) -> list[str]:
    """The domains, values and system-wide areas in use that the file drops, each with what
    uses it: 'Target (48 ratings)'."""
    keys = {_key(d["key"]) for d in fw["domains"]}
    values = {_key(v["name"]) for v in fw["values"]}
    areas = {_key(a["name"]) for a in fw["system_areas"]}
    rated = {"domain": _counts(s, Rating.domain_id), "area": _counts(s, Rating.area_id)}
    acted = {"domain": _counts(s, ActionGap.domain_id, ActionGap.action_id),
             "area": _counts(s, ActionGap.area_id, ActionGap.action_id)}
    checks = _counts(s, ValueCheck.value_id)
    found = []
    for d in s.exec(select(Domain).order_by(Domain.position)):
        uses = describe_uses(rated["domain"][d.id], acted["domain"][d.id])
        if _key(d.key) not in keys and uses:
            found.append(f"the domain {d.short_name} ({uses})")
    for v in s.exec(select(CsValue).order_by(CsValue.position)):
        if _key(v.name) not in values and checks[v.id]:
            found.append(f"the value {v.name} ({describe_uses(checks=checks[v.id])})")
    for a in s.exec(select(SystemArea).order_by(SystemArea.position)):
        uses = describe_uses(rated["area"][a.id], acted["area"][a.id])
        if _key(a.name) not in areas and uses:
            found.append(f"the system-wide area {a.name} ({uses})")
    return found


@dataclass
class _Tally:
    added: int = 0
    removed: int = 0
    kept: list[str] | None = None


def _sync(s, model, items: list, key_of: Callable, row_key: Callable, fill: Callable,
          in_use: Callable, what: str, tally: _Tally) -> None:
    """Make the rows of `model` follow the file's `items`: a row matched by key (trimmed, any
    case) gets the item's wording via fill(row, item); an item with no row is added; a row the
    file lacks is deleted unless in_use(row), then kept after the file's rows."""
    rows = {_key(row_key(r)): r for r in s.exec(select(model).order_by(model.position,
                                                                        model.id))}
    order = []
    for item in items:
        row = rows.pop(_key(key_of(item)), None)
        if row is None:
            row = model()
            tally.added += 1
        fill(row, item)
        order.append(row)
    for row in rows.values():
        if in_use(row):
            tally.kept.append(f"{what} {row_key(row)}")
            order.append(row)
        else:
            s.delete(row)
            tally.removed += 1
    s.flush()
    for i, row in enumerate(order):
        if row.position != i or row.id is None:
            row.position = i
            s.add(row)
    s.flush()


def _set(row, **fields) -> None:
    for name, value in fields.items():
        if getattr(row, name, None) != value:
            setattr(row, name, value)


def import_framework(project: OpenProject, path: Path) -> ImportResult:
    """Replace the project's framework with the file at `path`, as one undo step.

    The whole file is checked first (FrameworkError naming what is wrong). Domains are matched
    by key; values, system-wide areas, evidence sources and roadmap steps by name (trimmed, any
    case). Matched ones take the file's wording, new ones are added, and ones the file drops are
    removed if nothing uses them. If the file drops a domain, value or area that has ratings,
    value checks or actions, nothing is imported and the FrameworkError lists them. Evidence
    sources that ratings cite and roadmap steps with progress or actions are kept. Journey
    templates and stage prompts are replaced; sectors are only added; levels are the area's own
    and stay as they are."""
    fw = load_framework(path)
    with project.write("import framework") as s:
        orphans = _orphans(s, fw)
        if orphans:
            raise FrameworkError(
                f"{Path(path).name} was not imported: it leaves out "
                + "; ".join(orphans) + ". Nothing was changed. Keep them in the file (a domain "
                "by its key, the others by name) and import it again.")
        tally = _Tally(kept=[])
        _sync(s, Domain, fw["domains"], lambda d: d["key"], lambda r: r.key, _fill_domain,
              lambda r: False, "domain", tally)
        _sync(s, CsValue, fw["values"], lambda v: v["name"], lambda r: r.name,
              lambda r, v: _set(r, name=v["name"], meaning=v["meaning"]),
              lambda r: False, "value", tally)
        _sync(s, SystemArea, fw["system_areas"], lambda a: a["name"], lambda r: r.name,
              lambda r, a: _set(r, name=a["name"], description=a["description"]),
              lambda r: False, "system-wide area", tally)
        cited = _counts(s, RatingEvidence.source_id)
        _sync(s, EvidenceSource, fw["evidence_sources"], lambda n: n, lambda r: r.name,
              lambda r, n: _set(r, name=n), lambda r: cited[r.id] > 0, "evidence source", tally)
        acting = _counts(s, Action.roadmap_step_id)
        _sync(s, RoadmapStep, fw["roadmap_steps"], lambda st: st["name"], lambda r: r.name,
              lambda r, st: _set(r, name=st["name"], description=st["description"]),
              lambda r: _step_in_use(r, acting), "roadmap step", tally)
        _add_sectors(s, fw["sectors"], tally)
        _replace_meanings(s, fw["rag_meanings"])
        _replace_templates(s, fw["journey_templates"])
        set_stage_prompts(s, fw["stage_prompts"])
        p = s.exec(select(Project)).one()
        _set(p, framework_name=fw["name"], framework_version=fw["version"],
             framework_source=fw["source"] or f"Imported from {Path(path).name}.")
        s.add(p)
        s.flush()
        return ImportResult(fw["name"], fw["version"], tally.added, tally.removed,
                            tuple(tally.kept))


def _fill_domain(row: Domain, d: dict) -> None:
    """A matched domain keeps its key (stable; ratings follow its id); a new one takes it."""
    new = domain_row(d, 0)
    _set(row, **{f: getattr(new, f) for f in DOMAIN_FIELDS})
    if row.key is None:
        row.key = new.key


def _step_in_use(step: RoadmapStep, acting: Counter) -> bool:
    return bool(step.status != StepStatus.NOT_STARTED or step.started_on or step.completed_on
                or step.notes.strip() or acting[step.id])


def _add_sectors(s, names: list[str], tally: _Tally) -> None:
    have = {_key(n) for n in s.exec(select(Sector.name))}
    for name in names:
        if _key(name) not in have:
            s.add(Sector(position=next_position(s, Sector.position), name=name))
            s.flush()
            have.add(_key(name))
            tally.added += 1


def _replace_meanings(s, meanings: list[dict]) -> None:
    rows = {m.rag: m for m in s.exec(select(RagMeaning))}
    for m in meanings:
        row = rows.get(Rag(m["rag"])) or RagMeaning(rag=Rag(m["rag"]))
        _set(row, label=m["label"], meaning=m["meaning"])
        s.add(row)


def _replace_templates(s, templates: list[dict]) -> None:
    """Journey templates only seed new journeys (nothing points at them): the file's set
    replaces the project's, rows with the same name and kind kept where they match."""
    rows = {(t.kind, _key(t.name)): t for t in s.exec(select(JourneyTemplate))}
    for t in templates:
        new = template_row(t)
        row = rows.pop((new.kind, _key(new.name)), None) or new
        _set(row, context_type=new.context_type, name=new.name, description=new.description,
             stages=new.stages)
        s.add(row)
    for row in rows.values():
        s.delete(row)
