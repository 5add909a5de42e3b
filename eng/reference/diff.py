#!/usr/bin/python3
"""Differential test: `cxmetrics report ... --format json` against the independent reference (cxref.py).

    /usr/bin/python3 eng/reference/diff.py [--quick] [--seed S] [--random N] [--jobs 2] [--keep DIR]
                                           [--cli "dotnet src/CxMetrics.Cli/bin/Release/net10.0/CxMetrics.Cli.dll"]

Generates the corpus (corpus.py) into a temporary folder, runs both sides on every (file, options) case and
compares:
* success vs error, and the exit code (1 data / 2 option);
* for data errors, the row number and the column named in "row R, column C: ..." (stderr);
* the JSON: every contract key present, in the contract's order (extra keys such as small_sample allowed),
  counts exactly (and written as integers), nulls exactly, numbers to 1e-9 relative, no NaN/Infinity/strings,
  group order and group keys exactly, "invalid" exactly (as a mapping).

The reference runs twice: exact decimals (what an outside implementation of the issue text computes) and
--ticks (durations and instants rounded to 100 ns, the representation docs/metrics.md chose). A case that
disagrees with the --ticks reference is a FAIL (CxMetrics or the reference is wrong); a case that agrees with
--ticks but not with the exact reference is a PRECISION note (the tick rounding is visible in the output).
The exit code is the number of FAIL cases (capped at 100); PRECISION notes do not fail the run unless
--strict-precision.
"""
import argparse
import concurrent.futures as cf
import contextlib
import io
import json
import math
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cxref  # noqa: E402
import corpus  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CLI = f"dotnet {REPO}/src/CxMetrics.Cli/bin/Release/net10.0/CxMetrics.Cli.dll"
REL = 1e-9

METRIC_KEYS = {
    "csat": ["responses", "pct", "mean", "ci95"],
    "nps": ["responses", "promoters", "passives", "detractors", "score", "ci95"],
    "ces": ["responses", "mean", "easy_pct"],
    "fcr": ["known", "pct", "ci95"],
    "aht": ["handled", "mean_seconds", "p50_seconds", "p90_seconds"],
    "sla": ["measured", "breached", "breach_pct", "ci95"],
    "first_response": ["measured", "mean_seconds", "p50_seconds", "p90_seconds"],
    "resolution": ["measured", "mean_seconds", "p50_seconds", "p90_seconds"],
}
COUNT_KEYS = {"contacts", "responses", "promoters", "passives", "detractors", "known", "censored", "handled",
              "measured", "breached", "rows"}
ROW_RE = re.compile(r"\brow (\d+)(?:, column ([^:]*?))?:")


