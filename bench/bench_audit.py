"""Audit chain: cost of one audited save, and verifying the whole chain."""

import time

from bench.common import Row, median, percentile, timed


def run(size: float) -> list[Row]:
    from desaku.core.models import AuditEntry, Institution, InstitutionType
    from desaku.core.services import verify_chain

    n = max(50, int(500 * size))
    stamp = int(time.time())

    def save(i):
        Institution(name=f"Bench {stamp}-{i}", type=InstitutionType.OTHER).save()

    samples = timed(save, n)
    start = time.perf_counter()
    report = verify_chain(AuditEntry)
    verify_s = time.perf_counter() - start
    rate = report.checked / verify_s if verify_s else float("inf")
    return [
        Row(f"audited save (history + chained audit entry), n={n}",
            f"median {median(samples):.1f} ms, p95 {percentile(samples, 95):.1f} ms", "p95 ≤ 50 ms",
            percentile(samples, 95) <= 50),
        Row(f"verify_audit over {report.checked} entries", f"{rate:,.0f} entries/s", "≥ 5,000 entries/s",
            report.ok and rate >= 5000),
    ]
