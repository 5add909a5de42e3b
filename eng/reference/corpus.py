#!/usr/bin/python3
"""Generator of small edge-case and random CSV files for the differential test (diff.py).

    /usr/bin/python3 eng/reference/corpus.py OUT_DIR [--seed S] [--random N] [--quick]

writes the files and OUT_DIR/cases.json: [{"name", "file", "args"}, ...] (args without --format json).
Deterministic for a given seed.
"""
import datetime as dt
import json
import os
import random
import sys

ALL = ["contact_id", "opened_at", "channel", "agent_id", "team", "priority", "customer_id", "csat", "nps", "ces",
       "fcr", "talk_seconds", "hold_seconds", "wrap_seconds", "first_response_seconds", "resolution_seconds",
       "sla_target_seconds"]
DUR = ["talk_seconds", "hold_seconds", "wrap_seconds", "first_response_seconds", "resolution_seconds",
       "sla_target_seconds"]

# ------------------------------------------------------------------------------------------------ value pools
SCORE_BAD = ["4.0", "4.5", "+4", " 4", "4 ", "-1", "abc", "1e1", "0x3", "\u0663", "--1", "4,0"]
BOOL_OK = ["true", "false", "TRUE", "False", "yes", "NO", "Yes", "1", "0", "tRuE"]
BOOL_BAD = ["y", "t", "2", "maybe", " true", "-1", "01", "on"]
DUR_OK = ["0", "12", "12.5", "012.50", ".5", "5.", "3600.0000001", "86400.001", "0.00000005", "1.23456789",
          "0.000000049999", "900719925.4740991", "0.0000001", "00000", "123456.1234567", "7.99999995",
          "60", "300", "3600", "59.99999999"]
DUR_BAD = ["-5", "+5", "1e3", "1,000", " 5", "5 ", "abc", ".", "-0", "5..1", "1.2.3", "\u0665", "NaN", "inf",
           "0x10", "1_000"]
DUR_HUGE = ["900719925.4740992", "99999999999", "900719925.47409915"]
INST_OK = ["2026-10-05T12:00:00Z", "2026-10-05T12:00:00+05:30", "2026-10-05T23:59:59.9999999Z",
           "2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00+01:00", "2026-10-05t12:00:00z",
           "2026-10-05T12:00:00.5+14:00", "2026-10-05T12:00:00-14:00", "2024-02-29T00:00:00Z",
           "2026-10-05T12:00:00.123456789Z", "2026-10-05T23:59:59.99999999Z", "0001-01-01T00:00:00Z",
           "9999-12-31T23:59:59Z", "2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z"]
INST_BAD = ["2026-10-05T12:00:00", "2026-10-05 12:00:00Z", "2026-10-05T12:00:00+0530", "2026-10-05T12:00:00+14:01",
            "2026-10-05T24:00:00Z", "2026-10-05T12:00:60Z", "2026-02-30T12:00:00Z", "2026-02-29T12:00:00Z",
            "0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00", "2026-1-05T12:00:00Z", "2026-10-05T12:00Z",
            "2026-10-05T12:00:00.Z", "0000-01-01T00:00:00Z", "2026-10-05T12:00:00+05:60", "2026-10-05",
            "2026-10-05T12:00:00UTC", "1760000000", "2026-13-01T00:00:00Z"]

# interesting UTC instants (period boundaries, ISO weeks, DST switches)
BOUNDARIES = [
    dt.datetime(2026, 10, 5, 0, 0), dt.datetime(2026, 10, 31, 23, 30), dt.datetime(2026, 12, 31, 23, 0),
    dt.datetime(2027, 1, 3, 23, 0), dt.datetime(2027, 1, 4, 0, 0), dt.datetime(2021, 1, 3, 12, 0),
    dt.datetime(2024, 12, 30, 0, 0), dt.datetime(2020, 12, 31, 23, 59), dt.datetime(2026, 3, 29, 1, 0),
    dt.datetime(2026, 10, 25, 1, 0), dt.datetime(2026, 3, 8, 7, 0), dt.datetime(2026, 11, 1, 6, 0),
    dt.datetime(2026, 2, 28, 23, 0), dt.datetime(2024, 2, 29, 23, 0), dt.datetime(2025, 12, 28, 23, 0),
    dt.datetime(2015, 12, 31, 23, 0), dt.datetime(2026, 4, 5, 15, 0), dt.datetime(2026, 10, 4, 15, 30),
]
ZONES = ["Europe/Berlin", "America/New_York", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe",
         "Pacific/Kiritimati", "Pacific/Chatham", "Europe/Dublin", "Africa/Casablanca", "America/Sao_Paulo"]
OFFSETS = [0, 0, 0, 60, -60, 330, -570, 840, -840, 345, -210, 120, -300]


def fmt_instant(utc, offset_min, frac="", lower=False):
    local = utc + dt.timedelta(minutes=offset_min)
    s = local.strftime("%Y-%m-%dT%H:%M:%S")
    if frac:
        s += "." + frac
    if offset_min == 0 and random.random() < 0.6:
        s += "Z"
    else:
        sign = "+" if offset_min >= 0 else "-"
        o = abs(offset_min)
        s += f"{sign}{o // 60:02d}:{o % 60:02d}"
    if lower:
        s = s.replace("T", "t").replace("Z", "z")
    return s


