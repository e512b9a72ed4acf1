"""A demo project: a fictional local area part-way through its move to Contextual Safeguarding.

Harrowmere is invented. Every agency, place, number and rating here is made up to show what a
project looks like after a baseline review, six months of pilots and a re-rating. There are no
people in it: professionals appear only as roles, and numbers are aggregate. The content is fixed
data (no randomness), so the same file is written every time.

Rating strings: each rated item carries one string per review round, one letter per domain in
framework order (Target, Legislative framework, Partnerships, Outcomes measurement):
R red, A amber, G green, - not rated, N not applicable.
"""

import os
from datetime import date, datetime, timezone
from pathlib import Path

from sqlmodel import Session, select

from ..models import (
    Action, ActionGap, ActionPartner, ActionStatus, Agency, Confidence, ContextType, CsValue,
    Domain, EvidenceSource, Journey, JourneyKind, Level, LinkKind, Member, MemberGroup,
    PlanLevel, Priority, ProgressNote, Project, Rag, Rating, RatingEvidence, ReviewRound,
    RoadmapStep, Stage, StageAgency, StageLink, StepStatus, SystemArea, ValueCheck,
)
from ..store.errors import ProjectFileError, ProjectLockedError
from ..store.lock import is_stale, read_holder
from ..store.project_file import create_project
from .framework import install_framework, load_framework

LETTERS = {"R": Rag.RED, "A": Rag.AMBER, "G": Rag.GREEN, "-": Rag.NOT_RATED,
           "N": Rag.NOT_APPLICABLE}
DOMAIN_KEYS = ("target", "legislative", "partnerships", "outcomes")  # order of rating letters

# --- The project ---------------------------------------------------------------------------------

PROJECT = dict(
    title="Contextual Safeguarding system review and plan",
    local_area="Harrowmere (fictional demo area)",
    marking="OFFICIAL",
    notes=(
        "A fictional demonstration project. Harrowmere Borough Council, its partners, places, "
        "numbers and ratings are all invented to show how csdesk is used: a system map, a "
        "baseline review in March 2026, a plan, pilots, and a six-month review in October 2026. "
        "Explore it freely, then start a project of your own for your area."
    ),
    # Stored in UTC like every csdesk time: 09:15 GMT and 16:30 BST in Harrowmere.
    created_at=datetime(2026, 2, 2, 9, 15, tzinfo=timezone.utc),
    changed_at=datetime(2026, 10, 20, 15, 30, tzinfo=timezone.utc),
)

# key, name, sector (a sector name from the framework)
AGENCIES = (
    ("csc", "Harrowmere Children's Social Care", "Children's social care"),
    ("eh", "Harrowmere Early Help Service", "Early help"),
    ("police", "Harrowmere Police (Northern Division)", "Police"),
    ("yjs", "Harrowmere Youth Justice Service", "Youth justice"),
    ("csp", "Harrowmere Community Safety Partnership", "Community safety"),
    ("edu", "Harrowmere Education Safeguarding Team", "Education / schools"),
    ("schools", "Harrowmere Learning Trust (secondary schools)", "Education / schools"),
    ("health", "Harrowmere and Vale NHS Safeguarding Children Team", "Health"),
    ("housing", "Harrowmere Homes", "Housing"),
    ("licensing", "Harrowmere Borough Council Licensing Service", "Licensing"),
    ("parks", "Harrowmere Parks and Leisure", "Parks and leisure"),
    ("transport", "Harrowmere Interchange Bus Company", "Transport"),
    ("planning", "Harrowmere Planning and Regeneration", "Town planning"),
    ("vcs", "Harrowmere Youth and Community Trust", "Voluntary and community sector"),
    ("youth", "Harrowmere Youth Service", "Youth services"),
    ("business", "Harrowmere Town Centre Business Forum", "Businesses and residents"),
    ("voice", "Harrowmere Young People's Advisory Group", "Young people and families"),
)

SNAPSHOT = "snapshot, 30 September 2026"
# level name -> (approximate count of children, note); aggregate numbers only
LEVEL_COUNTS = {
    "Early Help": (145, f"{SNAPSHOT}; families where harm outside the home is a main concern"),
    "Child in Need": (62, SNAPSHOT),
    "Child Protection": (14, f"{SNAPSHOT}; falling as the ROTH pilot takes over"),
    "Risk Outside the Home (ROTH)": (11, f"{SNAPSHOT}; pilot in the north locality only"),
    "Looked After": (23, f"{SNAPSHOT}; includes 6 placed outside the borough"),
    "Youth Justice": (38, f"{SNAPSHOT}; open to the youth justice service"),
    "Multi-agency panel": (27, f"{SNAPSHOT}; on the MACE list at the last panel"),
}

# --- The map: one child journey and two context journeys -----------------------------------------
# Each stage: key, level (a level name or None), agencies (2-5 keys), rags (baseline, review),
# and the Stage text fields.

