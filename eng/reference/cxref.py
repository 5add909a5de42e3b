#!/usr/bin/python3
"""Independent reference implementation of `cxmetrics report ... --format json`.

Written from the issue text (issues 3, 4, 5) and, where those leave a choice open, from docs/*.md -- never
from the C# sources. Plain standard library, exact arithmetic:

* durations are parsed as exact decimals (fractions.Fraction); sums and means are exact and rounded once
  to the nearest double; every percent, mean, score, SE and interval is computed in exact rational / 60-digit
  decimal arithmetic and rounded once, so the reference answer is the correctly rounded value of the formula;
* p50/p90 follow numpy.percentile(method="linear") on the exact values (h = (n-1)q with q = 1/2, 9/10 exact);
* instants are exact rationals of seconds; periods via datetime + zoneinfo (IANA, DST respected);
* repeat-contact FCR by the naive O(n^2)-free but literal definition: resolved iff the same customer opens no
  other contact in (t, t + window]; censored iff t + window > latest opened_at of the whole file.

Option --ticks makes the reference follow docs/metrics.md's representation choice instead of exact decimals:
durations, instants and the FCR window rounded half up to 100 ns ticks, and durations above 2^53-1 ticks invalid.
The issue allows ticks ("Integer ticks (100 ns, as TimeSpan) make sums exact"), so a difference that vanishes
with --ticks is a representation choice, not a bug.

Exit codes: 0 report on stdout; 1 data error (stderr "row R, column C: ..."); 2 bad option.
"""
import argparse
import datetime as dt
import json
import math
import re
import sys
from decimal import Decimal, getcontext, ROUND_HALF_EVEN
from fractions import Fraction

getcontext().prec = 60

Z = Decimal("1.959964")
TICKS_PER_S = 10_000_000
MAX_TICKS = 2**53 - 1

KEY_COLUMNS = ["channel", "agent_id", "team", "priority"]
SCORE_COLUMNS = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}
DURATION_COLUMNS = ["talk_seconds", "hold_seconds", "wrap_seconds", "first_response_seconds",
                    "resolution_seconds", "sla_target_seconds"]
RECOGNISED = ["contact_id", "opened_at", "channel", "agent_id", "team", "priority", "customer_id",
              "csat", "nps", "ces", "fcr", "talk_seconds", "hold_seconds", "wrap_seconds",
              "first_response_seconds", "resolution_seconds", "sla_target_seconds"]
ALIASES = {"first_contact_resolved": "fcr"}


class DataError(Exception):
    def __init__(self, row, column, msg):
        self.row, self.column, self.msg = row, column, msg
        super().__init__(f"row {row}, column {column}: {msg}" if column is not None else f"row {row}: {msg}")


class OptionError(Exception):
    pass


class BadCell(Exception):
    pass


# ---------------------------------------------------------------------------------------------- CSV (RFC 4180)
def parse_csv(text):
    """Yields (row_number, fields, field_flags, quote_starts) per record. field_flags[i] is True when the field had
    text after its closing quote (a bad cell). Raises DataError-like tuple for an unterminated quote:
    ('unterminated', row, field_index). Blank lines are yielded as records with zero fields (fields == [])."""
    i, n = 0, len(text)
    row = 0
    while i < n:
        row += 1
        start_row = row
        fields, flags = [], []
        # a blank line (record with nothing in it)
        if text[i] == "\n" or text[i] == "\r":
            if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 2
            else:
                i += 1
            yield start_row, [], [], True
            continue
        while True:
            bad = False
            if i < n and text[i] == '"':
                j = i + 1
                buf = []
                while True:
                    k = text.find('"', j)
                    if k < 0:
                        raise _Unterminated(start_row, len(fields))
                    buf.append(text[j:k])
                    if k + 1 < n and text[k + 1] == '"':
                        buf.append('"')
                        j = k + 2
                        continue
                    i = k + 1
                    break
                val = "".join(buf)
                # count line breaks inside the quoted field (they do not start rows); nothing to do for numbering
                if i < n and text[i] not in ",\r\n":
                    bad = True
                    while i < n and text[i] not in ",\r\n":
                        i += 1
            else:
                j = i
                while i < n and text[i] not in ",\r\n":
                    i += 1
                val = text[j:i]
            fields.append(val)
            flags.append(bad)
            if i >= n:
                break
            c = text[i]
            if c == ",":
                i += 1
                if i >= n:
                    fields.append("")
                    flags.append(False)
                    break
                continue
            # line end
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 2
            else:
                i += 1
            break
        yield start_row, fields, flags, False


