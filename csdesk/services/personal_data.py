"""Free text that looks like personal data about a child: dates of birth, NHS numbers (with a
valid check digit), UK postcodes, phone numbers, email addresses, National Insurance numbers
and "Name, aged 14" patterns.

csdesk maps systems, not cases, so none of these should be needed. Detection only warns: it
never blocks or changes what people type. It runs offline on precompiled regular expressions,
fast enough to run on every pause in typing (a paragraph takes well under a millisecond).

`find_personal_data(text)` looks at one piece of text; personal_data_scan.scan_project looks
at every free-text field of a project. This module needs no models: the field hints load it
before the window's first frame."""

import re
from dataclasses import dataclass
from datetime import date


# --- What a finding is ---------------------------------------------------------------------------

KINDS = {  # kind: (what it is called, "This looks like ...")
    "date_of_birth": ("date of birth", "a date of birth"),
    "nhs_number": ("NHS number", "an NHS number"),
    "postcode": ("postcode", "a UK postcode"),
    "phone": ("phone number", "a phone number"),
    "email": ("email address", "an email address"),
    "ni_number": ("National Insurance number", "a National Insurance number"),
    "name_age": ("name and age", "someone's name and age"),
}
WHY = "csdesk maps systems, not cases: leave out anything that could identify a child."


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    start: int
    end: int
    text: str  # the text found
    reason: str  # "This looks like an NHS number."

    @property
    def label(self) -> str:
        return KINDS[self.kind][0]


def _finding(kind: str, match: re.Match, group: int | str = 0, reason: str = "") -> Finding:
    return Finding(kind, match.start(group), match.end(group), match.group(group),
                   reason or f"This looks like {KINDS[kind][1]}.")


# --- The patterns --------------------------------------------------------------------------------

DIGIT = re.compile(r"\d")
MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_NUMERIC_DATE = r"(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})"
_WORDED_DATE = (rf"(?P<wd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<wm>{MONTHS})\.?,?\s+"
                r"(?P<wy>\d{4})")
DATE = re.compile(rf"(?<![\w/.\-])(?:{_NUMERIC_DATE}|{_WORDED_DATE})(?![\w/]|\.\d)",
                  re.IGNORECASE)
# A date straight after one of these is a date of birth, whatever its year.
BIRTH_CUE = re.compile(r"(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth|\bborn(?:\s+on)?|\bb\.)"
                       r"\s*(?:[:\-–]|is|was)?\s*$", re.IGNORECASE)

NHS = re.compile(r"(?<![\d+])(\d{3})([ \-]?)(\d{3})\2(\d{4})(?![\d])")

# Outward code (A9, A99, A9A, AA9, AA99, AA9A) and inward code (9AA: no C, I, K, M, O, V).
_OUTWARD = r"(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
POSTCODE = re.compile(rf"\b(?:{_OUTWARD} ?{_INWARD}|GIR ?0AA)\b")
# Typed in a hurry in lower case: only with the space, so words never run into one.
POSTCODE_ANY_CASE = re.compile(rf"\b{_OUTWARD} (?!(?:1st|2nd|3rd|[04-9]th)\b){_INWARD}\b",
                               re.IGNORECASE)

# Mobiles (07), geographic numbers (01, 02), with +44 or 0; spaces, dashes or brackets.
# 03, 08 and 09 numbers belong to organisations and services, not to families.
PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)"
    r"(?:7\d{3}\)?[\s\-]?\d{3}[\s\-]?\d{3}"  # 07700 900 123, 07700 900123
    r"|1\d{2,4}\)?[\s\-]?\d{3}[\s\-]?\d{3,4}"  # 0161 496 0123, 01632 960123, 01632 960 123
    r"|2\d\)?[\s\-]?\d{4}[\s\-]?\d{4})"  # 020 7946 0123
    r"(?![\w])")

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")

# National Insurance number: two prefix letters (not D, F, I, Q, U, V; second not O either;
# BG, GB, KN, NK, NT, TN, ZZ never issued), six digits, a suffix A to D.
_NI_PREFIX = r"(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
NI = re.compile(rf"\b({_NI_PREFIX})\s?(\d{{2}})\s?(\d{{2}})\s?(\d{{2}})\s?([A-D])?\b")
NI_CUE = re.compile(r"(?:\bNI\b|\bNINO\b|national\s+insurance)[\s\w.:#]{0,20}$", re.IGNORECASE)

# "Jayden, aged 14", "Jayden Smith (age 14)", "Jayden is 14 years old", "Jayden, 14, ...",
# "14-year-old Jayden": found from the age (numbers are few, so this is cheap), then the
# words around it. A range ("aged 10 to 17") is about a group, not a person.
_NAME = r"[A-Z][a-z]+(?:['\-][A-Z]?[a-z]+)?"
_NAMES = rf"(?P<name>{_NAME}(?:\s+{_NAME})?)"
AGE = re.compile(r"(?<![\d.,/£$%-])(?:1\d|2[0-5]|[1-9])(?![\d%])")
BEFORE_AGE = (  # (what comes before the age, what must come after it)
    (re.compile(rf"\b{_NAMES}(?:\s*,\s*|\s*\(\s*|\s+)(?:(?:who\s+)?is\s+)?aged?\s+$"),
     re.compile(r"(?!\s*(?:-|–|to\b|\+|plus\b|&|/|\d"
                r"|(?:and|or)\s+(?:over|above|under|older|younger|\d)))")),
    (re.compile(rf"\b{_NAMES},?\s+(?:who\s+)?is\s+$"),
     re.compile(r"\s*(?:-|\s)?(?:years?[\s\-]+old|yrs?\b|y/?o\b)")),
    (re.compile(rf"\b{_NAMES},\s+$"), re.compile(r",")),
)
AFTER_AGE = re.compile(rf"[\s\-]+(?:years?|yrs?)[\s\-]+old\s+{_NAMES}")
# Capitalised words that come before "aged" without being anyone's name.
NOT_NAMES = frozenset("""
a all an and any anyone are as at boys care child children cohort cyp females for from girls
her his in is it its learners leavers males most of on or our peers people person population
pupils referrals sibling siblings some students teenagers the their them these they this those
under was were what when where which who with young youngsters youth youths yp
early help level stage mash team panel service services school schools year years report
referral police health front door strategy conference plan review january february march april
may june july august september october november december monday tuesday wednesday thursday
friday saturday sunday
""".split())