CHILD_STAGES = (
    dict(
        key="referral", name="Concern raised / referral", level=None,
        agencies=("police", "schools", "health", "eh", "vcs"), rags=("RRAR", "ARAR"),
        what_happens="A professional, parent or member of the public raises a concern by phone "
        "or the online referral form. Police notices and school referrals make up most contacts "
        "about harm outside the home.",
        decision="The referrer; in schools, the Designated Safeguarding Lead.",
        decision_options="Refer to the front door; ask for a consultation; record and monitor "
        "within the agency.",
        time_taken="Same day",
        waiting_time="Up to 2 working days for police notices to reach the front door",
        context_considered="The form asks about the child and family. Places, peers and online "
        "contacts appear only in free text, if the referrer thinks to mention them. Since June "
        "2026 the form asks where harm happened and who else was there.",
        gaps="Parks, transport and business staff who see harm first do not know how to refer. "
        "The same place named by several referrers is not connected.",
        evidence_notes="Dip sample of 20 contacts (aggregate findings only), the referral form, "
        "and a practitioner focus group, February 2026.",
    ),
    dict(
        key="front_door", name="Front door (MASH) screening and threshold decision", level=None,
        agencies=("csc", "police", "health", "edu", "eh"), rags=("RARR", "AGAA"),
        what_happens="The MASH gathers partner checks and a team manager applies the threshold "
        "document. Extra-familial concerns are screened with the exploitation screening tool.",
        decision="MASH team manager, with police and health information.",
        decision_options="No further action; information and advice; early help; child and "
        "family assessment; strategy discussion; referral to MACE; context of concern (since "
        "July 2026).",
        time_taken="Decision within 1 working day",
        waiting_time="1 to 2 days for partner checks",
        context_considered="Thresholds are built around risk within the family. Before July "
        "2026 nothing recorded the place or peer group, so patterns across referrals were "
        "spotted only by experienced staff. A context of concern form now lets a place or group "
        "be referred in its own right.",
        gaps="The threshold document is silent on harm outside the home. Youth services and "
        "community safety are not consulted on individual contacts.",
        evidence_notes="Observation of two MASH daily meetings; review of the MASH protocol; "
        "front door performance data, quarter 3 2025/26.",
    ),
    dict(
        key="early_help", name="Early help", level="Early Help",
        agencies=("eh", "schools", "youth", "vcs", "health"), rags=("AAGR", "ANGR"),
        what_happens="A lead professional coordinates a team around the family. Targeted youth "
        "work and mentoring are the main offers for young people at risk outside the home.",
        decision="Early help locality manager, with the family and lead professional.",
        decision_options="Team around the family; targeted youth work; step up to children's "
        "social care; close.",
        time_taken="Plan within 20 working days; support usually 3 to 6 months",
        waiting_time="2 to 4 weeks for allocation to targeted youth work",
        context_considered="Youth workers often know the places and groups involved, but the "
        "early help assessment records family factors only and detached youth work sessions are "
        "not linked to plans.",
        gaps="Parenting programmes offered where the risk sits in the peer group. No way to pass "
        "what youth workers know about places to community safety.",
        evidence_notes="Audit of 10 early help plans; early help practitioners' focus group, "
        "February 2026.",
    ),
    dict(
        key="strategy", name="Strategy discussion", level=None,
        agencies=("csc", "police", "health", "schools"), rags=("RARR", "AAAR"),
        what_happens="Social care, police and health share information and decide whether to "
        "start a section 47 enquiry. Often held by phone or video on the day.",
        decision="Social work team manager (chair), with police and health.",
        decision_options="Section 47 enquiry; child and family assessment; no further action; "
        "referral to MACE; parallel police investigation.",
        time_taken="Within 1 working day of the threshold decision",
        waiting_time="Usually same day; schools can rarely join at short notice",
        context_considered="Discussion centres on parents' capacity to protect. Police bring "
        "intelligence about associates and locations, but it is recorded as risk to the child, "
        "not as contexts to act on.",
        gaps="Schools and youth services are rarely invited. No record of which contexts were "
        "discussed.",
        evidence_notes="Audit of 12 strategy discussion records; observation of three "
        "discussions.",
    ),
    dict(
        key="assessment", name="Child and family assessment / section 47 enquiry",
        level="Child in Need",
        agencies=("csc", "schools", "health", "yjs", "police"), rags=("RAAR", "AAAR"),
        what_happens="A social worker assesses the child's needs and risks with the family and "
        "partners; under section 47, whether the child is suffering significant harm.",
        decision="Allocated social worker, signed off by the team manager.",
        decision_options="Child in Need plan; initial conference (child protection or ROTH); "
        "step down to early help; close.",
        time_taken="Up to 45 working days; section 47 enquiries within 15",
        waiting_time="About a week for partner contributions",
        context_considered="The template has an environmental factors box, usually a line or "
        "two. Workers trained as champions use peer and place mapping; most others do not.",
        gaps="Peer and place mapping is not in the template. Findings about places and groups "
        "are not passed to community safety or the context pathway.",
        evidence_notes="Case file audit (12 assessments, anonymised), February and September "
        "2026; practitioner interviews.",
    ),
    dict(
        key="conference", name="Initial child protection or ROTH conference",
        level="Risk Outside the Home (ROTH)",
        agencies=("csc", "police", "schools", "health", "yjs"), rags=("RRAR", "AGAA"),
        what_happens="A conference decides whether the young person needs a plan. Since May "
        "2026, in the north locality, a Risk Outside the Home (ROTH) conference replaces a child "
        "protection conference where harm is outside the family.",
        decision="Independent conference chair, with the conference members.",
        decision_options="Child protection plan; ROTH plan (pilot); Child in Need plan; no plan.",
        time_taken="Within 15 working days of the strategy discussion",
        waiting_time="Up to 3 weeks to find a date partners can attend",
        context_considered="Child protection conferences focus on parents. ROTH conferences ask "
        "about peers, places, schools and online spaces and treat parents as partners in "
        "keeping their child safe.",
        gaps="Partners who manage places are not invited. The ROTH pilot covers one locality "
        "only. Parents outside the pilot say they feel blamed.",
        evidence_notes="Observation of four conferences; feedback from parents gathered by the "
        "conference service; ROTH pilot procedures.",
    ),
    dict(
        key="plan", name="Plan and core group (CIN, CP or ROTH)", level="Child Protection",
        agencies=("csc", "schools", "health", "youth", "yjs"), rags=("RAAR", "AAAR"),
        what_happens="The core group carries out and reviews the plan between conferences.",
        decision="Core group, led by the allocated social worker.",
        decision_options="Continue the plan; call an early review; refer to MACE; step down.",
        time_taken="Core group every 4 to 6 weeks",
        waiting_time="4 to 8 weeks for commissioned interventions to start",
        context_considered="Plans list actions for the young person and parents (curfews, "
        "moving home, mentoring). Actions aimed at places or peer groups are rare and have no "
        "owner outside social care.",
        gaps="Moving the family is used as the main safety measure. No link from plan actions "
        "to community safety, parks or transport.",
        evidence_notes="Audit of 10 plans in February 2026 and 10 in September 2026.",
    ),
    dict(
        key="mace", name="Multi-agency exploitation panel (MACE)", level="Multi-agency panel",
        agencies=("csp", "police", "csc", "yjs", "schools"), rags=("AAGR", "GAGA"),
        what_happens="A monthly panel reviews young people at risk of exploitation, the adults "
        "and locations linked to them, and agrees disruption and safeguarding actions.",
        decision="Panel chair (Head of Service, Children's Social Care), with a police co-chair.",
        decision_options="Disruption; referral to a context conference (pilot); information "
        "sharing; keep under review; close to the panel.",
        time_taken="Monthly; 10 to 15 minutes per young person",
        waiting_time="Up to 4 weeks until the next panel",
        context_considered="The panel is where locations and associates come together most "
        "clearly. Since June 2026 places are standing items, with parks, the bus operator and "
        "licensing attending.",
        gaps="Disruption is mostly enforcement and is not recorded as safeguarding work. Whether "
        "places became safer was not tracked before July 2026.",
        evidence_notes="Observation of three panels; panel terms of reference; panel tracker.",
    ),
    dict(
        key="review_conf", name="Review conference", level="Child Protection",
        agencies=("csc", "police", "schools", "health"), rags=("RARR", "AAA-"),
        what_happens="The conference reviews progress against the plan and decides whether it "
        "is still needed.",
        decision="Independent conference chair.",
        decision_options="Continue the plan; end the plan and step down to Child in Need or "
        "early help; move to the ROTH pathway.",
        time_taken="3 months after the initial conference, then every 6 months",
        waiting_time="None recorded",
        context_considered="Reviews ask whether the young person's risk has reduced. Whether "
        "the place or group has changed is not asked.",
        gaps="Plans end when a young person moves away, even when the context is unchanged for "
        "the young people still in it.",
        evidence_notes="Observation of two review conferences; conference minutes template.",
    ),
    dict(
        key="step_down", name="Step-down or closure", level="Early Help",
        agencies=("csc", "eh", "youth", "vcs"), rags=("RAAR", "RAAR"),
        what_happens="The case steps down to early help or universal services, or closes.",
        decision="Team manager; the early help locality manager accepts a step-down.",
        decision_options="Step down to early help; universal services; close.",
        time_taken="Transfer meeting within 10 working days",
        waiting_time="2 to 6 weeks for early help allocation",
        context_considered="Closure summaries rarely mention contexts, so what was learned about "
        "places and peer groups is lost at transfer.",
        gaps="No hand-over of context knowledge to community safety or youth services. Re-"
        "referrals within 12 months are high for young people harmed outside the home.",
        evidence_notes="Performance data on re-referrals; audit of 8 closure summaries.",
    ),
)