def run_ref(path, args, ticks):
    argv = ["report", path] + list(args) + (["--ticks"] if ticks else [])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cxref.main(argv)
        except SystemExit as e:  # argparse
            code = e.code if isinstance(e.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def run_cli(cli, path, args):
    cmd = shlex.split(cli) + ["report", path] + list(args)
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return 124, "", "TIMEOUT"
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def _bad_constant(c):
    raise ValueError(f"JSON holds {c}")


def loads(text):
    return json.loads(text, parse_constant=_bad_constant)


REL_PCT = None  # tolerance of p50/p90 for --approx-percentiles cases


def num_eq(a, b, rel=REL):
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= rel * max(abs(a), abs(b))


def cmp_metric_block(path, ref, got, diffs):
    for k in ref:
        if k not in got:
            diffs.append(f"{path}: key '{k}' missing")
    order = [k for k in got if k in ref]
    if order != [k for k in ref if k in got]:
        diffs.append(f"{path}: key order {order} != {list(ref)}")
    for k, rv in ref.items():
        if k not in got:
            continue
        gv = got[k]
        p = f"{path}.{k}"
        if isinstance(rv, dict):
            if not isinstance(gv, dict):
                diffs.append(f"{p}: {gv!r} is not an object")
                continue
            cmp_metric_block(p, rv, gv, diffs)
        elif k in COUNT_KEYS:
            if type(gv) is not int or gv != rv:
                diffs.append(f"{p}: count {gv!r} != {rv!r}")
        elif k == "ci95":
            if rv is None or gv is None:
                if not (rv is None and gv is None):
                    diffs.append(f"{p}: {gv!r} != {rv!r}")
            elif not (isinstance(gv, list) and len(gv) == 2 and all(isinstance(x, (int, float)) for x in gv)):
                diffs.append(f"{p}: {gv!r} is not [lo, hi]")
            elif not (num_eq(rv[0], gv[0]) and num_eq(rv[1], gv[1])):
                diffs.append(f"{p}: {gv!r} != {rv!r}")
        else:
            tol = REL_PCT if (REL_PCT is not None and k in ("p50_seconds", "p90_seconds")) else REL
            if gv is not None and (isinstance(gv, bool) or not isinstance(gv, (int, float))):
                diffs.append(f"{p}: {gv!r} is not a number")
            elif not num_eq(rv, gv, tol):
                diffs.append(f"{p}: {gv!r} != {rv!r}")


def compare_json(ref, got):
    diffs = []
    top = ["rows", "invalid", "overall", "groups"]
    if [k for k in got if k in top] != top:
        diffs.append(f"top-level keys {list(got)} != {top}")
    if got.get("rows") != ref["rows"] or type(got.get("rows")) is not int:
        diffs.append(f"rows {got.get('rows')!r} != {ref['rows']!r}")
    if got.get("invalid") != ref["invalid"]:
        diffs.append(f"invalid {got.get('invalid')!r} != {ref['invalid']!r}")
    if "overall" in got:
        cmp_metric_block("overall", ref["overall"], got["overall"], diffs)
    rg, gg = ref["groups"], got.get("groups")
    if not isinstance(gg, list):
        diffs.append("groups missing")
        return diffs
    rkeys = [g["key"] for g in rg]
    gkeys = [g.get("key") for g in gg]
    if [list(k.items()) for k in rkeys] != [list(k.items()) if isinstance(k, dict) else k for k in gkeys]:
        # report the first difference and the sets
        for i, (a, b) in enumerate(zip(rkeys, gkeys)):
            if a != b or list(a) != list(b or {}):
                diffs.append(f"groups[{i}].key {b!r} != {a!r}")
                break
        if len(rkeys) != len(gkeys):
            diffs.append(f"{len(gkeys)} groups != {len(rkeys)}")
        missing = [k for k in rkeys if k not in gkeys]
        extra = [k for k in gkeys if k not in rkeys]
        if missing:
            diffs.append(f"groups missing: {missing[:5]}")
        if extra:
            diffs.append(f"groups extra: {extra[:5]}")
        if not missing and not extra:
            diffs.append("groups in another order")
        return diffs
    for i, (r, g) in enumerate(zip(rg, gg)):
        if list(g)[:1] != ["key"]:
            diffs.append(f"groups[{i}]: 'key' is not the first key")
        r2 = {k: v for k, v in r.items() if k != "key"}
        cmp_metric_block(f"groups[{i}]{json.dumps(r['key'], ensure_ascii=False)}", r2, g, diffs)
    return diffs


def error_site(stderr):
    m = ROW_RE.search(stderr)
    if not m:
        return None
    return int(m.group(1)), (m.group(2).strip() if m.group(2) is not None else None)


def compare_run(ref, got):
    """ref, got = (code, stdout, stderr). Returns a list of differences."""
    rc, ro, re_ = ref
    gc, go, ge = got
    if (rc == 0) != (gc == 0):
        if rc == 0:
            return [f"CxMetrics failed (exit {gc}): {ge.strip()[:300]}; reference succeeded"]
        return [f"CxMetrics succeeded; reference failed (exit {rc}): {re_.strip()[:300]}"]
    if rc != 0:
        d = []
        if rc != gc:
            d.append(f"exit code {gc} != {rc} (CxMetrics: {ge.strip()[:200]}; reference: {re_.strip()[:200]})")
        if go.strip():
            d.append("CxMetrics wrote to stdout although it failed")
        if rc == 1:
            rs, gs = error_site(re_), error_site(ge)
            if gs is None:
                d.append(f"CxMetrics error names no row: {ge.strip()[:300]}")
            elif rs != gs:
                d.append(f"error site {gs} != {rs} (CxMetrics: {ge.strip()[:200]} | reference: {re_.strip()[:200]})")
        return d
    try:
        gj = loads(go)
    except ValueError as e:
        return [f"CxMetrics JSON unreadable: {e}"]
    return compare_json(loads(ro), gj)


# Divergences that FINDINGS.md records as spec ambiguities (CxMetrics made a defensible choice the issue leaves
# open). They are printed as KNOWN and do not fail the run; each names its finding.
KNOWN_CASES = {
    "unterminated_header#": "F8: an unterminated quote in the header names 'field 1 of the header' as its column",
    "sla_policy_form_10#": "F6: spaces around names and values in --sla-policy are trimmed",
    "inst_ok#4": "F5: a local date after 9999-12-31 (UTC 9999-12-31 in Asia/Tokyo) is clamped to 9999-12-31",
    "year_edges_tz#": "F5: a local date outside 0001..9999 is clamped",
}


def known_reason(case, ref, got):
    for prefix, reason in KNOWN_CASES.items():
        if case["name"].startswith(prefix):
            return reason
    # F10 (fixed: the double nearest to the maximum now reads as the maximum): the largest duration (2^53-1 ticks)
    # did not survive the float64 seconds of CxMetrics' Arrow/Parquet writer. Kept so an old build is still classified.
    if case["name"].endswith(("+arrow", "+parquet")) and got[0] == 1 and "is above the largest duration" in got[2]:
        return "F10: the maximum duration comes back from Arrow/Parquet float64 seconds as 2^53 ticks"
    # F3 (a bad cell reported before a too-many-fields error) was fixed: the field count now comes first.
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.environ.get("CXMETRICS_CLI", DEFAULT_CLI))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--random", type=int, default=None, help="random files (default 40, quick 10)")
    ap.add_argument("--quick", action="store_true", help="CI size: fewer random files and option sets")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="write the corpus here and keep it")
    ap.add_argument("--only", help="run only cases whose name contains this")
    ap.add_argument("--formats", action="store_true",
                    help="also run valid files as Arrow and Parquet (needs: dotnet build -c Release eng/reference/convert)")
    ap.add_argument("--corpus", help="reuse a kept corpus folder (its cases.json) instead of generating one")
    ap.add_argument("--strict-precision", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    t0 = time.time()
    nrand = a.random if a.random is not None else (10 if a.quick else 40)
    if a.corpus:
        tmp = a.corpus
        with open(os.path.join(tmp, "cases.json")) as f:
            cases = json.load(f)
        a.keep = tmp
    else:
        tmp = a.keep or tempfile.mkdtemp(prefix="cxdiff-")
        cases = corpus.generate(tmp, seed=a.seed, nrandom=nrand, quick=a.quick)
    # The same synthetic data as CSV, Arrow and Parquet (written by `cxmetrics generate`): the reference reads the
    # CSV, CxMetrics each of the three files.
    gen_args = [[], ["--by", "channel", "--period", "month"], ["--by", "priority,team", "--period", "week", "--tz", "Europe/Berlin",
                                                              "--sla-policy", "P1=60,P2=300,P3=3600"],
                ["--fcr-window", "604800", "--by", "agent_id", "--period", "day"]]
    for ext in (("csv", "arrow", "parquet") if not a.corpus else ()):
        out = os.path.join(tmp, f"generated.{ext}")
        p = subprocess.run(shlex.split(a.cli) + ["generate", "--rows", "1500" if a.quick else "6000", "--seed", str(a.seed),
                                                 "--out", out], capture_output=True)
        if p.returncode != 0:
            print(f"FAIL generate {ext}: {p.stderr.decode()[:300]}")
            return 1
        for i, args in enumerate(gen_args[: (2 if a.quick and ext != "csv" else 4)]):
            cases.append({"name": f"generated_{ext}#{i}", "file": f"generated.{ext}", "ref_file": "generated.csv", "args": args})
    # --formats: the corpus's valid files rewritten as Arrow and Parquet by CxMetrics.IO (convert/), the reference
    # still reading the CSV: catches Arrow/Parquet reader differences on edge data
    if a.formats:
        conv = os.path.join(HERE, "convert", "bin", "Release", "net10.0", "Convert.dll")
        picks = ("random_", "dur_ok_", "dur_huge#", "dur_tiny", "dur_precision", "periods", "keys_order", "sla#", "fcr_repeat",
                 "one_row_groups", "all_missing_metrics", "null_keys_only", "invalid_utf8_key", "dst", "iso_weeks",
                 "reordered", "hold_without_talk", "score_ok_", "bool_ok", "alias_fcr", "rfc_quotes")
        extra, done = [], {}
        for c in cases:
            if not c["name"].startswith(picks) or "--lenient" in c["args"] or "dirty" in c["name"]:
                continue
            if c["file"] not in done:
                src = os.path.join(tmp, c["file"])
                outs = [src[:-4] + ".arrow", src[:-4] + ".parquet"]
                p = subprocess.run(["dotnet", conv, src] + outs, capture_output=True)
                done[c["file"]] = p.returncode == 0
            if done[c["file"]]:
                for ext in ("arrow", "parquet"):
                    extra.append(dict(c, name=c["name"] + "+" + ext, file=c["file"][:-4] + "." + ext, ref_file=c["file"]))
        cases = cases + extra
    # --approx-percentiles: counts and means exact, p50/p90 within the documented 1/256 of the exact value
    for c in [c for c in cases if c["name"].startswith("random_")][: (4 if a.quick else 20)]:
        cases.append(dict(c, name=c["name"] + "+approx", args=c["args"] + ["--approx-percentiles"], approx=True))
    if a.only:
        cases = [c for c in cases if a.only in c["name"]]
    fails, precision = [], []

    def one(c):
        path = os.path.join(tmp, c["file"])
        got = run_cli(a.cli, path, c["args"] + ["--format", "json"])
        return c, got

    known = []
    with cf.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        futures = [ex.submit(one, c) for c in cases]  # the CLI runs in subprocesses while the reference runs here
        for c, fut in zip(cases, futures):
            path = os.path.join(tmp, c.get("ref_file", c["file"]))
            rargs = [x for x in c["args"] if x != "--approx-percentiles"]
            refT = run_ref(path, rargs, ticks=True)
            _, got = fut.result()
            global REL_PCT
            REL_PCT = 1 / 256 + 1e-9 if "--approx-percentiles" in c["args"] else None
            dT = compare_run(refT, got)
            label = f"{c['name']}: {c['file']} {' '.join(shlex.quote(x) for x in c['args'])}"
            if dT:
                k = known_reason(c, refT, got)
                (known if k else fails).append((label, dT + ([f"KNOWN: {k}"] if k else [])))
                continue
            dE = compare_run(run_ref(path, rargs, ticks=False), got)
            if dE:
                precision.append((label, dE))
    for label, d in known:
        print(f"KNOWN {label}")
        for x in d[: (50 if a.verbose else 3)]:
            print(f"     {x}")
    for label, d in fails:
        print(f"FAIL {label}")
        for x in d[: (50 if a.verbose else 6)]:
            print(f"     {x}")
    for label, d in precision:
        print(f"PRECISION {label}")
        for x in d[: (50 if a.verbose else 3)]:
            print(f"     {x}")
    print(f"{len(cases)} cases, {len(fails)} FAIL, {len(known)} KNOWN, {len(precision)} PRECISION (tick rounding visible), "
          f"{time.time() - t0:.1f} s; corpus in {tmp}{'' if (a.keep or fails) else ' (removed)'}")
    if not a.keep and not fails:
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    n = len(fails) + (len(precision) if a.strict_precision else 0)
    return min(n, 100)


if __name__ == "__main__":
    sys.exit(main())
