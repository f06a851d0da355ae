#!/usr/bin/env python3
"""Writes the demo corpus under resources/corpus/ (see resources/corpus/PROVENANCE.md).

    scripts/make_demo_corpus.py [--out resources/corpus] [--seed 20240801] [--scale 1.0]

Deterministic: the same seed and the same Debian files give byte-identical output. Python 3
standard library only. Layout:

    train/<domain>/<lang>.jsonl        generated documents {"id", "text", "source"} with planted noise
    train/legal/en-debian/*.txt        Debian licence texts and copyright files, copied verbatim
    val/<domain>_<lang>.txt            held-out generated documents (never in train/), blank-line separated
    val/legal_en_licence.txt           a held-out Debian licence text
    instructions/<domain>.jsonl        Alpaca-style {"instruction", "input", "output"} for law and finance
    manifest.json                      documents, bytes and every planted item by id
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_corpus import finance_en, finance_zh, general_en, general_zh, legal_en, legal_zh, noise  # noqa: E402

# (domain, lang) -> (module, target bytes of generated text before noise)
SECTIONS = {
    ("legal", "zh"): (legal_zh, 640_000),
    ("legal", "en"): (legal_en, 380_000),
    ("finance", "zh"): (finance_zh, 600_000),
    ("finance", "en"): (finance_en, 380_000),
    ("general", "zh"): (general_zh, 260_000),
    ("general", "en"): (general_en, 200_000),
}
VAL_SHARE = 0.04

# Planting rates per generated document.
EXACT_COPY, NEAR_COPY, PII, HTML, UNICODE = 0.03, 0.03, 0.06, 0.03, 0.02
JUNK_PER_FILE = 16

DEBIAN_TRAIN = [
    "/usr/share/common-licenses/Apache-2.0", "/usr/share/common-licenses/BSD", "/usr/share/common-licenses/CC0-1.0",
    "/usr/share/common-licenses/GFDL-1.2", "/usr/share/common-licenses/GFDL-1.3",
    "/usr/share/common-licenses/GPL-1", "/usr/share/common-licenses/GPL-2", "/usr/share/common-licenses/GPL-3",
    "/usr/share/common-licenses/LGPL-2", "/usr/share/common-licenses/LGPL-2.1", "/usr/share/common-licenses/LGPL-3",
    "/usr/share/common-licenses/MPL-2.0",
    "/usr/share/doc/libtorch1.13/copyright", "/usr/share/doc/libsentencepiece0/copyright",
    "/usr/share/doc/libprotobuf32/copyright", "/usr/share/doc/libsqlite3-0/copyright",
    "/usr/share/doc/zlib1g/copyright", "/usr/share/doc/libpcre2-8-0/copyright",
    "/usr/share/doc/nlohmann-json3-dev/copyright", "/usr/share/doc/libicu72/copyright",
    "/usr/share/doc/libgloo-dev/copyright", "/usr/share/doc/libopenblas0-pthread/copyright",
    "/usr/share/doc/libfmt9/copyright", "/usr/share/doc/libeigen3-dev/copyright",
]
DEBIAN_VAL = "/usr/share/common-licenses/MPL-1.1"


def debian_name(path):
    parts = path.strip("/").split("/")
    return ("common-licenses_" + parts[-1] if parts[-2] == "common-licenses" else "copyright_" + parts[-2]) + ".txt"


def declared_licenses(path):
    """The License: names a Debian machine-readable copyright file declares (none for licence texts)."""
    with open(path, encoding="utf-8") as f:
        names = {line.split(":", 1)[1].strip() for line in f if line.startswith("License:")}
    return sorted(n for n in names if n)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def generate_clean(module, rng, target):
    docs, size = [], 0
    while size < target:
        text = module.document(rng)
        docs.append(text)
        size += len(text.encode("utf-8"))
    return docs


def plant(rng, domain, lang, docs):
    """Returns the documents with noise planted, and the manifest entry saying what and where."""
    planted = {"exact_copy": [], "near_copy": [], "pii": [], "html": [], "unicode": [], "junk": []}
    out = []      # [text, kind, key of the original for copies]; the key is the entry's own position at append
    pending = []  # copies waiting to be inserted a few documents after their original
    for text in docs:
        r = rng.random()
        kind = None
        if r < PII:
            text, kind = noise.add_pii(rng, lang, text), "pii"
        elif r < PII + HTML:
            text, kind = noise.html_wrap(rng, text), "html"
        elif r < PII + HTML + UNICODE:
            text, kind = noise.unicode_noise(rng, text), "unicode"
        key = len(out)
        out.append((text, kind, None, key))
        r = rng.random()
        if r < EXACT_COPY:
            pending.append([rng.randint(1, 15), noise.exact_copy(rng, lang, text), "exact_copy", key])
        elif r < EXACT_COPY + NEAR_COPY:
            pending.append([rng.randint(1, 15), noise.near_copy(rng, lang, text), "near_copy", key])
        for p in pending:
            p[0] -= 1
        for p in [p for p in pending if p[0] <= 0]:
            out.append((p[1], p[2], p[3], len(out)))
            pending.remove(p)
    for p in pending:
        out.append((p[1], p[2], p[3], len(out)))
    for i in range(JUNK_PER_FILE):
        out.insert(rng.randint(0, len(out)), (noise.junk(rng, lang, i), "junk", None, -1 - i))
    # Ids are assigned after all insertions, so a copy's id says nothing about its original.
    ids = [f"{domain}-{lang}-{i:05d}" for i in range(len(out))]
    id_of_key = {entry[3]: ids[i] for i, entry in enumerate(out)}
    records = []
    for i, (text, kind, original, _) in enumerate(out):
        records.append({"id": ids[i], "text": text, "source": domain})
        if original is not None:
            planted[kind].append({"id": ids[i], "copy_of": id_of_key[original]})
        elif kind:
            planted[kind].append(ids[i])
    return records, planted


def write_jsonl(path, records):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def instruction_set(pairs, domain):
    def lang(text):
        return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"
    return [{"instruction": q, "input": "", "output": a, "source": f"demo_{domain}", "domain": domain, "lang": lang(q)}
            for q, a in pairs]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "resources", "corpus"))
    ap.add_argument("--seed", type=int, default=20240801)
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies every section's size")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    for sub in ("train", "val", "instructions"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)

    manifest = {"seed": args.seed, "scale": args.scale, "files": {}}
    for n, ((domain, lang), (module, target)) in enumerate(sorted(SECTIONS.items())):
        rng = random.Random(args.seed * 100 + n)
        val_rng = random.Random(args.seed * 100 + 50 + n)
        docs = generate_clean(module, rng, int(target * args.scale))
        seen = set(docs)
        val_docs = [d for d in generate_clean(module, val_rng, int(target * args.scale * VAL_SHARE)) if d not in seen]
        records, planted = plant(rng, domain, lang, docs)
        rel = f"train/{domain}/{lang}.jsonl"
        write_jsonl(os.path.join(out, rel), records)
        write_text(os.path.join(out, f"val/{domain}_{lang}.txt"), "\n\n".join(val_docs) + "\n")
        manifest["files"][rel] = {
            "documents": len(records), "generated": len(docs),
            "bytes": os.path.getsize(os.path.join(out, rel)),
            "planted_counts": {k: len(v) for k, v in planted.items()}, "planted": planted}
        manifest["files"][f"val/{domain}_{lang}.txt"] = {"documents": len(val_docs),
                                                         "bytes": os.path.getsize(os.path.join(out, f"val/{domain}_{lang}.txt"))}

    debian = {}
    for path in DEBIAN_TRAIN:
        dest = os.path.join(out, "train/legal/en-debian", debian_name(path))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(path, dest)
        debian["train/legal/en-debian/" + debian_name(path)] = {"origin": path, "sha256": sha256(path),
                                                                 "bytes": os.path.getsize(path),
                                                                 "licenses": declared_licenses(path)}
    shutil.copyfile(DEBIAN_VAL, os.path.join(out, "val/legal_en_licence.txt"))
    debian["val/legal_en_licence.txt"] = {"origin": DEBIAN_VAL, "sha256": sha256(DEBIAN_VAL),
                                          "bytes": os.path.getsize(DEBIAN_VAL), "licenses": []}
    manifest["debian"] = debian

    rng = random.Random(args.seed + 7)
    law = instruction_set(legal_zh.instructions() + legal_en.instructions(), "law")
    finance = instruction_set(finance_zh.instructions(rng) + finance_en.instructions(rng), "finance")
    write_jsonl(os.path.join(out, "instructions/law.jsonl"), law)
    write_jsonl(os.path.join(out, "instructions/finance.jsonl"), finance)
    manifest["files"]["instructions/law.jsonl"] = {"documents": len(law)}
    manifest["files"]["instructions/finance.jsonl"] = {"documents": len(finance)}

    total = sum(os.path.getsize(os.path.join(root, f)) for root, _, files in os.walk(out) for f in files
                if not f.endswith(".md") and f != "manifest.json")
    manifest["total_bytes"] = total
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")
    for rel, info in sorted(manifest["files"].items()):
        print(f"{rel:40s} {info.get('documents', 0):6d} docs {info.get('bytes', 0):9d} bytes "
              f"{info.get('planted_counts', '')}")
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()