PLACE_STAGES = (
    dict(
        key="p_raised", name="Context of concern raised", level=None,
        agencies=("csc", "police", "csp", "parks", "transport"), rags=("RRAR", "AGAA"),
        what_happens="A place is raised when several referrals name it, when MACE spots a "
        "pattern, or when a partner such as parks, the bus operator or a business reports "
        "concerns. Since July 2026 anyone can use the front door's context of concern form.",
        decision="Front door team manager or MACE chair.",
        decision_options="Log as a context of concern; pass to community safety tasking only; "
        "no action.",
        time_taken="Same day",
        waiting_time="Up to 4 weeks when raised at MACE",
        context_considered="Until July 2026 places were raised only through community safety "
        "tasking, as antisocial behaviour.",
        gaps="Residents and young people have no route of their own. Some partners outside the "
        "panel do not yet know the form exists.",
        evidence_notes="Context of concern log; community safety tasking minutes.",
    ),
    dict(
        key="p_screen", name="Screening against a context threshold", level=None,
        agencies=("csc", "csp", "police"), rags=("RRRR", "AAAR"),
        what_happens="The Contextual Safeguarding coordinator and a police analyst screen the "
        "place against the draft three-level context wellbeing framework.",
        decision="Contextual Safeguarding coordinator, with the police analyst.",
        decision_options="Level 1 universal: advice to the place owner; Level 2 targeted: "
        "context assessment; Level 3: context conference.",
        time_taken="5 working days",
        waiting_time="Up to 2 weeks for police analysis",
        context_considered="The draft context threshold is used in the pilot only.",
        gaps="The context threshold is not yet agreed by the partnership. Screening depends on "
        "one coordinator.",
        evidence_notes="Draft context threshold; coordinator's screening log.",
    ),
    dict(
        key="p_assess", name="Context assessment", level=None,
        agencies=("csc", "parks", "transport", "youth", "police"), rags=("ARAR", "GAGA"),
        what_happens="A neighbourhood assessment looks at young people's strengths and needs in "
        "the place, the capable guardians around them (staff, residents, youth workers), and the "
        "environment, resources and policies of the place, with walkabouts at the times young "
        "people use it.",
        decision="Contextual Safeguarding coordinator, with the partners who manage the place.",
        decision_options="Context conference; single-agency actions; close.",
        time_taken="4 to 6 weeks",
        waiting_time="2 weeks to arrange joint walkabouts",
        context_considered="Before the pilot, community safety environmental audits looked at "
        "lighting and sight lines but not at how young people use the place.",
        gaps="Young people's own views are gathered through youth workers only.",
        evidence_notes="Two neighbourhood assessments (bus interchange, Eastfield recreation "
        "ground); detached youth work records.",
    ),
    dict(
        key="p_weight", name="Context weighting: deciding which context to act on first",
        level=None, agencies=("csc", "csp", "police", "youth"), rags=("RRRR", "AAAR"),
        what_happens="When several places are of concern, partners weigh how many young people "
        "are affected, how serious the harm is, and what partners can change.",
        decision="Contextual Safeguarding coordinator and Head of Community Safety.",
        decision_options="Act now; act after the current context plan; monitor.",
        time_taken="Monthly, before MACE",
        waiting_time="Up to a month",
        context_considered="Before the pilot, places were prioritised by antisocial behaviour "
        "calls, not by harm to young people.",
        gaps="No agreed weighting criteria. Young people are not asked which places matter most.",
        evidence_notes="Observation of two weighting meetings.",
    ),
    dict(
        key="p_conf", name="Context conference", level=None,
        agencies=("csc", "parks", "transport", "police", "business"), rags=("RRRR", "GAAA"),
        what_happens="A conference chaired by children's social care discusses the place, not "
        "named children, and agrees a plan with those who own, manage or use it.",
        decision="Independent conference chair (children's social care).",
        decision_options="Context plan; single-agency actions; no plan.",
        time_taken="2 hours",
        waiting_time="3 to 4 weeks after the assessment",
        context_considered="This is the first meeting in Harrowmere that plans for a place as a "
        "safeguarding matter.",
        gaps="The conference protocol is a pilot document. Residents are not yet invited.",
        evidence_notes="Observation of both pilot conferences; pilot protocol.",
    ),
    dict(
        key="p_plan", name="Context plan: goals, responses and measures", level=None,
        agencies=("csp", "parks", "transport", "youth", "planning"), rags=("RRAR", "GAGA"),
        what_happens="The plan sets a few goals for the place, the responses that serve them "
        "and the measures that will show change.",
        decision="Context conference; actions owned by each partner.",
        decision_options="Agree, amend or escalate the plan.",
        time_taken="Agreed at the conference; reviewed after 3 months",
        waiting_time="Lighting and design changes can take 3 to 6 months",
        context_considered="Plans are about the place itself: supervision, design, staff "
        "confidence and relationships with the young people who use it.",
        gaps="Measures depend on surveys that are not yet routine.",
        evidence_notes="Two context plans; partners' action updates.",
    ),
    dict(
        key="p_review", name="Review", level=None,
        agencies=("csc", "csp", "parks", "transport"), rags=("RRRR", "AA-A"),
        what_happens="The context conference reconvenes to review the measures and the "
        "responses.",
        decision="Independent conference chair.",
        decision_options="Continue; amend the plan; step down to single-agency monitoring; "
        "escalate.",
        time_taken="Every 3 months",
        waiting_time="Not known yet",
        context_considered="Reviews will look at change in the place, not in individual young "
        "people.",
        gaps="The first review is due in November 2026.",
        evidence_notes="Pilot protocol only; no review held yet.",
    ),
    dict(
        key="p_close", name="Closure or escalation", level=None,
        agencies=("csc", "csp", "police"), rags=("RRRR", "RARR"),
        what_happens="The place is closed to the pathway when the measures show it is safer, "
        "or escalated if harm continues.",
        decision="Independent conference chair, with the governance group for escalations.",
        decision_options="Close; step down to single-agency monitoring; escalate to the "
        "governance group.",
        time_taken="Not known yet",
        waiting_time="Not known yet",
        context_considered="No context has reached closure.",
        gaps="No closure criteria. Escalation route untested.",
        evidence_notes="Pilot protocol.",
    ),
)

SCHOOL_STAGES = (
    dict(
        key="s_raised", name="School context of concern raised", level=None,
        agencies=("schools", "edu", "csc", "police"), rags=("AGAR", "AGGA"),
        what_happens="A school, the education safeguarding team or MACE raises a concern about "
        "harm within a school or on the journey to and from it, often harmful sexual behaviour "
        "between pupils.",
        decision="Head teacher and Designated Safeguarding Lead, with the education "
        "safeguarding team.",
        decision_options="School context of concern; school's own safeguarding action; "
        "individual referrals only.",
        time_taken="Same week",
        waiting_time="Up to 2 weeks for the education safeguarding team",
        context_considered="Schools raise peer-on-peer abuse through safeguarding procedures, "
        "but usually pupil by pupil rather than as a concern about the school as a context.",
        gaps="Some schools fear a school context referral will harm their reputation.",
        evidence_notes="Education safeguarding team records; Designated Safeguarding Lead "
        "network discussion.",
    ),
    dict(
        key="s_screen", name="Screening against the context threshold", level=None,
        agencies=("edu", "csc", "schools"), rags=("RRRR", "AAAR"),
        what_happens="The education safeguarding lead and the Contextual Safeguarding "
        "coordinator screen the concern.",
        decision="Education safeguarding lead and Contextual Safeguarding coordinator.",
        decision_options="Advice to the school; school context assessment; school context "
        "meeting.",
        time_taken="5 working days",
        waiting_time="1 week",
        context_considered="Uses the same draft context threshold as places.",
        gaps="Threshold not agreed; academies outside the Learning Trust have not signed up.",
        evidence_notes="Screening log; draft context threshold.",
    ),
    dict(
        key="s_assess", name="School context assessment", level=None,
        agencies=("schools", "edu", "youth", "voice"), rags=("RRAR", "GAGA"),
        what_happens="The school assessment looks at pupils' strengths and needs, the staff and "
        "adults around them, and the school's spaces, routines and policies, using a pupil "
        "survey, focus groups and hotspot mapping.",
        decision="Designated Safeguarding Lead with the education safeguarding team.",
        decision_options="School context meeting; school's own action plan; close.",
        time_taken="6 to 8 weeks, including a pupil survey",
        waiting_time="Depends on the school calendar",
        context_considered="Assessments map where pupils feel unsafe (corridors, toilets, the "
        "route to the bus stop) and online spaces linked to the school.",
        gaps="Assessment takes more staff time than most schools can give.",
        evidence_notes="Two pilot assessments; aggregate pupil survey results.",
    ),
    dict(
        key="s_conf", name="School context meeting", level=None,
        agencies=("schools", "edu", "csc", "youth", "transport"), rags=("RRAR", "AAGA"),
        what_happens="A meeting led by a family group conference coordinator brings staff, "
        "pupils' representatives and partners together to discuss the school, not named pupils.",
        decision="Family group conference coordinator, with the head teacher.",
        decision_options="School context plan; school's own action plan; escalate to a context "
        "conference.",
        time_taken="Half a day",
        waiting_time="3 weeks",
        context_considered="The meeting is about the school's spaces, culture and routines.",
        gaps="Unclear how the meeting sits within safeguarding procedures.",
        evidence_notes="Observation of one school context meeting.",
    ),
    dict(
        key="s_plan", name="School plan: goals, responses and measures", level=None,
        agencies=("schools", "edu", "youth"), rags=("RRAR", "GAAA"),
        what_happens="A plan of goals, responses and measures for the school.",
        decision="Head teacher and governors.",
        decision_options="Agree, amend or escalate the plan.",
        time_taken="Agreed at the meeting",
        waiting_time="Changes to timetables wait for the next term",
        context_considered="Plans change supervision, spaces and the relationships and sex "
        "education programme rather than relying on sanctions for individual pupils.",
        gaps="Measures rely on a repeat pupil survey not yet funded in every school.",
        evidence_notes="Two school plans.",
    ),
    dict(
        key="s_review", name="Review", level=None,
        agencies=("schools", "edu", "csc"), rags=("RRRR", "A-AR"),
        what_happens="The school and partners review the plan after a term.",
        decision="Family group conference coordinator.",
        decision_options="Continue; amend; close; escalate.",
        time_taken="Each term",
        waiting_time="Not known yet",
        context_considered="Reviews will compare pupil survey results with the baseline.",
        gaps="First reviews due in November 2026.",
        evidence_notes="Pilot plans only.",
    ),
    dict(
        key="s_close", name="Closure, or hand-back to the school's own safeguarding plan",
        level=None, agencies=("schools", "edu"), rags=("RRRR", "RRRR"),
        what_happens="The school context is closed, or the school carries the work on in its "
        "own safeguarding plan.",
        decision="Education safeguarding lead.",
        decision_options="Close; hand back to the school; escalate.",
        time_taken="Not known yet",
        waiting_time="Not known yet",
        context_considered="No school context has reached closure.",
        gaps="No closure criteria; no follow-up after hand-back.",
        evidence_notes="Pilot protocol.",
    ),
)

