#!/usr/bin/env bash
# Fuzz smoke run for CI: each target for ~20 s (FUZZ_SECONDS to change) on
# the committed seeds, in-process, one at a time. Exits non-zero when a target crashes or
# times out; exits 0 with instructions when cargo-fuzz is not installed.
set -euo pipefail
cd "$(dirname "$0")"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz/smoke.sh: cargo-fuzz is not installed; skipping."
  echo "  install it with: cargo install cargo-fuzz --locked"
  echo "  then run:        fuzz/smoke.sh   (stable toolchain: RUSTC_BOOTSTRAP=1 is set here)"
  exit 0
fi

# cargo-fuzz needs nightly-only flags (-Zsanitizer=...); on a stable toolchain
# RUSTC_BOOTSTRAP=1 unlocks them. Safe Rust gains little from AddressSanitizer,
# so `-s none` (still with debug assertions and overflow checks).
export RUSTC_BOOTSTRAP=1
seconds="${FUZZ_SECONDS:-20}"
targets=(parse_article analyze analyze_with_date config positions edits)

seeds_for() {
  case "$1" in
    parse_article|analyze|analyze_with_date) echo "seeds/articles" ;;
    config) echo "seeds/config" ;;
    *) echo "seeds/$1" ;;
  esac
}

cargo fuzz build -s none
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  dict=()
  case "$t" in
    parse_article|analyze|analyze_with_date) dict=(-dict=article.dict) ;;
    positions) dict=(-max_len=300) ;;
  esac
  echo "== $t (${seconds}s)"
  if ! cargo fuzz run -s none "$t" "corpus/$t" "$(seeds_for "$t")" -- \
      -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
      -print_final_stats=1 "${dict[@]}" 2>"target/smoke-$t.log"; then
    echo "!! $t failed: see fuzz/target/smoke-$t.log and fuzz/artifacts/$t/"
    tail -40 "target/smoke-$t.log"
    status=1
  else
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|DONE" "target/smoke-$t.log" | tr '\n' ' '
    echo
  fi
done
exit $status