# --- Checks that regular expressions cannot do ---------------------------------------------------


def nhs_check_digit_ok(digits: str) -> bool:
    """Modulus 11: weights 10 down to 2 on the first nine digits; 11 minus the remainder is
    the check digit (11 counts as 0; 10 means the number cannot exist)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _month(word: str) -> int:
    return ("jan feb mar apr may jun jul aug sep oct nov dec".split()
            .index(word[:3].lower()) + 1)


def _parse_date(m: re.Match) -> date | None:
    try:
        if m.group("d"):
            day, month, year = int(m.group("d")), int(m.group("m")), m.group("y")
            year = int(year) + (2000 if len(year) == 2 and int(year) <= 40 else
                                1900 if len(year) == 2 else 0)
        else:
            day, month, year = int(m.group("wd")), _month(m.group("wm")), int(m.group("wy"))
        return date(year, month, day)
    except ValueError:  # 31/02/2011, 14/13/2011: not a date
        return None


def _dates_of_birth(text: str, today: date) -> list[Finding]:
    found = []
    for m in DATE.finditer(text):
        when = _parse_date(m)
        if when is None or when > today:
            continue
        if BIRTH_CUE.search(text, max(0, m.start() - 30), m.start()):
            found.append(_finding("date_of_birth", m))
        elif m.group("d") and today.year - 25 <= when.year <= today.year - 6:
            # No "DOB" or "born", but a date written as on a form ("Kai (12/03/2011)") in the
            # years when today's children and young people (to 25) were born. Recent meetings
            # and reviews are left alone, and so are worded dates ("1 September 2014"): prose
            # about when things happened.
            found.append(_finding("date_of_birth", m, reason=(
                "This could be a date of birth (a year when today's young people were born).")))
    return found


def _nhs_numbers(text: str) -> list[Finding]:
    return [_finding("nhs_number", m) for m in NHS.finditer(text)
            if nhs_check_digit_ok(m.group(1) + m.group(3) + m.group(4))]


def _postcodes(text: str) -> list[Finding]:
    found = {m.span(): m for m in POSTCODE.finditer(text)}
    for m in POSTCODE_ANY_CASE.finditer(text):
        found.setdefault(m.span(), m)
    return [_finding("postcode", m) for m in found.values()]


def _ni_numbers(text: str) -> list[Finding]:
    found = []
    for m in NI.finditer(text):
        if m.group(5) or NI_CUE.search(text, max(0, m.start() - 40), m.start()):
            found.append(_finding("ni_number", m))
    return found


def _is_name(words: list[str]) -> bool:
    """Not "Children" or "Young people" (a group), nor "Level" or "March"."""
    return not any(w.lower() in NOT_NAMES for w in words)


def _name_age(text: str, start: int, end: int) -> Finding:
    return Finding("name_age", start, end, text[start:end],
                   f"This looks like {KINDS['name_age'][1]}.")


def _names_with_ages(text: str) -> list[Finding]:
    found = []
    for age in AGE.finditer(text):
        start, end = age.span()
        for before, after in BEFORE_AGE:
            m = before.search(text, max(0, start - 40), start)
            tail = m and after.match(text, end)
            if tail:
                words = m.group("name").split()
                name_start = m.start("name")
                if len(words) == 2 and not _is_name(words[:1]):
                    words = words[1:]  # "Yesterday Jayden": a sentence's first word, a name
                    name_start = m.end("name") - len(words[0])
                if _is_name(words):
                    found.append(_name_age(text, name_start, tail.end()))
                break
        else:
            m = AFTER_AGE.match(text, end)
            if m and _is_name(m.group("name").split()):
                found.append(_name_age(text, start, m.end()))
    return found


# --- Looking at text -----------------------------------------------------------------------------


def find_personal_data(text: str, today: date | None = None) -> list[Finding]:
    """Everything in `text` that looks like personal data, in order, overlaps removed (an NHS
    number is not also reported as a phone number)."""
    if not text or len(text) < 5:
        return []
    # Cheap tests first: every kind but an email address has a digit.
    found = [_finding("email", m) for m in EMAIL.finditer(text)] if "@" in text else []
    if DIGIT.search(text):
        found[:0] = [*_nhs_numbers(text), *_ni_numbers(text), *_postcodes(text)]
        found += [*(_finding("phone", m) for m in PHONE.finditer(text)),
                  *_dates_of_birth(text, today or date.today()), *_names_with_ages(text)]
    kept: list[Finding] = []
    for f in found:  # earlier kinds in the list above win an overlap
        if not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def summary(findings: list[Finding]) -> str:
    """One sentence for a warning: 'This looks like an NHS number: “943 476 5919”.'"""
    if not findings:
        return ""
    first = findings[0]
    more = len(findings) - 1
    also = "" if not more else f" There {'is' if more == 1 else 'are'} {more} more."
    return f"{first.reason[:-1]}: “{first.text}”.{also}"