JOURNEYS = (
    # key, kind, context type, title, description, stages
    ("child", JourneyKind.CHILD, None, "Child journey: referral to response",
     "How a young person harmed outside the home moves through Harrowmere's system today, "
     "from the first concern to step-down or closure.", CHILD_STAGES),
    ("place", JourneyKind.CONTEXT, ContextType.PLACE,
     "Places and spaces: e.g. a park or transport hub",
     "How a place of concern, such as the bus interchange or Eastfield recreation ground, is "
     "raised, assessed and made safer. Piloted since June 2026.", PLACE_STAGES),
    ("school", JourneyKind.CONTEXT, ContextType.SCHOOL, "Schools: harm between pupils",
     "How a school where harm between pupils is a concern is assessed and supported as a "
     "context. Piloted in two secondary schools since April 2026.", SCHOOL_STAGES),
)

# from stage key, to stage key, kind, note (NEXT links between consecutive stages are added
# for every journey, so only the others are listed)
LINKS = (
    ("front_door", "strategy", LinkKind.BRANCH, "Significant harm suspected: straight to a "
     "strategy discussion"),
    ("front_door", "mace", LinkKind.BRANCH, "Exploitation concerns: referral to MACE alongside "
     "the assessment"),
    ("early_help", "step_down", LinkKind.BRANCH, "Needs met in early help: close"),
    ("p_screen", "p_close", LinkKind.BRANCH, "Level 1 universal: advice to the place owner, "
     "then close"),
    ("s_screen", "s_close", LinkKind.BRANCH, "Advice to the school, then hand back"),
    ("front_door", "p_raised", LinkKind.TRIGGERS_CONTEXT, "Three or more referrals in a month "
     "naming the same place"),
    ("mace", "p_raised", LinkKind.TRIGGERS_CONTEXT, "The panel sees a place common to several "
     "young people"),
    ("mace", "s_raised", LinkKind.TRIGGERS_CONTEXT, "The panel sees a school common to several "
     "young people"),
    ("assessment", "s_raised", LinkKind.TRIGGERS_CONTEXT, "Peer mapping shows harm centred on "
     "a school"),
)

# --- The System Review ---------------------------------------------------------------------------

# system area name -> (key used in this module, rags (baseline, review))
AREAS = {
    "Strategy and governance": ("governance", ("AAAR", "GAGA")),
    "Thresholds, policies and procedures": ("thresholds", ("RRRR", "RAAR")),
    "Case-recording systems": ("recording", ("RRRR", "RRRR")),
    "Training and workforce": ("training", ("AAAR", "GAGA")),
    "Commissioning and partnerships": ("commissioning", ("RAAR", "AAGR")),
    "Data and outcome measurement": ("data", ("RRAR", "ARAR")),
}

ROUNDS = (
    dict(
        label="Baseline", held_on=date(2026, 3, 12),
        participants="Head of Service, Children's Social Care (facilitator); Front Door Service "
        "Manager; Detective Inspector, Exploitation Team, Harrowmere Police; Head of Community "
        "Safety; Education Safeguarding Lead; Designated Nurse for Safeguarding Children; Youth "
        "Justice Service Manager; Senior Detached Youth Worker; Chief Executive, Harrowmere "
        "Youth and Community Trust.",
        notes="Half-day workshop after three mapping sessions. Mostly red and amber, as "
        "expected at the start: the system responds to individual young people, and places and "
        "groups are dealt with as antisocial behaviour.",
    ),
    dict(
        label="Six-month review", held_on=date(2026, 10, 15),
        participants="As at baseline, plus: Parks Operations Manager; Interchange Safety "
        "Manager, Harrowmere Interchange Bus Company; Trust Safeguarding Lead, Harrowmere "
        "Learning Trust; Critical friend from a neighbouring authority; two members of the "
        "Young People's Advisory Group (morning session).",
        notes="Re-rating after six months of pilots. Clear progress at the front door, MACE "
        "and in the place and school pilots; case recording and closure are unchanged.",
    ),
)

# (item key, domain key) -> (baseline rationale, six-month rationale); None means use the
# general sentence for the domain and colour.
RATIONALES = {
    ("referral", "target"): (
        "The form asks only about the child and family; where harm happened and who else was "
        "there is left to free text and is rarely filled in.",
        "The revised form asks where harm happened and who else was involved; about half of the "
        "sampled referrals now name a place or group."),
    ("referral", "partnerships"): (
        "Schools and police refer readily; parks, transport staff and businesses, who often see "
        "harm first, do not know how to raise a concern.",
        "Bus interchange staff and the business forum have been briefed, but referrals from "
        "them are still rare."),
    ("referral", "outcomes"): (
        "Nothing is counted about the places or groups named in referrals.",
        "Still no count of contexts named at referral; it is part of the planned context "
        "outcomes dataset."),
    ("front_door", "target"): (
        "Screening decides about the individual child; when several referrals name the same "
        "park, the link depends on an experienced worker's memory.",
        "The context of concern form has been used 14 times since July 2026, but not yet by "
        "every MASH team."),
    ("front_door", "legislative"): (
        "Harm outside the home is screened as a welfare matter, but concerns about places go to "
        "community safety tasking as antisocial behaviour.",
        "Contexts are now referred, screened and recorded at the front door under safeguarding "
        "procedures, as set out in the revised MASH protocol."),
    ("front_door", "partnerships"): (
        "Only social care, police, health and education contribute checks; youth services and "
        "community safety are not consulted.",
        "Community safety and the youth service now contribute to context referrals, but not to "
        "screening of individual contacts."),
    ("early_help", "legislative"): (
        "Early help is a welfare response, but for older young people the offer is often a "
        "diversion scheme run by the youth justice service.", None),
    ("early_help", "partnerships"): (
        "Detached youth workers, the voluntary sector and schools are part of every team around "
        "the family where harm outside the home is the concern.",
        "Still embedded; the detached youth work team now joins context assessments as well."),
    ("strategy", "target"): (
        "Discussions focus on parents' capacity to protect; places and peers raised by police "
        "are recorded as risks to the child, not as things to act on.",
        "The template now has a 'contexts discussed' section, completed in 7 of 12 audited "
        "discussions."),
    ("assessment", "target"): (
        "Assessments describe the environment in a line or two; peer and place mapping is used "
        "by a few trained workers only.",
        "Peer and place mapping is in the practice guidance and used in champions' teams; the "
        "template change is still in progress."),
    ("conference", "target"): (
        "Conference plans target parents' supervision of their child.",
        "ROTH conferences discuss peers, places and online spaces, though plans still lean on "
        "the young person's own behaviour."),
    ("conference", "legislative"): (
        "Young people harmed outside the home are held on child protection plans built for harm "
        "within the family, or on no plan at all.",
        "The ROTH pathway, piloted since May 2026 and now written into procedures, gives a "
        "welfare conference for harm outside the home."),
    ("plan", "target"): (
        "Plans rely on curfews, moving home and mentoring; actions for places or peer groups "
        "are almost absent.",
        "The September audit found context actions in 4 of 10 plans, mostly referrals to the "
        "context conference."),
    ("mace", "target"): (
        "Disruption of locations and adults is discussed, but mostly as enforcement.",
        "Places are standing items; every place discussed has an owner and an action aimed at "
        "the place."),
    ("mace", "partnerships"): (
        "Police, community safety, youth justice, social care and education attend reliably.",
        "Parks, the bus operator and licensing joined in June 2026; attendance is above 85 per "
        "cent."),
    ("mace", "outcomes"): (
        "The panel records which young people are discussed, not whether places became safer.",
        "A context tracker, used since July 2026, records change in each place the panel "
        "discusses."),
    ("review_conf", "outcomes"): (
        "Reviews ask whether the young person's risk has reduced; change in the context is not "
        "asked about.",
        "Not rated: no ROTH review conference had been held by the review date."),
    ("step_down", "target"): (
        "Closure summaries rarely mention contexts, so knowledge of places and groups is lost.",
        "Unchanged: no hand-over of context knowledge at step-down yet; the action has not "
        "started."),
    ("p_raised", "legislative"): (
        "Places of concern are raised only through community safety tasking, as antisocial "
        "behaviour, outside safeguarding procedures.",
        "Places are raised as contexts of concern through the front door and logged under "
        "safeguarding procedures."),
    ("p_assess", "target"): (
        "Environmental audits look at lighting and sight lines, but not at how young people use "
        "the place.",
        "Pilot assessments look at young people's use of the place, its capable guardians and "
        "its environment, with walkabouts at the times young people are there."),
    ("p_conf", "target"): (
        "No meeting plans for a place; tasking meetings allocate patrols.",
        "Two context conferences (bus interchange, Eastfield recreation ground) agreed plans "
        "aimed at the place itself, without naming children."),
    ("p_conf", "legislative"): (
        "Meetings about places are community safety tasking meetings, outside safeguarding "
        "procedures.",
        "Context conferences are chaired by children's social care, but the protocol is a pilot "
        "document not yet adopted by the partnership."),
    ("p_plan", "outcomes"): (
        "Nothing measures change in a place.",
        "Plans set measures such as young people's sense of safety at the interchange and "
        "staff confidence to step in; first data due in November 2026."),
    ("p_review", "partnerships"): (
        None,
        "Not rated: the first context review is due in November 2026, so partner involvement "
        "cannot be judged yet."),
    ("p_close", "target"): (
        "There is no route for closing work on a place.",
        "Unchanged: no context has reached closure and closure criteria are not agreed."),
    ("s_raised", "legislative"): (
        "Schools raise peer-on-peer abuse through safeguarding procedures, with the education "
        "safeguarding team's advice.",
        "Still green: school concerns enter through safeguarding procedures, now including the "
        "school context route."),
    ("s_assess", "target"): (
        "Schools respond to incidents pupil by pupil; nobody assesses the school as a context.",
        "Two pilot schools assessed themselves as contexts using a pupil survey, focus groups "
        "and hotspot mapping of corridors, toilets and the route to the bus stop."),
    ("s_assess", "partnerships"): (
        "The education safeguarding team supports schools, but pupils and youth services are "
        "not involved.",
        "Pupils, staff, the youth service and the bus operator all contributed to the pilot "
        "assessments."),
    ("s_review", "legislative"): (
        None,
        "Not rated: the group could not agree how school reviews sit within safeguarding "
        "procedures; taken to the governance group."),
    ("s_plan", "target"): (
        "School responses are sanctions and support for individual pupils.",
        "School plans changed supervision at lunch and home time and refreshed relationships "
        "and sex education, not only sanctions for individual pupils."),
    ("governance", "target"): (
        "The Safeguarding Partnership names harm outside the home as a priority, but no plan "
        "says how contexts will be targeted.",
        "The Contextual Safeguarding plan, owned by the governance group, commits partners to "
        "context work and is reviewed at every meeting."),
    ("thresholds", "legislative"): (
        "The threshold document does not mention harm outside the home or contexts.",
        "The MASH protocol and ROTH procedures now cover contexts; the threshold document "
        "itself is awaiting revision."),
    ("recording", "target"): (
        "The case-recording system holds children only; contexts are tracked in spreadsheets.",
        "Unchanged: the supplier's context module is delayed and the action is blocked."),
    ("training", "target"): (
        "A one-off briefing in 2025 reached about 120 staff, with no follow-up.",
        "Champions have run 9 sessions for about 300 staff from 11 agencies; place and peer "
        "mapping now features in supervision."),
    ("commissioning", "partnerships"): (
        "Some commissioned youth work takes place in hotspots, with no link to social care "
        "plans.",
        "The detached youth work contract now includes joining context assessments and "
        "conferences."),
    ("data", "outcomes"): (
        "Data describe individual children only.",
        "A quarterly, hand-built context dashboard shows contexts referred and plans agreed, "
        "but not yet whether they changed."),
}

