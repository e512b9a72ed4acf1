"""The personal-data detector, measured on a labelled synthetic corpus: ordinary
system-mapping text (tests/data/system_mapping_text.txt) with planted personal data of every
kind, and planted near-misses (wrong NHS check digits, National Insurance prefixes never
issued, bare outward postcodes) that must not be found. No Qt."""

import random
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from csdesk.services.personal_data import KINDS, find_personal_data, nhs_check_digit_ok

TODAY = date(2026, 11, 23)  # fixed, so "the years when today's children were born" is too
ORDINARY = [line.strip() for line in
            (Path(__file__).parent / "data" / "system_mapping_text.txt").read_text(
                encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
FIRST = ("Jayden Olivia Amelia Muhammad Leo Isla Tyler Kai Chloe Demi Reece Aaliyah Callum Nia "
         "Priya Kacper Zainab Ellie-May Connor Shanice Oskar Ruby Mason Tia").split()
LAST = "Smith Khan O'Neill Kowalski Begum Walker Okafor Hughes Patel Brown Evans".split()
MONTHS = ("January February March April May June July August September October November "
          "December").split()
# Recall each kind must reach on this corpus. NHS numbers and postcodes are the issue's;
# the others are what the detector measures today, kept from slipping.
MIN_RECALL = {"nhs_number": 0.95, "postcode": 0.95, "phone": 0.95, "email": 0.95,
              "ni_number": 0.95, "date_of_birth": 0.9, "name_age": 0.9}
# Precision on this corpus, where a fifth of the passages carry a planted item. Dates of
# birth pay for catching "Kai (12/03/2011)": a document dated 01/04/2019 is flagged too.
MIN_PRECISION = {kind: 0.95 for kind in KINDS} | {"date_of_birth": 0.85}
MAX_ORDINARY_HIT_RATE = 0.03  # at most 3 passages in 100 of ordinary text flagged


# --- Planted values --------------------------------------------------------------------------


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = "".join(rng.choice("0123456789") for _ in range(9))
        total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1)))
        check = (11 - total % 11) % 11
        if check != 10:
            return digits + str(check)


def spaced(number: str, rng: random.Random) -> str:
    sep = rng.choice([" ", "", "-", " "])
    return f"{number[:3]}{sep}{number[3:6]}{sep}{number[6:]}"


OUTWARD = ("A9", "A99", "A9A", "AA9", "AA99", "AA9A")
FIRST_LETTERS = "ABCDEFGHIJKLMNOPRSTUWYZ"
SECOND_LETTERS = "ABCDEFGHKLMNOPQRSTUVWXY"
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def postcode(rng: random.Random) -> str:
    shape = rng.choice(OUTWARD)
    out = ""
    for i, ch in enumerate(shape):
        if ch == "9":
            out += rng.choice("0123456789" if i else "123456789")
        elif i == 0:
            out += rng.choice(FIRST_LETTERS)
        elif shape[i - 1] == "9":  # the letter after the district: A9A, AA9A
            out += rng.choice("ABEHMNPRVWXY" if len(shape) == 4 else "ABCDEFGHJKPSTUW")
        else:
            out += rng.choice(SECOND_LETTERS)
    inward = rng.choice("0123456789") + "".join(rng.choice(INWARD_LETTERS) for _ in range(2))
    style = rng.random()
    if style < 0.7:
        return f"{out} {inward}"
    if style < 0.85:
        return f"{out}{inward}"
    return f"{out} {inward}".lower()


def phone(rng: random.Random) -> str:
    n3, n4 = f"{rng.randrange(1000):03d}", f"{rng.randrange(10000):04d}"
    return rng.choice([f"07700 900{n3}", f"07700900{n3}", f"+44 7700 900{n3}",
                       f"0161 496 {n4}", f"020 7946 {n4}", f"(0113) 496 {n4}",
                       f"01632 960{n3}", f"07{rng.randrange(100, 1000)} {n3}{n3}"])


def email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST).lower(), rng.choice(LAST).lower().replace("'", "")
    return rng.choice([f"{first}.{last}{rng.randrange(100)}@example.com",
                       f"{first}{rng.randrange(2005, 2015)}@gmail.com",
                       f"{first}_{last}@hotmail.co.uk"])


NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NEVER_ISSUED = ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ")


def ni_number(rng: random.Random) -> str:
    while (prefix := rng.choice(NI_FIRST) + rng.choice(NI_SECOND)) in NEVER_ISSUED:
        pass
    d = [f"{rng.randrange(100):02d}" for _ in range(3)]
    suffix = rng.choice("ABCD")
    return rng.choice([f"{prefix} {d[0]} {d[1]} {d[2]} {suffix}", f"{prefix}{''.join(d)}{suffix}"])


def birth_date(rng: random.Random) -> str:
    day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(2004, 2020)
    return rng.choice([f"{day:02d}/{month:02d}/{year}", f"{day}.{month}.{year % 100:02d}",
                       f"{day} {MONTHS[month - 1]} {year}", f"{day}th {MONTHS[month - 1]} {year}"])


def name(rng: random.Random) -> str:
    return rng.choice([rng.choice(FIRST), f"{rng.choice(FIRST)} {rng.choice(LAST)}"])


# Each: kind, how to make the value, sentences to plant it in ({} is the value).
PLANTS = (
    ("nhs_number", lambda r: spaced(nhs_number(r), r),
     ("NHS number {} was on the referral.", "Health shared NHS no. {} with the MASH.",
      "The GP letter quoted {} at the top.", "{}")),
    ("postcode", postcode,
     ("She lives at 14 Acacia Avenue, Harrowmere {}.", "Seen near the shops, {}.",
      "Address: Flat 2, {}", "Family moved to {} last month.")),
    ("phone", phone,
     ("Mum's mobile is {}.", "Call the family on {} after 4pm.", "Contact: {}")),
    ("email", email,
     ("He emailed from {} about the incident.", "Young person's email: {}")),
    ("ni_number", ni_number,
     ("NI number {} on the housing form.", "Care leaver's National Insurance no {}.")),
    ("date_of_birth", birth_date,
     ("DOB {} referred by school.", "Date of birth: {}.", "Born on {} in Harrowmere.",
      "D.O.B. {}", "Kai ({}) was seen at the park.")),
    ("name_age", lambda r: r.choice([
        "{n}, aged {a}", "{n} (aged {a})", "{n} is {a} years old", "{a}-year-old {n}",
        "{n}, {a},"]).format(n=name(r), a=r.randrange(8, 19)),
     ("{} was seen at the park with older males.", "Referral for {} from the school.",
      "The panel discussed {} and two friends.")),
)