class _Unterminated(Exception):
    def __init__(self, row, field):
        self.row, self.field = row, field


# ---------------------------------------------------------------------------------------------- value forms
SCORE_RE = re.compile(r"[0-9]+\Z")
DUR_RE = re.compile(r"([0-9]+)(?:\.([0-9]*))?\Z|\.([0-9]+)\Z")
INSTANT_RE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?([Zz]|[+-][0-9]{2}:[0-9]{2})\Z")
EPOCH = dt.datetime(1, 1, 1)
MAX_INSTANT = Fraction((dt.datetime(9999, 12, 31, 23, 59, 59) - EPOCH) // dt.timedelta(seconds=1)) + Fraction(9999999, TICKS_PER_S)


def round_half_up_ticks(fr):
    """Fraction of seconds (>= 0) -> integer ticks, half up."""
    t = fr * TICKS_PER_S
    return math.floor(t + Fraction(1, 2))


def parse_score(s, lo, hi):
    if not SCORE_RE.match(s):
        raise BadCell(f"'{s}' is not a whole number")
    v = int(s)
    if v < lo or v > hi:
        raise BadCell(f"'{s}' is outside {lo}..{hi}")
    return v


def parse_duration(s, ticks):
    m = DUR_RE.match(s)
    if not m:
        if s.startswith("-") and DUR_RE.match(s[1:]):
            raise BadCell(f"'{s}' is negative")
        raise BadCell(f"'{s}' is not a number of seconds")
    if m.group(3) is not None:
        ip, fp = "0", m.group(3)
    else:
        ip, fp = m.group(1), m.group(2) or ""
    v = Fraction(int(ip)) + (Fraction(int(fp), 10 ** len(fp)) if fp else 0)
    if ticks:
        t = round_half_up_ticks(v)
        if t > MAX_TICKS:
            raise BadCell(f"'{s}' is above the largest duration")
        return Fraction(t, TICKS_PER_S)
    return v


def parse_bool(s):
    if s.isascii():
        l = s.lower()
        if l in ("true", "1", "yes"):
            return 1
        if l in ("false", "0", "no"):
            return 0
    raise BadCell(f"'{s}' is not a boolean")


def parse_instant(s, ticks):
    """-> exact seconds since 0001-01-01T00:00:00Z as a Fraction."""
    m = INSTANT_RE.match(s)
    if not m:
        raise BadCell(f"'{s}' is not an instant")
    y, mo, d, h, mi, se = (int(m.group(k)) for k in range(1, 7))
    frac, off = m.group(7), m.group(8)
    if y < 1 or h > 23 or mi > 59 or se > 59:
        raise BadCell(f"'{s}' is not a valid instant")
    try:
        base = dt.datetime(y, mo, d, h, mi, se)
    except ValueError:
        raise BadCell(f"'{s}' is not a valid date")
    sec = Fraction((base - EPOCH) // dt.timedelta(seconds=1))
    if frac:
        f = Fraction(int(frac), 10 ** len(frac))
        if ticks:
            f = Fraction(round_half_up_ticks(f), TICKS_PER_S)
        sec += f
    if off not in ("Z", "z"):
        oh, om = int(off[1:3]), int(off[4:6])
        if om > 59 or oh > 14 or (oh == 14 and om > 0):
            raise BadCell(f"'{s}' has an offset beyond 14:00")
        o = oh * 3600 + om * 60
        sec = sec - o if off[0] == "+" else sec + o
    if sec < 0 or sec > MAX_INSTANT:
        raise BadCell(f"'{s}' is outside 0001..9999 in UTC")
    return sec


def period_label(sec, unit, zone):
    whole = math.floor(sec)
    utc = EPOCH + dt.timedelta(seconds=whole)
    if zone is None:
        local = utc
    else:
        try:
            local = utc.replace(tzinfo=dt.timezone.utc).astimezone(zone)
        except (OverflowError, ValueError):
            return "__overflow__"
    if unit == "day":
        return f"{local.year:04d}-{local.month:02d}-{local.day:02d}"
    if unit == "month":
        return f"{local.year:04d}-{local.month:02d}"
    iy, iw, _ = local.date().isocalendar()
    return f"{iy:04d}-W{iw:02d}"


# ---------------------------------------------------------------------------------------------- options
def parse_positive_seconds(s, what, ticks):
    try:
        v = parse_duration(s, ticks)
    except BadCell:
        raise OptionError(f"{what}: '{s}' is not a positive number of seconds")
    return v


def parse_policy(s, ticks):
    pol = {}
    if s is None:
        return None
    for part in s.split(","):
        if "=" not in part:
            raise OptionError(f"--sla-policy: '{part}' is not PRIORITY=SECONDS")
        k, v = part.rsplit("=", 1)
        if k == "" or k in pol:
            raise OptionError(f"--sla-policy: bad or repeated priority '{k}'")
        try:
            pol[k] = parse_duration(v, ticks)
        except BadCell:
            raise OptionError(f"--sla-policy: '{v}' is not a number of seconds")
    return pol


# ---------------------------------------------------------------------------------------------- exact numbers
def fdouble(fr):
    """Exact rational -> nearest double (Python's Fraction.__float__ rounds correctly)."""
    return float(Fraction(fr))


def dsqrt(fr):
    fr = Fraction(fr)
    return (Decimal(fr.numerator) / Decimal(fr.denominator)).sqrt()


def dec(fr):
    fr = Fraction(fr)
    return Decimal(fr.numerator) / Decimal(fr.denominator)


def dfloat(d):
    return float(d)  # Decimal -> nearest double


def wilson(x, n):
    p = Fraction(x, n)
    z2 = Fraction(Z) ** 2
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    hw = Z * dsqrt(p * (1 - p) / n + z2 / (4 * n * n)) / dec(denom)
    lo = 100 * (dec(centre) - hw)
    hi = 100 * (dec(centre) + hw)
    lo = max(Decimal(0), lo)
    hi = min(Decimal(100), hi)
    # exact endpoints when x = 0 or x = n (the interval then touches 0 resp. 100 exactly)
    if x == 0:
        lo = Decimal(0)
    if x == n:
        hi = Decimal(100)
    return [dfloat(lo), dfloat(hi)]


def percentile(sorted_vals, q):
    n = len(sorted_vals)
    h = (n - 1) * q
    lo = math.floor(h)
    t = h - lo
    a = sorted_vals[lo]
    b = sorted_vals[lo + 1] if lo + 1 < n else a
    return fdouble(a + (b - a) * t)


def dist(vals):
    n = len(vals)
    if n == 0:
        return None, None, None
    s = sorted(vals)
    return fdouble(sum(vals, Fraction(0)) / n), percentile(s, Fraction(1, 2)), percentile(s, Fraction(9, 10))


# ---------------------------------------------------------------------------------------------- metrics of a group
def metrics(rows, repeat_mode):
    n = len(rows)
    out = {"contacts": n}
    # CSAT
    cs = [r["csat"] for r in rows if r["csat"] is not None]
    if cs:
        sat = sum(1 for v in cs if v >= 4)
        out["csat"] = {"responses": len(cs), "pct": fdouble(Fraction(100 * sat, len(cs))),
                       "mean": fdouble(Fraction(sum(cs), len(cs))), "ci95": wilson(sat, len(cs))}
    else:
        out["csat"] = {"responses": 0, "pct": None, "mean": None, "ci95": None}
    # NPS
    ns = [r["nps"] for r in rows if r["nps"] is not None]
    P = sum(1 for v in ns if v >= 9)
    D = sum(1 for v in ns if v <= 6)
    if ns:
        m = len(ns)
        score = Fraction(100 * (P - D), m)
        p, d = Fraction(P, m), Fraction(D, m)
        var = p + d - (p - d) ** 2
        if var == 0:
            ci = [fdouble(score), fdouble(score)]
        else:
            se = 100 * dsqrt(var / m)
            lo = max(Decimal(-100), dec(score) - Z * se)
            hi = min(Decimal(100), dec(score) + Z * se)
            ci = [dfloat(lo), dfloat(hi)]
        out["nps"] = {"responses": m, "promoters": P, "passives": m - P - D, "detractors": D,
                      "score": fdouble(score), "ci95": ci}
    else:
        out["nps"] = {"responses": 0, "promoters": 0, "passives": 0, "detractors": 0, "score": None, "ci95": None}
    # CES
    ce = [r["ces"] for r in rows if r["ces"] is not None]
    if ce:
        out["ces"] = {"responses": len(ce), "mean": fdouble(Fraction(sum(ce), len(ce))),
                      "easy_pct": fdouble(Fraction(100 * sum(1 for v in ce if v >= 5), len(ce)))}
    else:
        out["ces"] = {"responses": 0, "mean": None, "easy_pct": None}
    # FCR
    if repeat_mode:
        known = [r["_rep"] for r in rows if r["_rep"] in (0, 1)]
        censored = sum(1 for r in rows if r["_rep"] == "c")
    else:
        known = [r["fcr"] for r in rows if r["fcr"] is not None]
    k, res = len(known), sum(known)
    f = {"known": k, "pct": fdouble(Fraction(100 * res, k)) if k else None, "ci95": wilson(res, k) if k else None}
    if repeat_mode:
        f["censored"] = censored
    out["fcr"] = f
    # AHT
    hv = [r["talk_seconds"] + (r["hold_seconds"] or 0) + (r["wrap_seconds"] or 0)
          for r in rows if r["talk_seconds"] is not None]
    mean, p50, p90 = dist(hv)
    out["aht"] = {"handled": len(hv), "mean_seconds": mean, "p50_seconds": p50, "p90_seconds": p90}
    # SLA
    meas = br = 0
    for r in rows:
        fr = r["first_response_seconds"]
        tg = r["_target"]
        if fr is not None and tg is not None:
            meas += 1
            if fr > tg:
                br += 1
    out["sla"] = {"measured": meas, "breached": br,
                  "breach_pct": fdouble(Fraction(100 * br, meas)) if meas else None,
                  "ci95": wilson(br, meas) if meas else None}
    for col, name in (("first_response_seconds", "first_response"), ("resolution_seconds", "resolution")):
        vs = [r[col] for r in rows if r[col] is not None]
        mean, p50, p90 = dist(vs)
        out[name] = {"measured": len(vs), "mean_seconds": mean, "p50_seconds": p50, "p90_seconds": p90}
    return out


# ---------------------------------------------------------------------------------------------- report
def report(path, by, period, lenient, fcr_window, policy, zone, ticks, validate_unused_fcr=True):
    with open(path, "rb") as fh:
        raw = fh.read()
    text = raw.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    invalid = {}
    records = parse_csv(text)
    rows = []
    try:
        header = None
        for rowno, fields, flags, blank in records:
            if header is None:
                if blank:
                    fields, flags = [""], [False]
                header = fields
                colmap = {}
                for idx, name in enumerate(header):
                    canon = ALIASES.get(name, name)
                    if canon in RECOGNISED:
                        if canon in colmap:
                            raise DataError(1, name, "appears more than once in the header")
                        colmap[canon] = (idx, name)
                used = dict(colmap)
                if fcr_window is not None and not validate_unused_fcr:
                    used.pop("fcr", None)
                used.pop("contact_id", None)
                by_index = sorted((idx, canon, name) for canon, (idx, name) in used.items())
                # customer_id is read (kept) only in repeat-contact mode, but its cells still count as lost in
                # lenient structural errors (docs/input-formats.md: "each missing recognised cell is lost")
                continue
            if blank:
                if len(header) > 1:
                    continue
                fields, flags = [""], [False]
            r = {c: None for c in RECOGNISED}
            r["_opened_ok"] = False
            nf, nh = len(fields), len(header)
            if nf > nh:
                if not lenient:
                    raise DataError(rowno, None, f"the record has {nf} fields but the header has {nh}")
                for idx, canon, name in by_index:
                    invalid[name] = invalid.get(name, 0) + 1
                rows.append(r)
                continue
            for idx, canon, name in by_index:
                if idx >= nf:
                    if lenient:
                        invalid[name] = invalid.get(name, 0) + 1
                    continue
                s = fields[idx]
                try:
                    if flags[idx]:
                        raise BadCell(f"'{s}' has text after its closing quote")
                    if s == "":
                        continue
                    if canon in KEY_COLUMNS:
                        r[canon] = s
                    elif canon == "customer_id":
                        if fcr_window is not None:
                            r[canon] = s
                    elif canon in SCORE_COLUMNS:
                        r[canon] = parse_score(s, *SCORE_COLUMNS[canon])
                    elif canon == "fcr":
                        r[canon] = parse_bool(s)
                    elif canon == "opened_at":
                        r[canon] = parse_instant(s, ticks)
                    else:
                        r[canon] = parse_duration(s, ticks)
                except BadCell as e:
                    if not lenient:
                        raise DataError(rowno, name, str(e))
                    invalid[name] = invalid.get(name, 0) + 1
            if nf < nh and not lenient:
                # the first missing column is unknown/unused: still a too-few-fields record
                raise DataError(rowno, header[nf], f"is missing: the record has {nf} of the header's {nh} fields")
            rows.append(r)
    except _Unterminated as u:
        col = header[u.field] if header is not None and u.field < len(header) else None
        if header is None:
            col = None
        raise DataError(u.row, col, "is a quoted field that is never closed")

    repeat_mode = fcr_window is not None
    for r in rows:
        tg = r["sla_target_seconds"]
        if tg is None and policy is not None and r["priority"] is not None:
            tg = policy.get(r["priority"])
        r["_target"] = tg
    if repeat_mode:
        times = [r["opened_at"] for r in rows if r["opened_at"] is not None]
        latest = max(times) if times else None
        bycust = {}
        for r in rows:
            r["_rep"] = None
            if r["customer_id"] is not None and r["opened_at"] is not None:
                bycust.setdefault(r["customer_id"], []).append(r["opened_at"])
        for v in bycust.values():
            v.sort()
        import bisect
        for r in rows:
            if r["customer_id"] is None or r["opened_at"] is None:
                continue
            t = r["opened_at"]
            if t + fcr_window > latest:
                r["_rep"] = "c"
                continue
            ts = bycust[r["customer_id"]]
            # any other contact with t < t' <= t + window ?
            i = bisect.bisect_right(ts, t)
            r["_rep"] = 0 if (i < len(ts) and ts[i] <= t + fcr_window) else 1
    result = {"rows": len(rows), "invalid": invalid, "overall": metrics(rows, repeat_mode), "groups": []}
    if by or period:
        groups = {}
        for r in rows:
            key = tuple(r[c] for c in by)
            if period:
                key += (period_label(r["opened_at"], period, zone) if r["opened_at"] is not None else None,)
            groups.setdefault(key, []).append(r)
        def sk(key):
            return tuple((0, "") if v is None else (1, v) for v in key)
        for key in sorted(groups, key=sk):
            kd = {c: v for c, v in zip(by, key)}
            if period:
                kd["period"] = key[-1]
            g = {"key": kd}
            g.update(metrics(groups[key], repeat_mode))
            result["groups"].append(g)
    return result


def main(argv=None):
    ap = argparse.ArgumentParser(prog="cxref")
    ap.add_argument("cmd", choices=["report"])
    ap.add_argument("file")
    ap.add_argument("--by")
    ap.add_argument("--period")
    ap.add_argument("--format", default="json")
    ap.add_argument("--lenient", action="store_true")
    ap.add_argument("--fcr-window")
    ap.add_argument("--sla-policy")
    ap.add_argument("--tz")
    ap.add_argument("--approx-percentiles", action="store_true")
    ap.add_argument("--ticks", action="store_true", help="round durations/instants to 100 ns ticks as docs/metrics.md")
    ap.add_argument("--skip-unused-fcr", action="store_true",
                    help="with --fcr-window do not validate the (unused) fcr column")
    a = ap.parse_args(argv)
    try:
        by = []
        if a.by is not None:
            for c in a.by.split(","):
                c = "agent_id" if c == "agent" else c
                if c not in KEY_COLUMNS or c in by:
                    raise OptionError(f"--by: '{c}' is not a key column or is repeated")
                by.append(c)
        if a.period is not None and a.period not in ("day", "week", "month"):
            raise OptionError(f"--period: '{a.period}' is not day, week or month")
        zone = None
        if a.tz is not None:
            from zoneinfo import ZoneInfo
            try:
                zone = ZoneInfo(a.tz)
            except Exception:
                raise OptionError(f"--tz: unknown time zone '{a.tz}'")
        win = None
        if a.fcr_window is not None:
            win = parse_positive_seconds(a.fcr_window, "--fcr-window", a.ticks)
            if win <= 0:
                raise OptionError("--fcr-window: must be positive")
        pol = parse_policy(a.sla_policy, a.ticks)
    except OptionError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    try:
        res = report(a.file, by, a.period, a.lenient, win, pol, zone, a.ticks, not a.skip_unused_fcr)
    except DataError as e:
        print(str(e), file=sys.stderr)
        return 1
    sys.stdout.write(json.dumps(res, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