NA_REASONS = {
    ("early_help", "legislative"): "The group agreed early help is a welfare response by "
    "definition; whether contexts are drawn into welfare processes is rated at the front door "
    "and conference stages instead.",
}

# domain key -> colour -> two general sentences, used where no specific rationale is written
GENERAL = {
    "target": {
        Rag.RED: ("Responses here focus on the individual young person; the places, groups and "
                  "settings where harm happens are not named or acted on.",
                  "Nothing here changes the 'rules' of a context; any action sits with the "
                  "young person or their parents."),
        Rag.AMBER: ("Contexts are sometimes named and discussed, but actions aimed at them "
                    "depend on individual practitioners.",
                    "Some context-focused responses in the pilot, not yet consistent across the "
                    "borough."),
        Rag.GREEN: ("Contexts are routinely named and plans include actions aimed at them, "
                    "each with an owner.",
                    "Context-focused responses are normal practice here, and audits show it."),
    },
    "legislative": {
        Rag.RED: ("Harm outside the home is handled through community safety or criminal "
                  "justice routes rather than welfare processes.",
                  "Young people harmed outside the home are more often treated as offenders or "
                  "antisocial behaviour cases than as in need of protection."),
        Rag.AMBER: ("Welfare processes are used for some young people harmed outside the home, "
                    "but contexts themselves sit outside them.",
                    "Procedures allow a welfare response, but practice varies by team and "
                    "locality."),
        Rag.GREEN: ("Welfare and child protection processes are used for harm outside the home, "
                    "and contexts can be referred and planned for within them.",
                    "Procedures and practice both treat harm outside the home as a safeguarding "
                    "matter."),
    },
    "partnerships": {
        Rag.RED: ("Only social care and police are involved; those who manage or spend time in "
                  "the context are absent.",
                  "Partners who could change the context (schools, parks, transport, "
                  "businesses, youth services) have no part here."),
        Rag.AMBER: ("Some of the right partners are involved, but attendance depends on "
                    "goodwill and invitations.",
                    "Education and youth services take part; parks, transport and businesses "
                    "rarely do."),
        Rag.GREEN: ("The partners who own, manage or spend time in the context are routinely "
                    "involved and have a defined part.",
                    "A wide partnership, including non-statutory partners, is involved as a "
                    "matter of course."),
    },
    "outcomes": {
        Rag.RED: ("Only individual outcomes are recorded; nothing shows whether a context "
                  "became safer.",
                  "No measure of contextual change exists at this stage."),
        Rag.AMBER: ("Some contextual measures are recorded in the pilot, but not yet used at "
                    "review or reported.",
                    "Change in contexts is discussed, but measured informally and "
                    "inconsistently."),
        Rag.GREEN: ("Measures of contextual change are recorded and used at review.",
                    "Contextual change is measured and reported to the governance group."),
    },
}
NOT_RATED_GENERAL = "Not rated at this round: too little evidence yet."

# Evidence sources drawn on, by kind of rated item, and how each was used in each round.
STAGE_SOURCES = ("Case file audit", "Observation of meetings",
                 "Practitioner interviews and focus groups", "Voice of young people and parents")
AREA_SOURCES = ("Policy and document review", "Performance data",
                "Practitioner interviews and focus groups")
EVIDENCE_PHRASES = {
    "Case file audit": ("audit of 12 case files, February 2026",
                        "re-audit of 12 case files, September 2026"),
    "Observation of meetings": ("observation of two meetings, February 2026",
                                "observation of three meetings, August and September 2026"),
    "Practitioner interviews and focus groups": ("practitioner focus group, 25 February 2026",
                                                 "champions' focus group, 30 September 2026"),
    "Voice of young people and parents": ("Young People's Advisory Group session, March 2026",
                                          "survey of 46 young people through youth clubs, "
                                          "September 2026"),
    "Policy and document review": ("review of procedures, protocols and templates",
                                   "review of revised procedures and the pilot protocols"),
    "Performance data": ("performance data, quarter 3 2025/26",
                         "performance data, quarter 2 2026/27"),
}

# value name -> per round: (colour letter, evidence, confidence or None)
VALUE_CHECKS = {
    "Collaborative": (
        ("A", "Partners work together well at MACE; young people and families are rarely "
              "involved in designing responses.", Confidence.MEDIUM),
        ("G", "The Young People's Advisory Group co-designed the context of concern form and "
              "the interchange plan; a parents' forum shaped ROTH conferences.",
         Confidence.MEDIUM)),
    "Ecological": (
        ("R", "Assessments and plans look at the child and family; peers, places and online "
              "spaces are seldom considered.", Confidence.HIGH),
        ("A", "Peer and place mapping is used in pilot teams and at MACE, not yet in every "
              "assessment.", Confidence.MEDIUM)),
    "Rights-based": (
        ("A", "Young people's right to safety is recognised, but exploited young people are "
              "still sometimes treated as offenders.", Confidence.MEDIUM),
        ("A", "Procedures now speak of young people at risk rather than risky young people; "
              "some custody decisions still criminalise exploited young people.",
         Confidence.MEDIUM)),
    "Strengths-based": (
        ("R", "Plans list risks; the strengths of young people and places (trusted adults, safe "
              "spaces) are not recorded.", Confidence.LOW),
        ("A", "Context assessments record capable guardians and safe spaces; individual plans "
              "less often.", Confidence.MEDIUM)),
    "Evidence-informed": (
        ("A", "Decisions draw on police intelligence, with little use of research or young "
              "people's views.", Confidence.MEDIUM),
        ("A", "Both reviews used case file audits and young people's views; there are still no "
              "data on change in contexts.", Confidence.HIGH)),
    "Caring": (
        ("-", "Not checked at baseline: the partnership adopted this value in April 2026.",
         None),
        ("A", "In focus groups some young people described workers as caring; many described "
              "the system as being about rules.", Confidence.LOW)),
}