def quote(s):
    return '"' + s.replace('"', '""') + '"'


def csv_bytes(header, rows, eol="\n", bom=False, final_eol=True, quote_all=False, rnd=None):
    def cell(v):
        if v is None:
            return ""
        if quote_all or any(c in v for c in ',"\r\n') or (rnd is not None and rnd.random() < 0.05):
            return quote(v)
        return v
    lines = [",".join(cell(h) for h in header)] + [",".join(cell(v) for v in r) for r in rows]
    text = eol.join(lines) + (eol if final_eol else "")
    b = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + b) if bom else b


class Corpus:
    def __init__(self, out):
        self.out = out
        self.cases = []
        os.makedirs(out, exist_ok=True)

    def add(self, name, data, arg_sets, ext=".csv"):
        fn = name + ext
        with open(os.path.join(self.out, fn), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        for i, args in enumerate(arg_sets):
            self.cases.append({"name": f"{name}#{i}", "file": fn, "args": list(args)})


LEN = ["--lenient"]


def fixed_cases(c, quick):
    H = "contact_id,opened_at,channel,csat,nps,ces,fcr,talk_seconds,hold_seconds,wrap_seconds,first_response_seconds,resolution_seconds,sla_target_seconds,priority\n"
    # --- RFC 4180 ------------------------------------------------------------------------------------------
    c.add("rfc_quotes", 'channel,csat,notes\r\n"chat, web",4,"line1\r\nline2"\r\n"say ""hi""",5,x\r\n"",3,""\r\n'
          'chat,"2",\r\n"chat, web","5","a""b"', [["--by", "channel"]])
    c.add("rfc_quoted_header", '"channel","csat"\n"a",1\n"b",2\n', [["--by", "channel"]])
    c.add("eol_lf", "channel,csat\na,1\nb,2\n", [["--by", "channel"]])
    c.add("eol_crlf_nofinal", "channel,csat\r\na,1\r\nb,2", [["--by", "channel"]])
    c.add("eol_cr", "channel,csat\ra,1\rb,2\r", [["--by", "channel"]])
    c.add("eol_mixed", "channel,csat\ra,1\r\nb,2\nc,3", [["--by", "channel"]])
    c.add("bom", b"\xef\xbb\xbfcsat,channel\r\n4,a\r\n", [["--by", "channel"], []])
    c.add("bom_quoted_header", b'\xef\xbb\xbf"csat",channel\n4,a\n', [["--by", "channel"]])
    c.add("bom_only", b"\xef\xbb\xbf", [[], ["--by", "channel", "--period", "day"]])
    c.add("empty", b"", [[], ["--by", "channel"]])
    c.add("header_only", "csat,nps\n", [[], ["--by", "channel"]])
    c.add("header_only_noeol", "csat,nps", [[]])
    c.add("one_col_blank_lines", "csat\n4\n\n5\n\n", [[], LEN])
    c.add("blank_lines", "csat,nps\n4,9\n\n5,10\n\r\n\n", [[]])
    c.add("blank_line_then_bad", "csat,nps\n\n\n4,9\n6,1\n", [[], LEN])
    c.add("quoted_newline_rows", 'channel,csat\n"a\nb\nc",4\nx,9\n', [[]])
    c.add("quoted_cr_rows", 'channel,csat\r"a\rb",4\rx,9\r', [[]])
    c.add("crlf_in_quotes_bad_after", 'channel,csat\r\n"a\r\n\r\nb",4\r\n"x",7\r\n', [[], LEN])
    c.add("trailing_comma", "csat,nps\n4,9,\n", [[], LEN])
    c.add("all_empty_fields", "csat,nps,channel\n,,\n\"\",\"\",\"\"\n", [["--by", "channel"]])
    c.add("quote_mid_field", 'channel,csat\nab"c,4\n"x"y,4\n', [["--by", "channel"], LEN + ["--by", "channel"]])
    c.add("text_after_quote_score", 'channel,csat\na,"5"x\n', [[], LEN])
    c.add("text_after_quote_key", 'channel,csat\n"a"b,5\n', [[], LEN + ["--by", "channel"]])
    c.add("unterminated", 'channel,csat,team\na,4,x\nb,5,"never\nclosed\n', [[], LEN])
    c.add("unterminated_first_col", 'csat,channel\n4,a\n"5,b\n', [[], LEN])
    c.add("unterminated_unknown_col", 'csat,notes\n4,a\n5,"b\n', [[], LEN])
    c.add("unterminated_header", '"csat,nps\n4,5\n', [[]])
    c.add("dup_column", "csat,nps,csat\n4,9,5\n", [[]])
    c.add("dup_alias", "fcr,first_contact_resolved\nyes,no\n", [[]])
    c.add("alias_fcr", "first_contact_resolved,channel\nyes,a\nno,a\nmaybe,b\n", [[], LEN + ["--by", "channel"]])
    c.add("unknown_dup_column", "notes,csat,notes\na,4,b\n", [[]])
    c.add("header_case", "CSAT,Csat,csat ,nps\n4,4,4,9\n", [[]])
    c.add("reordered", "sla_target_seconds,first_response_seconds,zzz,priority,nps\n60,60.0000001,q,P1,9\n"
          "60,60,,P1,0\n,100,,P1,7\n", [[], ["--sla-policy", "P1=99.9999999"]])
    c.add("no_known_columns", "a,b,c\n1,2,3\n4,5,6\n", [[], ["--by", "channel,team", "--period", "week"]])
    # --- too few / too many ----------------------------------------------------------------------------
    c.add("too_few", "csat,nps,ces,channel\n4,9,5,a\n5,10\n", [[], LEN, LEN + ["--by", "channel"]])
    c.add("too_few_unknown_missing", "csat,nps,notes\n4,9\n", [[], LEN])
    c.add("too_few_one_field", "csat,nps,ces,talk_seconds\n4\n", [[], LEN])
    c.add("too_few_bad_cell_first", "csat,nps,ces\n9\n", [[], LEN])
    c.add("too_many", "csat,nps,ces,channel\n4,9,5,a\n5,10,6,b,x\n3,3,3,c\n", [[], LEN, LEN + ["--by", "channel"]])
    c.add("too_many_bad_cell_first", "csat,nps\n9,9,9\n", [[], LEN])
    c.add("too_many_empty_cells", "csat,nps,contact_id\n,,,\n", [[], LEN])
    c.add("too_many_customer", "customer_id,opened_at,csat\nc1,2026-10-05T00:00:00Z,4,x\nc1,2026-10-06T00:00:00Z,4\n",
          [LEN, LEN + ["--fcr-window", "3600"]])
    c.add("too_few_customer", "csat,customer_id,opened_at\n4\n4,c1,2026-10-05T00:00:00Z\n",
          [LEN, LEN + ["--fcr-window", "3600"]])
    # --- value forms ---------------------------------------------------------------------------------------
    for col, good in (("csat", ["1", "5", "05", "0005"]), ("nps", ["0", "10", "00", "010"]), ("ces", ["1", "7", "07"])):
        lo, hi = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}[col]
        c.add(f"score_ok_{col}", col + "\n" + "\n".join(good) + "\n", [[]])
        bads = SCORE_BAD + [str(lo - 1), str(hi + 1), "99999999999999999999"]
        for i, b in enumerate(bads):
            if quick and col != "csat" and i < len(SCORE_BAD):
                continue
            c.add(f"score_bad_{col}_{i}", f"channel,{col}\nx,{good[0]}\ny,{quote(b)}\n", [[]] if quick else [[], LEN])
        c.add(f"score_bad_{col}_all", f"{col},channel\n" + "\n".join(quote(b) + ",a" for b in bads) + "\n",
              [LEN, LEN + ["--by", "channel"]])
    c.add("bool_ok", "fcr\n" + "\n".join(BOOL_OK) + "\n", [[]])
    for i, b in enumerate(BOOL_BAD):
        c.add(f"bool_bad_{i}", f"fcr,csat\ntrue,4\n{quote(b)},4\n", [[]] if quick else [[], LEN])
    for col in DUR:
        c.add(f"dur_ok_{col}", f"{col},priority\n" + "\n".join(f"{v},P1" for v in DUR_OK) + "\n",
              [[], ["--sla-policy", "P1=60"]])
    for i, b in enumerate(DUR_BAD + DUR_HUGE):
        col = DUR[i % len(DUR)]
        c.add(f"dur_bad_{i}", f"csat,{col}\n4,1\n4,{quote(b)}\n", [[]] if quick else [[], LEN])
    c.add("dur_bad_all_lenient", "talk_seconds,hold_seconds,wrap_seconds\n" +
          "\n".join(f"{quote(b)},{quote(b)},{quote(b)}" for b in DUR_BAD) + "\n5,bad,1\n", [LEN])
    c.add("inst_ok", "opened_at\n" + "\n".join(INST_OK) + "\n",
          [[], ["--period", "day"], ["--period", "week"], ["--period", "month"], ["--period", "day", "--tz", "Asia/Tokyo"]])
    for i, b in enumerate(INST_BAD):
        c.add(f"inst_bad_{i}", f"csat,opened_at\n4,2026-10-05T00:00:00Z\n4,{quote(b)}\n", [[]] if quick else [[], LEN + ["--period", "day"]])
    c.add("inst_bad_all_lenient", "opened_at,csat\n" + "\n".join(quote(b) + ",4" for b in INST_BAD) + "\n2026-10-05T00:00:00Z,5\n",
          [LEN, LEN + ["--period", "week"]])
    c.add("inst_bad_no_period", "opened_at,csat\nnot-a-time,4\n", [[], LEN])
    # --- periods -------------------------------------------------------------------------------------------
    rows = []
    for i, b in enumerate(BOUNDARIES):
        for off in (0, 60, -60, 330, -210, 840, -840):
            for delta in (-1, 0, 1, 1799, 1800):
                u = b + dt.timedelta(seconds=delta)
                rows.append(f"{fmt_instant(u, off)},{(i % 5) + 1},{i % 11}")
    c.add("periods", "opened_at,csat,nps\n" + "\n".join(rows) + "\n",
          [["--period", p] + tz for p in ("day", "week", "month")
           for tz in ([], ["--tz", "Europe/Berlin"], ["--tz", "America/St_Johns"], ["--tz", "Pacific/Kiritimati"],
                      ["--tz", "Pacific/Apia"], ["--tz", "Asia/Kathmandu"])][:: (3 if quick else 1)])
    weeks = ["2026-12-28T00:00:00Z", "2027-01-03T23:59:59Z", "2027-01-04T00:00:00Z", "2021-01-03T12:00:00Z",
             "2021-01-04T00:00:00Z", "2024-12-30T00:00:00Z", "2024-12-29T23:59:59Z", "2020-12-31T12:00:00Z",
             "2015-12-31T00:00:00Z", "2016-01-03T00:00:00Z", "2009-12-31T00:00:00Z", "2010-01-03T00:00:00Z",
             "2008-12-29T00:00:00Z", "2004-12-31T00:00:00Z", "2005-01-02T23:59:59Z", "1999-12-31T23:59:59Z",
             "2037-12-31T00:00:00Z", "2032-12-31T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
             "2026-12-31T23:30:00-01:00", "2027-01-04T00:30:00+01:00"]
    c.add("iso_weeks", "opened_at,csat\n" + "\n".join(f"{w},{i % 5 + 1}" for i, w in enumerate(weeks)) + "\n",
          [["--period", "week"], ["--period", "day"], ["--period", "month"]])
    fut = []
    for base in (dt.datetime(2040, 3, 25, 0, 0), dt.datetime(2040, 10, 28, 0, 0), dt.datetime(2100, 3, 28, 0, 0),
                 dt.datetime(2100, 10, 31, 0, 0), dt.datetime(2100, 4, 4, 14, 0), dt.datetime(2100, 10, 2, 15, 0),
                 dt.datetime(2500, 3, 14, 5, 0), dt.datetime(2500, 11, 7, 4, 0)):
        for k in range(0, 12):
            fut.append(fmt_instant(base + dt.timedelta(minutes=20 * k), 0) + ",4")
    c.add("dst_future", "opened_at,csat\n" + "\n".join(fut) + "\n",
          [["--period", "day", "--tz", z] for z in ("Europe/Berlin", "America/New_York", "Australia/Sydney",
                                                  "America/Santiago")][: (2 if quick else 4)])
    c.add("year_edges_tz", "opened_at,csat\n0001-01-01T00:00:00Z,4\n9999-12-31T23:59:59Z,5\n2026-01-01T00:00:00Z,1\n",
          [["--period", "day", "--tz", "America/New_York"], ["--period", "day", "--tz", "Asia/Tokyo"],
           ["--period", "week", "--tz", "Asia/Tokyo"]])
    # DST switches: every 15 min across the switch
    drows = []
    for base in (dt.datetime(2026, 3, 29, 0, 0), dt.datetime(2026, 10, 24, 21, 0), dt.datetime(2026, 3, 8, 5, 0),
                 dt.datetime(2026, 11, 1, 3, 0), dt.datetime(2026, 4, 4, 14, 0), dt.datetime(2026, 10, 3, 15, 0),
                 dt.datetime(2011, 12, 29, 9, 0), dt.datetime(2018, 11, 3, 1, 0), dt.datetime(1937, 6, 30, 22, 0),
                 dt.datetime(1916, 4, 30, 21, 0), dt.datetime(2026, 12, 31, 9, 0), dt.datetime(1969, 12, 31, 22, 0)):
        for k in range(0, 4 * 6):
            drows.append(fmt_instant(base + dt.timedelta(minutes=15 * k), 0) + ",4")
    c.add("dst", "opened_at,csat\n" + "\n".join(drows) + "\n",
          [["--period", "day", "--tz", z] for z in
           (["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "America/Sao_Paulo",
             "Europe/Amsterdam", "Africa/Casablanca", "Europe/Dublin", "Antarctica/Troll", "Pacific/Chatham",
             "America/Havana", "Asia/Gaza"] if not quick else ["Europe/Berlin", "Pacific/Apia", "Europe/Amsterdam"])])
    # --- keys, ordering, null groups -----------------------------------------------------------------------
    keys = ["chat", "Chat", "b", "é", "", "a b", " chat", "chat ", "\U0001F600", "\uFFFD", "\uFF21", "Z", "z", "_",
            "ß", "\u00e9", "e\u0301", "1", "10", "9", "a,b", 'q"q', "x\ny"]
    krows = []
    for i, k in enumerate(keys):
        for j in range(1 + i % 3):
            krows.append([k, keys[(i * 7 + j) % len(keys)], f"P{(i + j) % 4}" if (i + j) % 5 else "", str(1 + (i + j) % 5)])
    c.add("keys_order", csv_bytes(["channel", "team", "priority", "csat"], krows),
          [["--by", "channel"], ["--by", "team,channel"], ["--by", "priority,channel,team"], ["--by", "agent"],
           ["--by", "agent_id,priority"]])
    c.add("invalid_utf8_key", b"channel,csat\n\xff\xfeab,4\nab,5\n\xc3\x28,3\n\xe2\x82,2\n", [["--by", "channel"]])
    c.add("null_keys_only", "channel,team,csat\n,,4\n,,\n", [["--by", "channel,team"], ["--by", "team", "--period", "day"]])
    c.add("all_missing_metrics", H + "1,,,,,,,,,,,,,\n2,,,,,,,,,,,,,\n", [[], ["--by", "channel", "--period", "week"]])
    c.add("one_row_groups", H + "1,2026-10-05T01:00:00Z,a,3,7,4,no,10,,,5,100,,P1\n"
          "2,2026-10-06T01:00:00Z,b,5,10,7,yes,20,1,2,6,,,P2\n3,,c,,,,,,,,,,,\n",
          [["--by", "channel", "--period", "day"], ["--by", "priority"], ["--sla-policy", "P1=5,P2=6"]])
    # --- SLA ---------------------------------------------------------------------------------------------------
    sla = ("priority,first_response_seconds,sla_target_seconds\n"
           "P1,60,60\nP1,60.0000001,60\nP1,59.9999999,60\nP1,60.00000001,60\nP1,60.00000005,60\nP1,86400.001,86400\n"
           "P2,300,\nP2,300.0000001,\nP3,5,\np1,9999,\n,9999,\nP4,0,0\nP4,0,\nP2,,300\nP1,3600.0000001,3600\n"
           "P 1,61,\nP1,0.00000001,0\n")
    c.add("sla", sla, [[], ["--sla-policy", "P1=60,P2=300"], ["--sla-policy", "P1=60,P2=300,P4=0,P9=1"],
                       ["--sla-policy", "P2=300.00000001"], ["--by", "priority", "--sla-policy", "P1=60,P2=300,P3=4.9999999"],
                       ["--sla-policy", "P 1=60"], ["--sla-policy", "P1=60,P2=300.00000005"]])
    for i, pol in enumerate(["", "P1", "P1=", "=60", "P1=-5", "P1=abc", "P1=60,P1=30", "P1=60,", "P1=1e3",
                             "P1=60, P2=30", "P1 = 60", "P1=60;P2=30", "P1=0", "P1=60,,P2=30", "a=b=5"]):
        c.add(f"sla_policy_form_{i}", "priority,first_response_seconds\nP1,60\nP2,31\n P2,31\nP1 ,61\n", [["--sla-policy", pol]])
    # --- durations precision ---------------------------------------------------------------------------------------
    c.add("dur_precision", "talk_seconds,hold_seconds,wrap_seconds,first_response_seconds,resolution_seconds\n"
          "0.00000001,0.00000004,0.00000005,0.000000149,0.00000015\n"
          "1.23456785,1.23456775,0,1.000000050,2.99999995\n", [[]])
    c.add("dur_tiny", "talk_seconds,first_response_seconds,resolution_seconds\n0.0000001,0.0000001,0.0000002\n"
          "0.0000001,0.0000003,0.0000001\n0,0,0.0000001\n", [[]])
    c.add("dur_huge", "talk_seconds,hold_seconds,wrap_seconds,resolution_seconds\n"
          "900719925.4740991,900719925.4740991,900719925.4740991,900719925.4740991\n"
          "900719925.4740991,0,0,900719925.4740991\n" * 3, [[]])
    c.add("dur_huge_bad", "talk_seconds\n900719925.4740992\n", [[], LEN])
    c.add("dur_huge_round", "talk_seconds\n900719925.47409914\n900719925.47409915\n", [[], LEN])
    c.add("dur_tiny_8dec", "first_response_seconds,sla_target_seconds\n0.00000004,0\n0.00000005,0\n", [[]])
    c.add("dur_long_digits", "talk_seconds\n" + "1." + "9" * 40 + "\n" + "0" * 30 + "5\n" + "0." + "0" * 30 + "1\n", [[]])
    c.add("hold_without_talk", "talk_seconds,hold_seconds,wrap_seconds\n,5,5\n10,,\n10,5,\n10,,5\n", [[]])
    c.add("hold_bad_lenient", "talk_seconds,hold_seconds,wrap_seconds\n10,x,-1\n", [[], LEN])
    # --- repeat-contact FCR -------------------------------------------------------------------------------------
    fr = ("customer_id,opened_at,channel,fcr\n"
          "c1,2026-10-01T00:00:00Z,chat,yes\n"
          "c1,2026-10-01T01:00:00Z,voice,no\n"      # exactly window after (window 3600): a repeat (end inclusive)
          "c1,2026-10-01T01:00:00Z,chat,maybe\n"    # tie with the previous
          "c2,2026-10-01T00:00:00Z,chat,yes\n"
          "c2,2026-10-01T00:00:00Z,chat,yes\n"      # tie: not a repeat of each other
          "c3,2026-10-01T00:00:00Z,email,\n"
          "c3,2026-10-01T01:00:00.0000001Z,email,\n"  # one tick after window end
          ",2026-10-01T00:30:00Z,chat,\n"           # unknown customer
          "c4,,chat,\n"                             # unknown opened_at
          "c4,2026-10-01T02:00:00Z,chat,\n"
          "c5,2026-10-01T01:59:59Z,chat,\n"
          "c6,2026-10-01T02:00:00+01:00,chat,\n"    # same instant as c2 via offset
          ",2026-10-01T03:00:00Z,chat,\n")          # latest opened_at is a row without customer
    c.add("fcr_repeat", fr, [["--fcr-window", "3600"], ["--fcr-window", "3600", "--by", "channel"],
                             ["--fcr-window", "3600", "--period", "day", "--tz", "Pacific/Kiritimati"],
                             ["--fcr-window", "7200"], ["--fcr-window", "3599.9999999"], ["--fcr-window", "10800"],
                             ["--fcr-window", "0.00000001"], ["--fcr-window", "3600.00000001"],
                             ["--fcr-window", "3600", "--lenient"], ["--fcr-window", "3600", "--by", "channel", "--lenient"],
                             []])
    for i, w in enumerate(["0", "-5", "abc", "1e3", "", "604800", "+60", "7d", "00.5"]):
        c.add(f"fcr_window_form_{i}", "customer_id,opened_at\nc1,2026-10-01T00:00:00Z\nc1,2026-10-02T00:00:00Z\n",
              [["--fcr-window", w]])
    c.add("fcr_bad_opened_lenient", "customer_id,opened_at\nc1,2026-10-01T00:00:00Z\nc1,bad\nc1,2026-10-01T00:30:00Z\n"
          "c2,2026-10-01T02:00:00Z\nc9,2099-01-01T00:00:00\n",
          [["--fcr-window", "3600", "--lenient"], ["--fcr-window", "3600"], ["--fcr-window", "3600", "--lenient", "--period", "day"]])
    c.add("fcr_flag_bad_repeat_mode", "customer_id,opened_at,fcr\nc1,2026-10-01T00:00:00Z,maybe\nc1,2026-10-03T00:00:00Z,yes\n",
          [["--fcr-window", "3600"], ["--fcr-window", "3600", "--lenient"]])
    c.add("fcr_no_opened", "customer_id,fcr\nc1,yes\nc1,no\n", [["--fcr-window", "60"], []])
    c.add("fcr_no_customer_col", "opened_at,fcr\n2026-10-01T00:00:00Z,yes\n2026-10-02T00:00:00Z,no\n",
          [["--fcr-window", "60"], ["--fcr-window", "60", "--period", "day"]])
    c.add("fcr_subtick", "customer_id,opened_at\nc1,2026-10-01T00:00:00.00000001Z\nc1,2026-10-01T00:01:00.00000004Z\n"
          "c2,2026-10-01T00:00:00Z\nc2,2026-10-01T00:01:00.00000004Z\nc3,2026-10-01T00:02:00.00000005Z\n",
          [["--fcr-window", "60"], ["--fcr-window", "60.00000004"], ["--fcr-window", "120.00000005"]])
    # --- streaming: buffer edges and batch edges ---------------------------------------------------------
    kinds = ["crlf", "quote_pair", "quoted_newline", "closing_quote", "comma", "bom_like", "utf8_split", "utf8_split4"]
    shifts = [-1, 0, 1] if not quick else [0]
    for kind in (kinds if not quick else ["crlf+quote_pair+utf8_split+quoted_newline"]):
        for sh in shifts:
            c.add(f"edge_{kind}_{sh + 1}", boundary_file(kind, sh, bom=(sh == 0)), [[], LEN + ["--by", "channel"]])
    if not quick:
        c.add("edge_cr_only", boundary_file("crlf", 0, eol="\r"), [[], LEN + ["--by", "channel"]])
        c.add("edge_lf_only", boundary_file("crlf", 0, eol="\n"), [[], LEN + ["--by", "channel"]])
        # batch edges (65,536 rows per batch by the docs): 140,000 short rows, the bad one at row 131,074
        lines = ["csat,channel,talk_seconds,hold_seconds,customer_id,opened_at"]
        for k in range(140000):
            cs = "9" if k == 131072 else str(k % 5 + 1)
            lines.append(f"{cs},c{k % 4},{k % 600}.{k % 10},{'' if k % 3 else k % 50},C{k % 9000},"
                         f"2026-10-{1 + k % 28:02d}T{k % 24:02d}:{k % 60:02d}:00Z")
        c.add("batch_edges", "\n".join(lines) + "\n", [[], LEN + ["--by", "channel", "--fcr-window", "86400"]])
        # keys that first appear in later batches, many groups, 300,000 rows (past any parallel threshold)
        lines = ["agent_id,channel,csat,talk_seconds,first_response_seconds,sla_target_seconds,priority,opened_at"]
        for k in range(300000):
            lines.append(f"a{k // 1500:03d},{'chat' if k % 7 else 'Chat'},{'' if k % 4 == 0 else k % 5 + 1},{k % 1000}.{k % 3},"
                         f"{k % 120},{'' if k % 2 else 60},P{k % 3},2026-{1 + k % 12:02d}-{1 + k % 28:02d}T{k % 24:02d}:00:00+05:30")
        c.add("many_batches", "\n".join(lines) + "\n", [["--by", "agent_id,channel", "--period", "month", "--sla-policy", "P1=30"],
                                                         ["--by", "priority", "--approx-percentiles"]])
    # high-cardinality keys: the dense group index exceeds 2^20 cells (hash path), with a period on top
    r = random.Random(7)
    lines = ["channel,agent_id,team,priority,opened_at,csat,nps,talk_seconds,fcr"]
    for k in range(1500 if quick else 5000):
        lines.append(f"c{r.randint(0, 40)},a{r.randint(0, 60)},t{r.randint(0, 40)},P{r.randint(0, 40)},"
                     f"2026-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T12:00:00Z,{r.randint(1, 5)},{r.randint(0, 10)},"
                     f"{r.randint(0, 900)}.{r.randint(0, 99)},{r.choice(['yes', 'no', ''])}")
    c.add("hash_groups", "\n".join(lines) + "\n", [["--by", "channel,agent_id,team,priority", "--period", "day"],
                                                    ["--by", "priority,agent_id,channel,team", "--period", "week"]])
    # --- option errors -----------------------------------------------------------------------------------------
    small = "channel,team,priority,agent_id,opened_at,csat\na,t,P1,x,2026-10-05T00:00:00Z,4\n"
    c.add("options", small, [["--period", "year"], ["--tz", "Mars/Olympus"], ["--by", "customer_id"], ["--by", "channel,channel"],
                             ["--by", "agent,agent_id"], ["--by", "csat"], ["--by", ""], ["--by", "channel,"],
                             ["--tz", "UTC", "--period", "day"], ["--tz", "Etc/GMT+12", "--period", "day"],
                             ["--tz", "europe/berlin", "--period", "day"], ["--period", "Day"], ["--by", "Channel"],
                             ["--tz", "EST", "--period", "day"], ["--tz", "+05:00", "--period", "day"],
                             ["--tz", "W. Europe Standard Time", "--period", "day"], ["--tz", "right/UTC", "--period", "day"]])


