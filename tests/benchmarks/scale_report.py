"""The scale benchmark's table, printed from its JSON report."""


def _row(cells, widths):
    return "  ".join(
        str(c).ljust(w) if i == 0 else str(c).rjust(w)
        for i, (c, w) in enumerate(zip(cells, widths, strict=False))
    )


def print_table(report):
    print(
        f"\n{report['registrants']:,} registrants in {report['db']}, {report['sample']} signed-in registrants"
    )
    widths = (36, 8, 8, 8, 8, 9, 6)
    for workers, run in report["runs"].items():
        print(f"\n== {workers} worker(s) ==")
        print(_row(("page", "p50 ms", "p95 ms", "p99 ms", "queries", "p95/floor", "errors"), widths))
        floor = run["floor /my"]
        print(_row(("Odoo's own /my (floor)", floor.get("p50"), floor.get("p95"), floor.get("p99"),
                    ",".join(map(str, floor.get("queries", []))), "1.00", 0), widths))  # fmt: skip
        for page, stats in run["pages"].items():
            if stats.get("timeouts") and not stats.get("p50"):
                print(
                    _row(
                        (page, f"> {report.get('timeout', 120):.0f} s (timed out)", "", "", "", "", ""),
                        widths,
                    )
                )
                continue
            print(_row((page, stats.get("p50"), stats.get("p95"), stats.get("p99"), ",".join(map(str, stats["queries"])),
                        stats.get("ratio_p95"), stats["errors"] + stats.get("timeouts", 0)), widths))  # fmt: skip
        submit = run["submit"]
        ratio = round((submit.get("p95") or 0) / (floor.get("p95") or 1), 2)
        print(_row(("submit an application (POST)", submit.get("p50"), submit.get("p95"), submit.get("p99"),
                    ",".join(map(str, submit["queries"])), ratio, submit["errors"]), widths))  # fmt: skip
        for concurrency, loads in run["load"].items():
            mix, own = loads["registrant mix"], loads["floor /my"]
            print(
                f"{concurrency:>4} concurrent: registrant mix {mix['rps']} req/s (p95 {mix.get('p95')} ms, "
                f"{mix['errors']} errors); Odoo's /my {own['rps']} req/s (p95 {own.get('p95')} ms)"
            )
        print(f"memory (MB, master and workers): {run['rss_mb']}")
    if report.get("admin"):
        print("\n== administrators (JSON-RPC, 1 worker) ==")
        print(_row(("call", "p50 ms", "p95 ms", "p99 ms"), widths[:4]))
        for label, stats in report["admin"].items():
            print(_row((label, stats.get("p50"), stats.get("p95"), stats.get("p99")), widths[:4]))
    if report.get("explain"):
        print("\n== EXPLAIN (one request each, in-process) ==")
        print(
            _row(
                ("request", "queries", "max rows", "JIT", "slowest ms", "seq scans on big tables"),
                (36, 8, 9, 4, 10, 30),
            )
        )
        for label, ex in report["explain"].items():
            scans = sorted({t for s in ex["seq_scans"] for t in s["tables"]}) or ["none"]
            print(
                _row(
                    (label, ex["queries"], ex["max_rows"], ex["jit"], ex["slowest_ms"], ", ".join(scans)),
                    (36, 8, 9, 4, 10, 30),
                )
            )