# --- The plan ------------------------------------------------------------------------------------

# roadmap step name -> (status, started on, completed on, notes)
ROADMAP = {
    "Be flexible": (
        StepStatus.IN_PROGRESS, date(2026, 1, 12), None,
        "Ongoing by design: every governance meeting opens with a reflective discussion of what "
        "is and is not working."),
    "Get the right people on board": (
        StepStatus.DONE, date(2026, 1, 12), date(2026, 2, 20),
        "Governance group formed under the Safeguarding Partnership; terms of reference agreed "
        "on 20 February 2026."),
    "Recruit champions": (
        StepStatus.DONE, date(2026, 2, 2), date(2026, 5, 29),
        "Four champions from four agencies trained; a second group is planned for 2027."),
    "RAG rate your system": (
        StepStatus.DONE, date(2026, 2, 16), date(2026, 3, 12),
        "Baseline review held on 12 March 2026: mostly red and amber, as expected."),
    "Test, pilot and review": (
        StepStatus.IN_PROGRESS, date(2026, 5, 1), None,
        "Pilots running: ROTH conferences in the north locality, context conferences for two "
        "places, and school context assessments in two schools."),
    "Agree the values and approach": (
        StepStatus.DONE, date(2026, 3, 20), date(2026, 4, 24),
        "Values and approach agreed by the partnership's senior leaders on 24 April 2026, "
        "including the value 'caring'."),
    "Find critical friends": (
        StepStatus.DONE, date(2026, 3, 2), date(2026, 4, 10),
        "A Contextual Safeguarding lead from a neighbouring authority and a university "
        "researcher act as critical friends."),
    "Map the current system": (
        StepStatus.DONE, date(2026, 2, 2), date(2026, 3, 6),
        "Child, place and school journeys mapped in three workshops; level counts refreshed on "
        "30 September 2026."),
    "Develop a plan": (
        StepStatus.IN_PROGRESS, date(2026, 3, 20), None,
        "Plan agreed in April 2026; the Level 2 part grows as the pilots report."),
    "RAG rate and embed": (
        StepStatus.IN_PROGRESS, date(2026, 10, 15), None,
        "Six-month review held on 15 October 2026. Embedding into everyday practice is the "
        "focus for 2027."),
}

# group, agency key or None, role, notes
MEMBERS = (
    (MemberGroup.GOVERNANCE, "csc", "Director of Children's Services (chair)", ""),
    (MemberGroup.GOVERNANCE, "csc", "Head of Service, Children's Social Care (programme lead)",
     "Facilitates the review workshops."),
    (MemberGroup.GOVERNANCE, "police", "Detective Superintendent, Public Protection", ""),
    (MemberGroup.GOVERNANCE, "csp", "Head of Community Safety", ""),
    (MemberGroup.GOVERNANCE, "edu", "Head of Education Safeguarding", ""),
    (MemberGroup.GOVERNANCE, "health", "Designated Nurse for Safeguarding Children", ""),
    (MemberGroup.GOVERNANCE, "vcs", "Chief Executive, Harrowmere Youth and Community Trust",
     "Represents the voluntary and community sector forum."),
    (MemberGroup.CHAMPION, "csc", "Advanced Practitioner, Front Door",
     "Supports MASH teams with the context of concern form."),
    (MemberGroup.CHAMPION, "schools", "Designated Safeguarding Lead, secondary school",
     "Leads the school context pilot in one school."),
    (MemberGroup.CHAMPION, "youth", "Senior Detached Youth Worker",
     "Joins place assessments and walkabouts."),
    (MemberGroup.CHAMPION, "police", "Police Sergeant, Neighbourhood Policing Team",
     "Links context plans with neighbourhood policing."),
    (MemberGroup.CRITICAL_FRIEND, None, "Critical friend from a neighbouring authority",
     "Contextual Safeguarding lead in a neighbouring council; attends governance twice a year "
     "and took part in the six-month review."),
    (MemberGroup.CRITICAL_FRIEND, None, "Critical friend from a university research team",
     "Evaluating the ROTH pilot; report due November 2026."),
)