# ------------------------------------------------------------------------------------------------ streaming boundaries
def boundary_file(kind, shift, eol="\r\n", bom=False, final_bad=True):
    """A file where a special byte sequence straddles every offset 2^k + shift (k = 12..21): the reader's buffer and
    chunk edges (1 MiB by the docs, but 4 KiB pipes or 64 KiB chunks are common). Rows are ~120 bytes (an unknown
    'notes' column pads them) so the reference stays cheap. Ends with a bad csat in the last row (strict: the error
    must name the right row after all the quoted line breaks)."""
    out = bytearray(b"\xef\xbb\xbf" if bom else b"")
    out += f"notes,csat,channel,talk_seconds{eol}".encode()
    row = 1
    targets = [2 ** k + shift for k in range(12, 22)]
    i = 0
    specials = {
        # (text before the special point, text after): the split point lands exactly on the target offset
        "crlf": ("x" * 10 + ",4,a,1" + eol[:1], eol[1:] + "y,5,b,2" + eol if len(eol) == 2 else "y,5,b,2" + eol),
        "quote_pair": ('"ab"', '"cd",3,"q""r",3.5' + eol),
        "quoted_newline": ('"line1\r', '\nline2",2,"m\r\nn",0.25' + eol),
        "closing_quote": ('"xyz"', ',1,"k",7' + eol),
        "comma": ("abc", ",5,z,8" + eol),
        "bom_like": ("\ufeffab", ",5,\ufeffz,8" + eol),
        "utf8_split": (b"ab\xc3", b"\xa9,5,\xf0\x9f\x98\x80,8" + eol.encode()),
        "utf8_split4": (b"ab,5,x\xf0\x9f", b"\x98\x80,8" + eol.encode()),
    }
    kinds = kind.split("+")
    enc = lambda x: x if isinstance(x, bytes) else x.encode()
    for ti, t in enumerate(targets):
        before, after = (enc(x) for x in specials[kinds[ti % len(kinds)]])
        while True:
            filler = f"{'n' * 100},{i % 5 + 1},c{i % 3},{i % 97}.{i % 7}{eol}".encode()
            need = t - len(out) - len(before)
            if need < len(filler) + 40:
                break
            out += filler
            row += 1
            i += 1
        need = t - len(out) - len(before)
        if need < 0:
            continue
        if need > 0:
            # a pad row of exactly `need` bytes (before the special row)
            base = f",{i % 5 + 1},p,1{eol}".encode()
            pad = need - len(base)
            if pad < 0:
                continue
            out += b"p" * pad + base
            row += 1
        out += before + after
        row += 1
    if final_bad:
        out += f"last,9,c,1{eol}".encode()
    return bytes(out)


