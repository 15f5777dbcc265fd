#!/usr/bin/env python3
"""Lists what one extraction run got wrong against gold: missed and spurious entities and relations.

Usage: diff.py DOCS_DIR GOLD_DIR PRED_DIR [STEM...]        every error, document by document
       diff.py --by-type DOCS_DIR GOLD_DIR PRED_DIR        relation P/R/F1 per type, summed over the documents
Uses the alignment rules of ../shared/eval/score.py (imported from SHARED_DIR, default ../shared).
"""
import importlib.util, json, os, sys
from pathlib import Path

shared = Path(os.environ.get("SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
score = importlib.util.module_from_spec(spec); spec.loader.exec_module(score)
norm, occurrences, overlaps, check_span = score.norm, score.occurrences, score.overlaps, score.check_span

def align(doc, gold, pred):
    g = gold["entities"]; p = pred["entities"]
    gs = [{norm(e["name"])} | {norm(a) for a in e.get("aliases", [])} for e in g]
    by_name = {e["name"]: i for i, e in enumerate(g)}
    gsp = [[s for f in [e["name"]] + e.get("aliases", []) for s in occurrences(doc, f)] for e in g]
    for r in gold["relations"]:
        for end in ("source", "target"):
            i = by_name.get(r[end])
            if i is not None and g[i]["type"] in score.SPAN_TYPES:
                gsp[i] += occurrences(doc, r.get("evidence", ""))
    ps, psp = [], []
    for e in p:
        f = {norm(e.get("name", ""))} | {norm(a) for a in e.get("aliases", [])}
        sp = []
        for m in e.get("mentions", []):
            ok, s = check_span(doc, m)
            if ok: sp.append(s); f.add(norm(doc[s[0]:s[1]]))
        ps.append(f - {""}); psp.append(sp)
    c = []
    for i, ge in enumerate(g):
        for j, pe in enumerate(p):
            if pe.get("type") != ge["type"]: continue
            if gs[i] & ps[j]: c.append((2, i, j))
            elif ge["type"] in score.SPAN_TYPES and any(overlaps(a, b) for a in gsp[i] for b in psp[j]): c.append((1, i, j))
    c.sort(key=lambda x: (-x[0], x[1], x[2]))
    g2p, p2g = {}, {}
    for _, i, j in c:
        if i not in g2p and j not in p2g: g2p[i], p2g[j] = j, i
    return g2p, p2g, by_name

def main():
    by_type = sys.argv[1] == "--by-type"
    args = sys.argv[2:] if by_type else sys.argv[1:]
    docs, golds, preds = map(Path, args[0:3]); stems = args[3:]
    counts = {}
    for gf in sorted(golds.glob("*.json")):
        if stems and not any(gf.stem.startswith(s) for s in stems): continue
        doc = score.read_doc(docs / (gf.stem + ".txt")); gold = json.load(open(gf)); pred = json.load(open(preds / gf.name))
        g2p, p2g, by_name = align(doc, gold, pred)
        g, p = gold["entities"], pred["entities"]
        if by_type:
            count_types(counts, gold, pred, g2p, p2g, by_name)
            continue
        print(f"=== {gf.stem}")
        for i, e in enumerate(g):
            if i not in g2p: print(f"  FN ent {e['type']:13} {e['name']!r} aliases={e.get('aliases', [])}")
        for j, e in enumerate(p):
            if j not in p2g: print(f"  FP ent {e['type']:13} {e['name']!r} aliases={e.get('aliases', [])[:3]}")
        pkey = {}
        for j, e in enumerate(p):
            pkey[str(e.get("id"))] = j; pkey.setdefault(e.get("name"), j)
        key = lambda t, s, o: (t, frozenset((s, o))) if t in score.SYMMETRIC else (t, s, o)
        grel = {key(r["type"], by_name.get(r["source"]), by_name.get(r["target"])): r for r in gold["relations"]}
        seen = set()
        for r in pred["relations"]:
            s, o = p2g.get(pkey.get(str(r["source"]))), p2g.get(pkey.get(str(r["target"])))
            k = key(r["type"], s, o); seen.add(k)
            if k not in grel:
                sn = p[pkey[str(r["source"])]]["name"] if str(r["source"]) in pkey else r["source"]
                on = p[pkey[str(r["target"])]]["name"] if str(r["target"]) in pkey else r["target"]
                ev = r["evidence"][0]["text"][:110].replace("\n", " ") if r.get("evidence") else ""
                rule = r.get("rule", "")
                print(f"  FP rel {r['type']:17} {sn!r} -> {on!r} {rule} | {ev}")
        for k, r in grel.items():
            if k not in seen: print(f"  FN rel {r['type']:17} {r['source']!r} -> {r['target']!r} | {r['evidence'][:110]}")

    if by_type:
        for t, (tp, fp, fn) in sorted(counts.items()):
            pr = tp / (tp + fp) if tp + fp else 0.0; rc = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
            print(f"{t:18} tp={tp:3} fp={fp:3} fn={fn:3}  P={pr:.3f} R={rc:.3f} F1={f1:.3f}")

def count_types(counts, gold, pred, g2p, p2g, by_name):
    p = pred["entities"]
    pkey = {}
    for j, e in enumerate(p):
        pkey[str(e.get("id"))] = j; pkey.setdefault(e.get("name"), j)
    key = lambda t, s, o: (t, frozenset((s, o))) if t in score.SYMMETRIC else (t, s, o)
    grel = {key(r["type"], by_name.get(r["source"]), by_name.get(r["target"])) for r in gold["relations"]}
    prel = set()
    for n, r in enumerate(pred["relations"]):
        s, o = p2g.get(pkey.get(str(r["source"]))), p2g.get(pkey.get(str(r["target"])))
        prel.add(key(r["type"], s, o) if s is not None and o is not None else (r["type"], "unaligned", n))
    for k in grel | prel:
        c = counts.setdefault(k[0], [0, 0, 0])
        c[0 if k in grel and k in prel else 1 if k in prel else 2] += 1

main()