# Each action: Action fields, plus lead (agency key), step (roadmap step name), journey (key),
# partners (agency keys), gaps ((item key, domain key), ...) and notes ((date, text), ...).
ACTIONS = (
    dict(
        title="Let partners refer a context of concern at the front door",
        description="Add a context of concern form and a screening step to the MASH, and brief "
        "referrers across the partnership.",
        plan_level=PlanLevel.LEVEL_2, lead="csc", owner_role="Front Door Service Manager",
        start_on=date(2026, 4, 1), due_on=date(2026, 6, 30), review_on=date(2026, 10, 15),
        status=ActionStatus.DONE, priority=Priority.HIGH,
        goal="Places and groups of concern reach safeguarding processes, not only community "
        "safety tasking.",
        response="A context of concern form and screening step in the MASH; briefings for "
        "referrers.",
        measure="Contexts referred each quarter, and the share screened within 5 working days.",
        success_looks_like="Contexts are referred, screened and recorded at the front door as "
        "children are; patterns across referrals are seen by the system, not by memory.",
        step="Develop a plan", journey="place", partners=("police", "csp", "edu", "parks"),
        gaps=(("front_door", "target"), ("front_door", "legislative"),
              ("p_raised", "legislative")),
        notes=((date(2026, 5, 14), "Form drafted with the Young People's Advisory Group and "
                "tested in one MASH team."),
               (date(2026, 7, 2), "Live across the front door since 1 July; 5 contexts "
                "referred in the first month."),
               (date(2026, 10, 15), "14 contexts referred so far. Front door rated green for "
                "the legislative framework at the six-month review.")),
    ),
    dict(
        title="Build peer and place mapping into the child and family assessment",
        description="Add peer and place mapping to the assessment guidance and template, with "
        "support from champions.",
        plan_level=PlanLevel.LEVEL_1, lead="csc", owner_role="Principal Social Worker",
        start_on=date(2026, 5, 1), due_on=date(2026, 12, 18), review_on=date(2026, 11, 12),
        status=ActionStatus.IN_PROGRESS, priority=Priority.HIGH,
        success_looks_like="Every assessment where harm outside the home is a concern includes "
        "a peer and place map and says what it means for the plan.",
        step="Test, pilot and review", journey=None, partners=("police", "schools", "yjs"),
        gaps=(("assessment", "target"), ("recording", "target")),
        notes=((date(2026, 6, 20), "Guidance and a paper mapping tool issued to champions' "
                "teams."),
               (date(2026, 9, 30), "Audit: mapping used in 6 of 12 assessments in champions' "
                "teams and 1 of 10 elsewhere.")),
    ),
    dict(
        title="Pilot Risk Outside the Home (ROTH) conferences in the north locality",
        description="Run ROTH conferences instead of child protection conferences where harm is "
        "outside the family, and evaluate them with the critical friend.",
        plan_level=PlanLevel.LEVEL_1, lead="csc",
        owner_role="Conference and Review Service Manager",
        start_on=date(2026, 4, 15), due_on=date(2026, 11, 30), review_on=date(2026, 10, 15),
        status=ActionStatus.IN_PROGRESS, priority=Priority.HIGH,
        success_looks_like="Young people harmed outside the home are held on a ROTH plan, "
        "parents are treated as partners, and plans include context actions.",
        step="Test, pilot and review", journey=None,
        partners=("police", "schools", "health", "yjs"),
        gaps=(("conference", "legislative"), ("conference", "target"), ("plan", "target")),
        notes=((date(2026, 5, 20), "First ROTH conference held; parents' feedback positive."),
               (date(2026, 9, 15), "11 ROTH conferences held and procedures updated; the "
                "evaluation is due in November.")),
    ),
    dict(
        title="Context conference and plan for Harrowmere bus interchange",
        description="Assess the interchange as a place, hold a context conference and carry "
        "out the plan with the partners who run and use it.",
        plan_level=PlanLevel.LEVEL_2, lead="csc", owner_role="Contextual Safeguarding Coordinator",
        start_on=date(2026, 6, 1), due_on=date(2027, 3, 31), review_on=date(2026, 12, 10),
        status=ActionStatus.IN_PROGRESS, priority=Priority.HIGH,
        goal="Young people feel and are safer at the interchange after school and in the "
        "evening; adults who work there notice and act on signs of exploitation.",
        response="Training for interchange and bus staff; detached youth work at peak times; "
        "lighting and camera changes on the rear concourse; a trusted adult rota with the "
        "business forum.",
        measure="Young people's sense of safety (termly survey); concerns raised by "
        "interchange staff; incidents reported at the interchange, quarter by quarter.",
        success_looks_like="Young people describe the interchange as a place where adults look "
        "out for them, and staff raise concerns early.",
        step="Test, pilot and review", journey="place",
        partners=("transport", "youth", "police", "business", "planning"),
        gaps=(("p_conf", "target"), ("p_plan", "outcomes"), ("p_assess", "target")),
        notes=((date(2026, 7, 9), "Neighbourhood assessment completed, with walkabouts at "
                "3.30pm and 8pm."),
               (date(2026, 8, 6), "Context conference held; plan agreed with 3 goals, 7 "
                "responses and 5 measures. No children named."),
               (date(2026, 10, 1), "42 interchange staff briefed; lighting works booked for "
                "December.")),
    ),
    dict(
        title="School context assessments in two secondary schools",
        description="Pilot the school assessment, a school context meeting and a school plan "
        "in two Learning Trust schools.",
        plan_level=PlanLevel.LEVEL_2, lead="schools", owner_role="Trust Safeguarding Lead",
        start_on=date(2026, 4, 20), due_on=date(2026, 12, 18), review_on=date(2026, 11, 26),
        status=ActionStatus.IN_PROGRESS, priority=Priority.MEDIUM,
        goal="Pupils feel safe in school and on the journey home; staff respond to harmful "
        "sexual behaviour as a school-wide issue.",
        response="Pupil survey and focus groups; staff hotspot mapping; changes to supervision "
        "at lunch and home time; a refreshed relationships and sex education programme.",
        measure="Pupil safety survey before and after; incidents of harmful sexual behaviour "
        "logged by location; staff confidence survey.",
        success_looks_like="Both schools see fewer incidents in the hotspots they mapped, and "
        "pupils say adults act when they report harm.",
        step="Test, pilot and review", journey="school",
        partners=("edu", "youth", "voice", "csc"),
        gaps=(("s_assess", "target"), ("s_assess", "partnerships"), ("s_plan", "target"),
              ("s_conf", "target")),
        notes=((date(2026, 6, 25), "Pupil survey completed in both schools (over 900 "
                "responses, aggregate results only)."),
               (date(2026, 10, 8), "School plans agreed; lunchtime supervision changed in one "
                "school.")),
    ),
    dict(
        title="Record contexts in the case-recording system",
        description="Give contexts their own record, linked to the children connected with "
        "them. Blocked: the supplier has moved its context module to a 2027 release and the "
        "change needs capital funding not yet agreed.",
        plan_level=PlanLevel.BOTH, lead="csc",
        owner_role="Business Systems Manager, Children's Services",
        start_on=date(2026, 5, 1), due_on=date(2026, 12, 31), review_on=date(2026, 11, 5),
        status=ActionStatus.BLOCKED, priority=Priority.HIGH,
        success_looks_like="Contexts have their own record, so patterns and plans are visible "
        "without spreadsheets.",
        step="Develop a plan", journey=None, partners=("police", "csp"),
        gaps=(("recording", "target"), ("recording", "outcomes"), ("data", "outcomes")),
        notes=((date(2026, 7, 15), "The supplier confirmed the context module will not be in "
                "the autumn release."),
               (date(2026, 9, 22), "Escalated to the governance group; an interim spreadsheet "
                "is kept on the secure drive.")),
    ),
    dict(
        title="Contextual Safeguarding training and champion network",
        description="Train four champions and run multi-agency sessions on Contextual "
        "Safeguarding and peer and place mapping.",
        plan_level=PlanLevel.BOTH, lead="csc", owner_role="Workforce Development Manager",
        start_on=date(2026, 2, 2), due_on=date(2026, 9, 30), review_on=date(2026, 10, 15),
        status=ActionStatus.DONE, priority=Priority.MEDIUM,
        success_looks_like="Staff across agencies can explain Contextual Safeguarding and use "
        "peer and place mapping; champions support their teams.",
        step="Recruit champions", journey=None,
        partners=("police", "schools", "health", "youth", "vcs"),
        gaps=(("training", "target"), ("training", "partnerships")),
        notes=((date(2026, 4, 30), "Four champions from four agencies trained over two days."),
               (date(2026, 9, 30), "9 multi-agency sessions delivered to about 300 staff from "
                "11 agencies.")),
    ),
    dict(
        title="Bring parks, transport, licensing and businesses into MACE",
        description="Revise the panel's terms of reference so the partners who manage places "
        "attend and own actions for them.",
        plan_level=PlanLevel.BOTH, lead="csp", owner_role="Head of Community Safety",
        start_on=date(2026, 3, 20), due_on=date(2026, 6, 30), review_on=date(2026, 10, 15),
        status=ActionStatus.DONE, priority=Priority.MEDIUM,
        success_looks_like="The partners who manage places sit on the panel and own actions "
        "for them.",
        step="Get the right people on board", journey=None,
        partners=("parks", "transport", "licensing", "business"),
        gaps=(("mace", "target"), ("commissioning", "partnerships")),
        notes=((date(2026, 6, 12), "Terms of reference revised; first panel with parks, the "
                "bus operator and licensing."),),
    ),
    dict(
        title="Context outcomes dataset for the governance group",
        description="Agree a small set of measures about contexts and report them each quarter.",
        plan_level=PlanLevel.BOTH, lead="csc", owner_role="Performance and Intelligence Manager",
        start_on=date(2027, 1, 4), due_on=date(2027, 6, 30), review_on=date(2027, 3, 31),
        status=ActionStatus.NOT_STARTED, priority=Priority.MEDIUM,
        success_looks_like="Each quarter the governance group sees how many contexts were "
        "referred, assessed and planned for, and whether they became safer.",
        step="RAG rate and embed", journey=None, partners=("police", "csp", "edu"),
        gaps=(("data", "outcomes"), ("referral", "outcomes"), ("mace", "outcomes")),
        notes=(),
    ),
    dict(
        title="Young people's safety mapping of Harrowmere town centre",
        description="Young researchers map where they feel safe and unsafe in the town centre, "
        "with youth workers.",
        plan_level=PlanLevel.LEVEL_2, lead="vcs", owner_role="Youth Participation Lead",
        start_on=date(2026, 7, 1), due_on=date(2026, 12, 11), review_on=date(2026, 11, 19),
        status=ActionStatus.IN_PROGRESS, priority=Priority.MEDIUM,
        goal="Plans for places are shaped by where young people say they feel safe and unsafe.",
        response="Young researchers map safe and unsafe places with youth workers; findings go "
        "to the context weighting meeting and to town planning.",
        measure="Young people taking part; mapping findings acted on in context plans.",
        success_looks_like="Young people's own map informs which places are acted on first, and "
        "they hear back what changed.",
        step="Test, pilot and review", journey="place",
        partners=("voice", "youth", "parks", "planning"),
        gaps=(("p_weight", "partnerships"), ("p_weight", "target")),
        notes=((date(2026, 9, 10), "Eight young researchers recruited and trained; mapping "
                "walks planned for the October half-term."),),
    ),
    dict(
        title="Separate exploitation screening tool at the front door",
        description="Dropped in June 2026: it would have added a second screening tool for "
        "individual children; the context of concern form meets the need.",
        plan_level=PlanLevel.LEVEL_1, lead="police", owner_role="Detective Inspector, Exploitation "
        "Team",
        start_on=date(2026, 4, 1), due_on=date(2026, 7, 31), review_on=date(2026, 6, 15),
        status=ActionStatus.DROPPED, priority=Priority.LOW,
        step="Develop a plan", journey=None, partners=("csc",),
        gaps=(("front_door", "partnerships"),),
        notes=((date(2026, 6, 15), "Dropped by the governance group: it duplicates the existing "
                "screening and the new context of concern form."),),
    ),
    dict(
        title="Add harm outside the home and contexts to the threshold document",
        description="Revise the partnership's threshold document so it describes harm outside "
        "the home and when a context meets the threshold for assessment or conference.",
        plan_level=PlanLevel.BOTH, lead="csc",
        owner_role="Safeguarding Partnership Business Manager",
        start_on=date(2026, 11, 2), due_on=date(2027, 3, 31), review_on=date(2027, 1, 28),
        status=ActionStatus.NOT_STARTED, priority=Priority.HIGH,
        success_looks_like="Practitioners in every agency use one threshold document that "
        "covers children and contexts.",
        step="Develop a plan", journey=None, partners=("police", "edu", "health", "eh"),
        gaps=(("thresholds", "legislative"), ("thresholds", "target")),
        notes=(),
    ),
    dict(
        title="Hand over context knowledge at step-down and closure",
        description="Closure summaries say which places and groups were involved, and "
        "community safety and youth services are told.",
        plan_level=PlanLevel.LEVEL_1, lead="eh", owner_role="Early Help Locality Manager",
        start_on=date(2027, 1, 11), due_on=date(2027, 5, 28), review_on=date(2027, 3, 25),
        status=ActionStatus.NOT_STARTED, priority=Priority.MEDIUM,
        success_looks_like="What is learned about places and peer groups outlasts the work "
        "with an individual young person.",
        step="Develop a plan", journey=None, partners=("csc", "csp", "youth"),
        gaps=(("step_down", "target"), ("step_down", "partnerships")),
        notes=(),
    ),
)