# ------------------------------------------------------------------------------------------------ random files
def rand_instant(r):
    if r.random() < 0.5:
        base = r.choice(BOUNDARIES)
        u = base + dt.timedelta(seconds=r.randint(-7200, 7200))
    else:
        u = dt.datetime(2026, 9, 20) + dt.timedelta(seconds=r.randint(0, 86400 * 60))
    frac = ""
    x = r.random()
    if x < 0.1:
        frac = str(r.randint(0, 9))
    elif x < 0.2:
        frac = f"{r.randint(0, 10**9 - 1):09d}"
    elif x < 0.25:
        frac = "9999999"
    return fmt_instant(u, r.choice(OFFSETS), frac, lower=r.random() < 0.03)


def rand_duration(r, kind):
    x = r.random()
    if x < 0.3:
        v = str(r.randint(0, 600 if kind != "resolution_seconds" else 400000))
    elif x < 0.6:
        v = f"{r.randint(0, 3000)}.{r.randint(0, 999):03d}"
    elif x < 0.75:
        v = f"{r.randint(0, 100)}.{r.randint(0, 10**9 - 1):09d}"
    elif x < 0.8:
        v = r.choice(["60", "300", "3600", "60.0000001", "299.99999995", "300.00000005"])
    elif x < 0.85:
        v = r.choice(DUR_OK)
    elif x < 0.9:
        v = str(r.randint(0, 10))
    else:
        v = f"{r.randint(0, 10**6)}.{r.randint(0, 10**7 - 1):07d}"
    if r.random() < 0.05:
        v = "00" + v
    return v


