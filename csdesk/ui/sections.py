"""The sections of the sidebar, in order. Ctrl+1 ... Ctrl+9 go to them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    group: str  # the sidebar heading it sits under, "" for top level
    holds: str  # what the screen is for, in the users' words


SECTIONS = (
    Section("overview", "Overview", "",
            "The project at a glance: area, title, marking, counts and the last change."),
    Section("child_journey", "Child journey", "Map",
            "The child's journey from referral to response (Level 1): each stage, what happens, "
            "who takes part and decides, the level the child is held at, time taken and waiting "
            "time, how extra-familial context is considered today, gaps, and the evidence for "
            "this picture. Agencies as swimlanes; branches to looked-after and youth-justice "
            "routes."),
    Section("context_journeys", "Context journeys", "Map",
            "The journey of each kind of context the area works with (Level 2): a place, a peer "
            "group, a school, an online space. From a context of concern being raised, through "
            "screening, assessment, weighting and conference, to a plan of goals, responses and "
            "measures, review and closure; and which child journey stages feed it."),
    Section("levels", "Agencies and levels", "Map",
            "The partner agencies (the map's swimlanes) and the levels at which children "
            "affected by extra-familial harm are held (Early Help, "
            "Child in Need, Child Protection, ROTH, Looked After, Youth Justice, panels), with "
            "their criteria and approximate numbers: aggregate counts only."),
    Section("system_review", "System review", "Rate",
            "RAG rating of every journey stage and system-wide area against the four domains, "
            "round by round: the colour with its letter, the rationale, the evidence and how "
            "confident you are; and the progress from the baseline."),
    Section("values", "Values", "Rate",
            "How visible each value is across the system (collaborative, ecological, "
            "rights-based, strengths-based, evidence-informed, caring), with evidence, for each "
            "review round."),
    Section("actions", "Actions", "Plan",
            "The action plan: each action with its lead agency and owner role, partners, dates, "
            "status and priority, the gaps it closes, how success will be known, goals, "
            "responses and measures for context work, and dated progress notes."),
    Section("roadmap", "Roadmap", "Plan",
            "The ten steps of the roadmap to system change, in whatever order suits the area, "
            "with status, dates and notes; the governance group, champions and critical friends."),
    Section("export", "Export", "",
            "A PDF for partners and governance boards, marked with the project's protective "
            "marking on every page."),
)