def corpus(seed: int = 9, per_kind: int = 120):
    """Passages of (text, [(kind, start, end)]): ordinary text with planted personal data."""
    rng = random.Random(seed)
    contexts = ORDINARY * (2 * per_kind * len(PLANTS) // len(ORDINARY) + 1)
    rng.shuffle(contexts)  # every ordinary passage used about as often as every other
    docs = []
    for kind, make, sentences in PLANTS:
        for _ in range(per_kind):
            value = make(rng)
            before, after = contexts.pop(), contexts.pop()
            sentence = rng.choice(sentences)
            text = f"{before} {sentence.replace('{}', value)} {after}"
            start = len(before) + 1 + sentence.index("{}")
            docs.append((text, [(kind, start, start + len(value))]))
    return docs


def measure(docs):
    """Per kind: planted, found (recall's numerator), hits, right hits (precision's)."""
    planted, found, hits, right = Counter(), Counter(), Counter(), Counter()
    for text, labels in docs:
        results = find_personal_data(text, TODAY)
        for kind, start, end in labels:
            planted[kind] += 1
            found[kind] += any(f.kind == kind and f.start < end and start < f.end
                               for f in results)
        for f in results:
            hits[f.kind] += 1
            right[f.kind] += any(kind == f.kind and f.start < end and start < f.end
                                 for kind, start, end in labels)
    return {kind: (found[kind] / planted[kind] if planted[kind] else 1.0,
                   right[kind] / hits[kind] if hits[kind] else 1.0,
                   planted[kind], hits[kind]) for kind in KINDS}


# --- The tests -------------------------------------------------------------------------------


def test_recall_and_precision_per_kind_on_the_corpus():
    docs = corpus() + [(line, []) for line in ORDINARY]
    scores = measure(docs)
    print("\nkind            recall  precision  planted  hits")
    for kind, (recall, precision, planted, hits) in scores.items():
        print(f"{kind:15} {recall:6.3f} {precision:9.3f} {planted:8} {hits:5}")
    for kind, (recall, precision, _, _) in scores.items():
        assert recall >= MIN_RECALL[kind], kind
        assert precision >= MIN_PRECISION[kind], kind


def test_ordinary_system_mapping_text_is_rarely_flagged():
    flagged = [(line, find_personal_data(line, TODAY)) for line in ORDINARY]
    flagged = [(line, [f.text for f in found]) for line, found in flagged if found]
    print(f"\n{len(flagged)} of {len(ORDINARY)} ordinary passages flagged:", flagged)
    assert len(ORDINARY) >= 100
    assert len(flagged) <= MAX_ORDINARY_HIT_RATE * len(ORDINARY), flagged


def test_a_wrong_nhs_check_digit_is_never_a_hit():
    rng = random.Random(11)
    tried = 0
    for _ in range(300):
        number = nhs_number(rng)
        for wrong in "0123456789":
            if wrong == number[-1]:
                continue
            bad = number[:-1] + wrong
            assert not nhs_check_digit_ok(bad)
            for text in (f"NHS number {spaced(bad, rng)}",
                         f"NHS no: {bad[:3]} {bad[3:6]} {bad[6:]}",
                         f"{bad[:3]}-{bad[3:6]}-{bad[6:]} and {bad}"):
                assert not [f for f in find_personal_data(text, TODAY)
                            if f.kind == "nhs_number"], text
                tried += 1
    assert tried >= 8000


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "943-476-5919",
                                    "401 023 2137", "450 557 7104"])
def test_nhs_numbers_with_a_valid_check_digit_are_found(number):
    found = find_personal_data(f"The referral gave {number} for her.", TODAY)
    assert [(f.kind, f.text) for f in found] == [("nhs_number", number)]
    assert found[0].reason == "This looks like an NHS number."


@pytest.mark.parametrize("text", [
    "The B23 area and NE1 beat", "Postcode district M1 only", "QQ 12 34 56 C on a form",
    "GB 12 34 56 A", "KS3 1st term", "Children aged 12 to 16", "Young people aged 15",
    "a 15-year-old girl", "Level 2 (14)", "Review held 14 March 2026",
    "Childline 0800 1111 and 0300 123 4567", "Ring 101 or 999", "0-25 service",
])
def test_near_misses_are_not_hits(text):
    assert find_personal_data(text, TODAY) == []


@pytest.mark.parametrize("text, kind, found", [
    ("Jayden, aged 14, was seen", "name_age", "Jayden, aged 14"),
    ("14-year-old Jayden Smith", "name_age", "14-year-old Jayden Smith"),
    ("Tom is 15 years old", "name_age", "Tom is 15 years old"),
    ("Mum on 07700 900123", "phone", "07700 900123"),
    ("ring +44 7700 900123 now", "phone", "+44 7700 900123"),
    ("lives in SW1A 1AA", "postcode", "SW1A 1AA"),
    ("lives in m1 1ae", "postcode", "m1 1ae"),
    ("NI AB 12 34 56 C", "ni_number", "AB 12 34 56 C"),
    ("NINO: AB123456", "ni_number", "AB123456"),  # no suffix: only after "NI" or "NINO"
    ("DOB: 12/03/2011", "date_of_birth", "12/03/2011"),
    ("born on 3rd May 2024", "date_of_birth", "3rd May 2024"),  # a baby: the cue says so
    ("Jayden (12/03/2011) was seen", "date_of_birth", "12/03/2011"),  # a child's birth year
    ("Jayden (12 March 2011) was seen", None, None),  # worded, no cue: prose, left alone
    ("write to kai.smith@example.com", "email", "kai.smith@example.com"),
])
def test_each_kind(text, kind, found):
    results = find_personal_data(text, TODAY)
    if kind is None:
        assert results == []
        return
    assert [(f.kind, f.text) for f in results] == [(kind, found)]
    assert results[0].reason.startswith("This ")
    assert text[results[0].start:results[0].end] == found