def random_file(r, dirty):
    cols = list(ALL)
    if r.random() < 0.5:
        cols = [x for x in cols if r.random() < 0.8]
    r.shuffle(cols)
    if r.random() < 0.3:
        cols.insert(r.randint(0, len(cols)), r.choice(["notes", "Channel", "extra", "csat_2", ""]))
    if "fcr" in cols and r.random() < 0.2:
        cols[cols.index("fcr")] = "first_contact_resolved"
    n = r.choice([1, 2, 3, 5, 10, 30, 31, 60, 150])
    nchan = r.choice([1, 3, 6])
    chans = ["voice", "chat", "email", "Chat", "social, web", "bot"][:nchan]
    ncust = r.choice([2, 5, 20, 1000])
    rows = []
    for i in range(n):
        row = []
        for col in cols:
            v = None
            miss = r.random() < 0.25
            if col == "contact_id":
                v = str(i + 1)
            elif col == "opened_at":
                v = None if r.random() < 0.05 else rand_instant(r)
            elif col == "channel":
                v = None if r.random() < 0.1 else r.choice(chans)
            elif col == "agent_id":
                v = None if r.random() < 0.1 else f"agent-{r.randint(1, 4)}"
            elif col == "team":
                v = None if r.random() < 0.1 else r.choice(["t1", "t2", "T1"])
            elif col == "priority":
                v = None if r.random() < 0.1 else r.choice(["P1", "P2", "P3", "P4", "p1"])
            elif col == "customer_id":
                v = None if r.random() < 0.05 else f"C{r.randint(1, ncust)}"
            elif col == "csat":
                v = None if miss else str(r.randint(1, 5))
            elif col == "nps":
                v = None if miss else str(r.randint(0, 10))
            elif col == "ces":
                v = None if miss else str(r.randint(1, 7))
            elif col in ("fcr", "first_contact_resolved"):
                v = None if miss else r.choice(BOOL_OK)
            elif col in DUR:
                v = None if miss else rand_duration(r, col)
            if v is not None and r.random() < 0.02:
                v = ""
            if dirty and r.random() < 0.03 and col not in ("contact_id", "channel", "agent_id", "team", "priority",
                                                            "customer_id", "notes", "Channel", "extra", "csat_2", ""):
                v = r.choice({"opened_at": INST_BAD, "csat": SCORE_BAD + ["6", "0"], "nps": SCORE_BAD + ["11"],
                              "ces": SCORE_BAD + ["8"], "fcr": BOOL_BAD, "first_contact_resolved": BOOL_BAD}.get(col, DUR_BAD))
            row.append(v)
        if dirty and r.random() < 0.03 and len(row) > 1:
            row = row[: r.randint(1, len(row) - 1)]
        elif dirty and r.random() < 0.03:
            row = row + ["x"]
        rows.append(row)
    eol = r.choice(["\n", "\r\n", "\n", "\r"])
    data = csv_bytes(cols, rows, eol=eol, bom=r.random() < 0.2, final_eol=r.random() < 0.8,
                     quote_all=r.random() < 0.1, rnd=r)
    return data


