"""How long the report takes: the demo, and a project ten times its size (ten copies of each
journey with their ratings and actions). Not a test: run it by hand on the machine to judge.

    .venv/bin/python benchmarks/bench_report.py

Prints the median of 5 runs of reading the project and writing the PDF (and the HTML), in
this process (imports excluded), wall time and CPU time."""

import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from csdesk.report import gather, write_report  # noqa: E402
from csdesk.services import demo  # noqa: E402
from csdesk.services.project import OpenProject  # noqa: E402


def scaled(data: dict, times: int) -> dict:
    """The demo with every journey (and what refers to its stages) copied `times` times."""
    out = copy.deepcopy(data)
    for n in range(2, times + 1):
        def key(k: str) -> str:
            return f"{k}~{n}"
        for j in data["journeys"]:
            j2 = copy.deepcopy(j)
            j2["key"], j2["title"] = key(j["key"]), f"{j['title']} ({n})"
            for st in j2["stages"]:
                st["key"] = key(st["key"])
            out["journeys"].append(j2)
        out["links"] += [dict(ln, **{"from": key(ln["from"]), "to": key(ln["to"])})
                         for ln in data["links"]]
        for rnd, rnd2 in zip(data["rounds"], out["rounds"]):
            rnd2["ratings"] += [dict(r, stage=key(r["stage"])) for r in rnd["ratings"]
                                if "stage" in r]
        for a in data["actions"]:
            a2 = copy.deepcopy(a)
            a2["title"] = f"{a['title']} ({n})"
            if a2.get("journey"):
                a2["journey"] = key(a2["journey"])
            a2["gaps"] = [dict(g, stage=key(g["stage"])) if "stage" in g else g
                          for g in a2.get("gaps", ())]
            out["actions"].append(a2)
    return out


def measure(path: Path, out: Path) -> tuple[float, float, int]:
    walls, cpus = [], []
    for _ in range(5):
        wall, cpu = time.perf_counter(), time.process_time()
        project = OpenProject.open(path, readonly=True)
        try:
            data = gather(project)
        finally:
            project.close()
        write_report(data, out)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), out.stat().st_size


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for times in (1, 10):
            path = demo._build(folder / f"demo{times}.csdesk", scaled(demo.demo_data(), times))
            for suffix in (".pdf", ".html"):
                wall, cpu, size = measure(path, folder / f"report{times}{suffix}")
                print(f"demo x{times:<2} {suffix[1:]:4}: median of 5: {wall:.2f} s wall, "
                      f"{cpu:.2f} s CPU, {size // 1024} KiB")


if __name__ == "__main__":
    main()
