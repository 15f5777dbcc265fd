#!/usr/bin/env bash
# Scores the rule-based extractor on ../shared/eval: the seed, the development part and the check part of dev/.
# The check part is chosen mechanically (every document whose number is a multiple of 4: 04, 08, 12, 16, 20) and
# is held back from rule development; its score is the estimate for documents the extractor has never seen.
# Usage: tools/eval/score-dev.sh [--no-build] [--keep DIR]   (needs python3 and ../shared/eval)
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${SHARED_DIR:-../shared}
build=1; keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --keep) keep=$2; shift ;;
    *) echo "usage: $0 [--no-build] [--keep DIR]" >&2; exit 2 ;;
  esac
  shift
done
[ "$build" = 1 ] && dotnet build src/RelationGraph.Cli -c Release -v q -nologo >/dev/null
cli=artifacts/bin/RelationGraph.Cli/release/relgraph.dll
work=${keep:-$(mktemp -d)}
mkdir -p "$work"/{dev,check}/{docs,gold,pred} "$work/seed"

for doc in "$shared"/eval/dev/docs/*.txt; do
  stem=$(basename "$doc" .txt); n=$((10#${stem%%-*}))
  part=dev; [ $((n % 4)) -eq 0 ] && part=check
  ln -sf "$(realpath "$doc")" "$work/$part/docs/$stem.txt"
  ln -sf "$(realpath "$shared/eval/dev/gold/$stem.json")" "$work/$part/gold/$stem.json"
  dotnet "$cli" extract "$doc" --out "$work/$part/pred/$stem.json"
done
seed=$(ls "$shared"/seeds/*.txt | head -n 1)
dotnet "$cli" extract "$seed" --out "$work/seed/seed.json"

echo "seed:  $(python3 "$shared/eval/score.py" --doc "$seed" --gold "$shared/eval/seed-gold.json" --pred "$work/seed/seed.json" | tail -n 1)"
for part in dev check; do
  echo "$part: $(python3 "$shared/eval/score.py" --docs "$work/$part/docs" --gold "$work/$part/gold" --pred "$work/$part/pred" | tail -n 1)"
done
mkdir -p "$work/all"; cp "$work"/dev/pred/*.json "$work"/check/pred/*.json "$work/all/"
echo "all:   $(python3 "$shared/eval/score.py" --docs "$shared/eval/dev/docs" --gold "$shared/eval/dev/gold" --pred "$work/all" | tail -n 1)"