RANDOM_ARGS = [
    [], ["--by", "channel"], ["--by", "agent_id,team"], ["--by", "priority", "--period", "week"],
    ["--period", "day", "--tz", "Europe/Berlin"], ["--by", "team,channel", "--period", "month", "--tz", "America/St_Johns"],
    ["--sla-policy", "P1=60,P2=300.5,P3=3600,p1=1"], ["--fcr-window", "604800"],
    ["--fcr-window", "3600", "--by", "channel", "--period", "day"], ["--by", "channel,priority", "--sla-policy", "P2=300"],
    ["--period", "week", "--tz", "Pacific/Kiritimati", "--fcr-window", "86400"],
    ["--by", "agent", "--period", "day", "--tz", "Asia/Kathmandu"],
]


def generate(out, seed=1, nrandom=40, quick=False):
    random.seed(seed)
    c = Corpus(out)
    fixed_cases(c, quick)
    if quick:
        # CI size: every third case of the one-value-form families (the full run takes them all)
        fams = ("score_bad_", "bool_bad_", "dur_bad_", "inst_bad_", "sla_policy_form_", "fcr_window_form_", "options#",
                "fcr_repeat#", "dur_ok_")
        kept, seen = [], {}
        for case in c.cases:
            fam = next((f for f in fams if case["name"].startswith(f)), None)
            if fam is not None and not case["name"].endswith("_all#0"):
                seen[fam] = seen.get(fam, -1) + 1
                if seen[fam] % 3:
                    continue
            kept.append(case)
        c.cases = kept
    r = random.Random(seed)
    for i in range(nrandom):
        dirty = i % 3 == 2
        data = random_file(r, dirty)
        k = 2 if quick else 3
        args = r.sample(RANDOM_ARGS, k)
        if dirty:
            args = [a + ["--lenient"] for a in args] + [args[0]]
        c.add(f"random_{seed}_{i}{'_dirty' if dirty else ''}", data, args)
    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump(c.cases, f, indent=1)
    return c.cases


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--random", type=int, default=40)
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    cases = generate(a.out, a.seed, a.random, a.quick)
    print(f"{len(cases)} cases in {a.out}")
