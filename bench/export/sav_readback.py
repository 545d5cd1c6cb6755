"""Reads an SPSS file written by the export back with pyreadstat (ReadStat: an independent reader) and
compares it with what the export meant to write. Prints one JSON line.

  sav_readback.py check FILE.sav EXPECTED.ndjson DICTIONARY.json   every value, label, level, missing code, the weight
  sav_readback.py scale FILE.sav ROWS WEIGHT_SUM                   rows and the weight total, read in chunks (timed)
"""
import json
import math
import resource
import struct
import sys
import time
from datetime import datetime, timezone

import pyreadstat

MAX_LABEL = 120  # bytes: the value-label limit the writer keeps to (SPSS's documented one)


def cut(text, limit):
    """UTF-8 text cut to at most `limit` bytes at a character boundary."""
    raw = text.encode("utf-8")
    if len(raw) <= limit:
        return text
    return raw[:limit].decode("utf-8", errors="ignore")


def slots(fmt):
    """8-byte slots a variable takes in a case, from its format (PSPP's rules for very long strings)."""
    if not fmt.startswith("A"):
        return 1
    width = int(fmt[1:])
    if width <= 255:
        return (width + 7) // 8
    n = (width + 251) // 252
    return (n - 1) * 32 + (width - (n - 1) * 252 + 7) // 8


def header(path):
    with open(path, "rb") as f:
        head = f.read(176)
    return {
        "magic": head[:4].decode("ascii"),
        "compression": struct.unpack("<i", head[72:76])[0],
        "weight_index": struct.unpack("<i", head[76:80])[0],
        "cases": struct.unpack("<i", head[80:84])[0],
    }


def weight_variable(path, meta):
    index = header(path)["weight_index"]
    if index == 0:
        return None
    at = 1
    for name in meta.column_names:
        if at == index:
            return name
        at += slots(meta.original_variable_types[name])
    return "?"


def check(path, expected_path, dictionary_path):
    d = json.load(open(dictionary_path, encoding="utf-8"))
    started = time.time()
    df, meta = pyreadstat.read_sav(path, user_missing=True)
    read_seconds = time.time() - started
    diffs = []

    def diff(what, got, want):
        if len(diffs) < 30:
            diffs.append({"what": what, "got": repr(got)[:200], "want": repr(want)[:200]})
        else:
            diffs.append(None)

    variables = d["variables"]
    names = [v["name"] for v in variables]
    if list(meta.column_names) != names:
        diff("variable names", list(meta.column_names), names)
    if meta.file_encoding.upper().replace("-", "") != "UTF8":
        diff("encoding", meta.file_encoding, "UTF-8")
    h = header(path)
    if h["magic"] != "$FL2" or h["compression"] != 1:
        diff("header", h, "$FL2, bytecode compression")
    got_weight = weight_variable(path, meta)
    if got_weight != d["weight"]:
        diff("weight variable", got_weight, d["weight"])
    for v in variables:
        n = v["name"]
        if meta.column_names_to_labels.get(n) != v["label"]:
            diff(f"{n}: variable label", meta.column_names_to_labels.get(n), v["label"])
        want_measure = "scale" if v["kind"] == "date" else v["measure"]
        if meta.variable_measure.get(n) != want_measure:
            diff(f"{n}: measure", meta.variable_measure.get(n), want_measure)
        want_labels = {(float(x["code"]) if v["kind"] == "number" else str(x["code"])): cut(x["label"], MAX_LABEL) for x in v["values"]}
        got_labels = meta.variable_value_labels.get(n, {})
        if got_labels != want_labels:
            diff(f"{n}: value labels", got_labels, want_labels)
        want_missing = [{"lo": float(m), "hi": float(m)} for m in v["missing"]]
        got_missing = meta.missing_ranges.get(n, [])
        if got_missing != want_missing:
            diff(f"{n}: missing codes", got_missing, want_missing)

    rows = 0
    values = 0
    truncated = 0
    columns = {n: df[n].tolist() for n in names}
    with open(expected_path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            want_row = json.loads(line)
            rows += 1
            if i >= len(df):
                continue
            for j, v in enumerate(variables):
                want = want_row[j]
                got = columns[v["name"]][i]
                values += 1
                if v["kind"] == "string":
                    w = "" if want is None else str(want)
                    c = cut(w, v["width"])
                    truncated += c != w
                    ok = (got or "").rstrip(" ") == c.rstrip(" ")
                elif v["kind"] == "date":
                    if want is None:
                        ok = got is None or (isinstance(got, float) and math.isnan(got)) or str(got) == "NaT"
                    else:
                        t = datetime.fromisoformat(want.replace("Z", "+00:00"))
                        g = got.replace(tzinfo=timezone.utc) if hasattr(got, "replace") and not isinstance(got, str) else got
                        ok = hasattr(g, "timestamp") and abs(g.timestamp() - t.timestamp()) < 0.001
                else:
                    ok = (want is None and math.isnan(got)) or (want is not None and not math.isnan(got) and got == float(want))
                if not ok:
                    diff(f"row {i + 1} {v['name']}", got, want)
    if rows != len(df):
        diff("rows", len(df), rows)
    errors = [x for x in diffs if x is not None]
    return {
        "ok": not diffs,
        "rows": len(df),
        "values": values,
        "variables": len(variables),
        "truncatedSeen": truncated,
        "readSeconds": read_seconds,
        "differences": len(diffs),
        "first": errors,
    }


def scale(path, want_rows, want_weight_sum):
    started = time.time()
    rows = 0
    weight_sum = 0.0
    weight = None
    for df, meta in pyreadstat.read_file_in_chunks(pyreadstat.read_sav, path, chunksize=100_000, user_missing=True):
        if weight is None:
            weight = weight_variable(path, meta)
        rows += len(df)
        if weight:
            weight_sum += float(df[weight].fillna(0).sum())
    seconds = time.time() - started
    ok = rows == want_rows and math.isclose(weight_sum, want_weight_sum, rel_tol=1e-9)
    return {
        "ok": ok,
        "rows": rows,
        "weight": weight,
        "weightSum": weight_sum,
        "readSeconds": seconds,
        "peakMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "check":
        print(json.dumps(check(sys.argv[2], sys.argv[3], sys.argv[4]), ensure_ascii=False))
    else:
        print(json.dumps(scale(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))))
