"""Duplicate detection: quality on the labelled name set, blocking recall, and scoring speed.

Pure Python (no database). Quality is measured on the fixed labelled set the thresholds were chosen
on, so ``size`` only scales the number of timing repetitions. Times are CPU time of this process,
so other load on the machine inflates them less than wall time would.
"""

import random
import time

from bench.common import Row, median, percentile


def _fresh(c):
    """A new Candidate with the same data, as the registry would build one per request."""
    from desaku.people.matching import Candidate

    return Candidate(id=c.id, full_name=c.full_name, aliases=c.aliases, sex=c.sex, birth_date=c.birth_date,
                     birth_date_quality=c.birth_date_quality, birth_year=c.birth_year,
                     mother_name=c.mother_name, origin_code=c.origin_code, nik_hash=c.nik_hash)


def _clear_caches():
    from desaku.people import matching, names

    matching._SIM_CACHE.clear()
    matching._NAME_CACHE.clear()
    matching._prepare_name.cache_clear()
    matching._father_name.cache_clear()
    names.normalise_name.cache_clear()
    names.fold_token.cache_clear()
    names.consonant_skeleton.cache_clear()


def run(size: float) -> list[Row]:
    from desaku.people import labelled_names
    from desaku.people.matching import DEFAULT_THRESHOLD, HIGH_CONFIDENCE, rank, score

    quality = labelled_names.evaluate(DEFAULT_THRESHOLD)
    high = labelled_names.evaluate(HIGH_CONFIDENCE)
    blocking = labelled_names.evaluate_blocking()
    nick = [s >= DEFAULT_THRESHOLD for s, same, kind in labelled_names.scored_pairs()
            if same and "table_nickname" in kind]
    data = labelled_names.build()
    records = [r for ident in data.identities for r in ident.records]
    pairs = [(a, b) for a, b, _ in data.positives + data.negatives]

    # Pair scoring, cold: fresh Candidates and empty caches (first sight of every name).
    _clear_caches()
    fresh_pairs = [(_fresh(a), _fresh(b)) for a, b in pairs]
    start = time.process_time()
    for a, b in fresh_pairs:
        score(a, b)
    cold_us = (time.process_time() - start) / len(pairs) * 1e6
    # Warm: the same pairs again (normalisation and token similarities cached).
    repeat = max(1, int(3 * size))
    start = time.process_time()
    for _ in range(repeat):
        for a, b in fresh_pairs:
            score(a, b)
    warm_us = (time.process_time() - start) / (repeat * len(pairs)) * 1e6

    # rank(new, 500 fresh candidates), the shape of one duplicate check in the registry.
    rng = random.Random(500)
    samples = []
    for _ in range(max(10, int(40 * size))):
        new, pool = _fresh(rng.choice(records)), [_fresh(r) for r in rng.sample(records, 500)]
        start = time.process_time()
        rank(new, pool)
        samples.append((time.process_time() - start) * 1000)

    at = f"at DEFAULT_THRESHOLD {DEFAULT_THRESHOLD}"
    return [
        Row(f"duplicate precision {at} ({quality['pairs']} labelled pairs)",
            f"{quality['precision']:.3f} (without namesakes {quality['precision_without_namesakes']:.3f})",
            "≥ 0.78 (aim 0.90; capped by namesakes)", quality["precision"] >= 0.78),
        Row(f"duplicate recall {at} ({quality['positives']} true pairs)",
            f"{quality['recall']:.3f}", "≥ 0.95", quality["recall"] >= 0.95),
        Row(f"duplicate precision at HIGH_CONFIDENCE {HIGH_CONFIDENCE}",
            f"{high['precision']:.3f} (recall {high['recall']:.3f})", "≥ 0.98", high["precision"] >= 0.98),
        Row(f"duplicate recall on table-nickname pairs ({len(nick)} true pairs, Ucup/Yusuf …)",
            f"{sum(nick) / len(nick):.3f}" if nick else "-", "≥ 0.90", not nick or sum(nick) / len(nick) >= 0.90),
        Row(f"blocking-key recall ({blocking['records']} records)",
            f"{blocking['recall']:.3f} (table nicknames {blocking['recall_table_nicknames']:.3f}), "
            f"{blocking['avg_keys']:.1f} keys/person stored, {blocking['avg_lookup_keys']:.1f} looked up, "
            f"{blocking['avg_candidates_fetched']:.1f} candidates/lookup", "≥ 0.92",
            blocking["recall"] >= 0.92),
        Row("score one pair (fresh Candidates, cold caches / warm)", f"{cold_us:.0f} µs / {warm_us:.0f} µs",
            "cold ≤ 100 µs", cold_us <= 100),
        Row("rank one person against 500 fresh candidates",
            f"median {median(samples):.1f} ms, p95 {percentile(samples, 95):.1f} ms", "median ≤ 15 ms",
            median(samples) <= 15),
    ]