DEMO_FILE_NAME = "Harrowmere demo.csdesk"  # the name fresh_demo gives its copy

# Keys in a STAGES or ACTIONS entry that are not columns of the row itself.
STAGE_EXTRAS = ("key", "level", "agencies", "rags")
ACTION_EXTRAS = ("lead", "step", "journey", "partners", "gaps", "notes")


# --- Building the file ---------------------------------------------------------------------------

def write_demo(path: Path) -> Path:
    """Write the Harrowmere demo project to `path` (a new file; never overwrites).
    Returns the path written, as create_project returns it."""
    return create_project(Path(path), _populate)


def fresh_demo(folder: Path) -> Path:
    """An untouched demo project in `folder` (csdesk's own data folder), replacing the copy
    left there last time, unless that copy is open in a csdesk somewhere. Returns its path."""
    folder = Path(folder)
    path = folder / DEMO_FILE_NAME
    holder = read_holder(path)
    if holder is not None and not is_stale(holder):
        raise ProjectLockedError(
            f"The demo project is open in another csdesk window ({holder.describe()}); "
            "use that window, or close it there first.", holder)
    new = folder / f".{DEMO_FILE_NAME}.new.csdesk"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        new.unlink(missing_ok=True)  # left by an earlier attempt that failed
        write_demo(new)
        os.replace(new, path)
    except OSError as exc:
        new.unlink(missing_ok=True)
        raise ProjectFileError(f"Cannot write the demo project in {folder}: {exc}.") from exc
    return path


def _populate(session: Session) -> None:
    fw = load_framework()
    install_framework(session, fw)
    session.flush()
    _add(session, Project(**PROJECT, framework_name=fw["name"], framework_version=fw["version"],
                          framework_source=fw.get("source", "")))
    agencies = {key: _add(session, Agency(position=i, name=name, sector=sector)).id
                for i, (key, name, sector) in enumerate(AGENCIES)}
    levels = _fill_levels(session)
    journeys, stages = {}, {}
    for position, (key, kind, context_type, title, description, rows) in enumerate(JOURNEYS):
        journey = _add(session, Journey(position=position, kind=kind, context_type=context_type,
                                        title=title, description=description))
        journeys[key] = journey.id
        stages.update(_add_stages(session, journey.id, rows, agencies, levels))
    for from_key, to_key, kind, note in LINKS:
        session.add(StageLink(from_stage_id=stages[from_key], to_stage_id=stages[to_key],
                              kind=kind, note=note))
    items = _rated_items(session, stages)
    _add_review(session, items)
    _fill_roadmap(session)
    for group, agency, role, notes in MEMBERS:
        session.add(Member(member_group=group, agency_id=agencies.get(agency), role=role,
                           notes=notes))
    _add_actions(session, agencies, journeys, items)
    session.flush()


def _add(session: Session, row):
    """Add a row and flush, so its id is known."""
    session.add(row)
    session.flush()
    return row


def _fill_levels(session: Session) -> dict[str, int]:
    levels = session.exec(select(Level)).all()
    for level in levels:
        if level.name in LEVEL_COUNTS:
            level.approx_count, level.count_note = LEVEL_COUNTS[level.name]
            session.add(level)
    return {level.name: level.id for level in levels}


def _add_stages(session, journey_id, rows, agencies, levels) -> dict[str, int]:
    """Add a journey's stages, their agencies and the NEXT arrows between them."""
    ids = {}
    previous = None
    for position, row in enumerate(rows):
        fields = {k: v for k, v in row.items() if k not in STAGE_EXTRAS}
        stage = _add(session, Stage(journey_id=journey_id, position=position,
                                    level_id=levels.get(row["level"]), **fields))
        ids[row["key"]] = stage.id
        for agency in row["agencies"]:
            session.add(StageAgency(stage_id=stage.id, agency_id=agencies[agency]))
        if previous is not None:
            session.add(StageLink(from_stage_id=previous, to_stage_id=stage.id,
                                  kind=LinkKind.NEXT))
        previous = stage.id
    return ids


def _rated_items(session, stages) -> dict[str, dict]:
    """Every rated item (stage or system area) by key: its ids and its rating strings."""
    items = {}
    for _, _, _, _, _, rows in JOURNEYS:
        for row in rows:
            items[row["key"]] = dict(stage_id=stages[row["key"]], area_id=None, rags=row["rags"],
                                     sources=STAGE_SOURCES)
    for area in session.exec(select(SystemArea).order_by(SystemArea.position)):
        key, rags = AREAS[area.name]
        items[key] = dict(stage_id=None, area_id=area.id, rags=rags, sources=AREA_SOURCES)
    return items


def _add_review(session: Session, items: dict[str, dict]) -> None:
    domains = {d.key: d for d in session.exec(select(Domain))}
    sources = {s.name: s.id for s in session.exec(select(EvidenceSource))}
    values = session.exec(select(CsValue).order_by(CsValue.position)).all()
    for r, fields in enumerate(ROUNDS):
        round_row = _add(session, ReviewRound(position=r, **fields))
        cell = 0
        for key, item in items.items():
            for domain_key in DOMAIN_KEYS:
                _add_rating(session, round_row.id, r, cell, key, item,
                            domains[domain_key], sources)
                cell += 1
        for value in values:
            letter, evidence, confidence = VALUE_CHECKS[value.name][r]
            session.add(ValueCheck(round_id=round_row.id, value_id=value.id,
                                   rag=LETTERS[letter], evidence=evidence,
                                   confidence=confidence))


def _add_rating(session, round_id, r, cell, key, item, domain, sources) -> None:
    """One cell of the review: round r, item `key`, one domain. `cell` counts the cells of
    the round and varies the general sentences and the evidence sources drawn on."""
    rag = LETTERS[item["rags"][r][DOMAIN_KEYS.index(domain.key)]]
    specific = RATIONALES.get((key, domain.key), (None, None))[r]
    rating = Rating(round_id=round_id, stage_id=item["stage_id"], area_id=item["area_id"],
                    domain_id=domain.id, rag=rag)
    chosen = []
    if rag == Rag.NOT_APPLICABLE:
        rating.na_reason = NA_REASONS[(key, domain.key)]
    elif rag == Rag.NOT_RATED:
        rating.rationale = specific or NOT_RATED_GENERAL
    else:
        # 1 to 3 of the sources that suit the item, in rotation; more sources, more confidence.
        pool = item["sources"]
        chosen = [pool[(cell + k) % len(pool)] for k in range(1 + cell % 3)]
        rating.rationale = specific or GENERAL[domain.key][rag][cell % 2]
        if cell % 4 != 3:  # most cells also say what the evidence was
            text = "; ".join(EVIDENCE_PHRASES[name][r] for name in chosen)
            rating.evidence_notes = text[0].upper() + text[1:] + "."
        confidence = (Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)[len(chosen) - 1]
        green_floor = rag == Rag.GREEN and confidence == Confidence.LOW
        rating.confidence = Confidence.MEDIUM if green_floor else confidence
    _add(session, rating)
    for name in chosen:
        session.add(RatingEvidence(rating_id=rating.id, source_id=sources[name]))


def _fill_roadmap(session: Session) -> None:
    for step in session.exec(select(RoadmapStep)):
        if step.name in ROADMAP:
            step.status, step.started_on, step.completed_on, step.notes = ROADMAP[step.name]
            session.add(step)


def _add_actions(session, agencies, journeys, items) -> None:
    steps = {s.name: s.id for s in session.exec(select(RoadmapStep))}
    domains = {d.key: d.id for d in session.exec(select(Domain))}
    for position, spec in enumerate(ACTIONS):
        fields = {k: v for k, v in spec.items() if k not in ACTION_EXTRAS}
        action = _add(session, Action(
            position=position, lead_agency_id=agencies[spec["lead"]],
            roadmap_step_id=steps.get(spec["step"]), journey_id=journeys.get(spec["journey"]),
            **fields))
        for agency in spec["partners"]:
            session.add(ActionPartner(action_id=action.id, agency_id=agencies[agency]))
        for item_key, domain_key in spec["gaps"]:
            item = items[item_key]
            session.add(ActionGap(action_id=action.id, stage_id=item["stage_id"],
                                  area_id=item["area_id"], domain_id=domains[domain_key]))
        for noted_on, text in spec["notes"]:
            session.add(ProgressNote(action_id=action.id, noted_on=noted_on, text=text))
