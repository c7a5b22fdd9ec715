import statistics
import time
from dataclasses import dataclass


@dataclass
class Row:
    name: str
    measured: str
    target: str
    ok: bool


def timed(func, repeat: int) -> list[float]:
    """Run ``func`` ``repeat`` times; return the durations in milliseconds."""
    samples = []
    for i in range(repeat):
        start = time.perf_counter()
        func(i)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def format_table(rows: list[Row]) -> str:
    lines = ["| benchmark | measured | target | ok |", "|---|---|---|---|"]
    lines += [f"| {r.name} | {r.measured} | {r.target} | {'yes' if r.ok else 'NO'} |" for r in rows]
    return "\n".join(lines)
