# Shared by test-parallel and test-slurm (sourced, not run): small inputs made from the
# fixtures, a reference single run, and the check that N shards + merge equal that run.

# sample_inputs DIR: one .txt transcription per fixture case (its gold pages joined by form
# feeds; as a .txt it is an ordinary input, read without OCR), in two subfolders so that ids
# carry a folder, plus one scanned page that goes through OCR.
sample_inputs() {
  local dir="$1" gold name i=0
  rm -rf "$dir"
  mkdir -p "$dir/letters" "$dir/reports" "$dir/scans/por-lista-vistos"
  for gold in fixtures/*/gold fixtures/holdout/*/gold; do
    name="$(basename "$(dirname "$gold")")"
    i=$((i + 1))
    local files=("$gold"/page-*.gt.txt)
    [[ -f "${files[0]}" ]] || continue
    # pages separated by a form feed
    awk 'FNR == 1 && NR > 1 { printf "\f" } { print }' "${files[@]}" \
      >"$dir/$( ((i % 2)) && echo letters || echo reports)/$name.txt"
  done
  cp fixtures/por-lista-vistos/page-0001.png "$dir/scans/por-lista-vistos/"
}

# same_as_single SINGLE MERGED: byte-identical records/, the same manifest (document lines
# and summary), the same catalog rows. Prints what differs and returns 1.
same_as_single() {
  local single="$1" merged="$2" ok=0 q
  if ! diff -r "$single/records" "$merged/records" >&2; then
    echo "records differ" >&2
    ok=1
  fi
  if ! diff <(grep '"id"' "$single/manifest.jsonl") <(grep '"id"' "$merged/manifest.jsonl") >&2; then
    echo "manifest document lines differ" >&2
    ok=1
  fi
  if ! diff <(tail -n 1 "$single/manifest.jsonl") <(tail -n 1 "$merged/manifest.jsonl") >&2; then
    echo "manifest summaries differ" >&2
    ok=1
  fi
  # Confidences are compared at the records' precision (4 decimals): a run's catalog is
  # written from the documents in memory, a merged one from the rounded records. The exact
  # difference is reported as a note, not a failure.
  for q in "SELECT * FROM documents ORDER BY id" \
           "SELECT doc_id, number, width, height, dpi, text_source, words, round(confidence, 4), text FROM pages ORDER BY doc_id, number" \
           "SELECT doc_id, ordinal, type, text, value, page, start, end, bboxes, authority, round(confidence, 4), evidence, review, date_from, date_to FROM entities ORDER BY doc_id, ordinal" \
           "SELECT doc_id, page, text FROM page_text ORDER BY doc_id, page" \
           "SELECT doc_id, type, text, value FROM entity_names ORDER BY doc_id, entity_id"; do
    if ! diff <(sqlite3 "$single/catalog.sqlite" "$q") <(sqlite3 "$merged/catalog.sqlite" "$q") >/dev/null; then
      echo "catalogs differ: $q" >&2
      ok=1
    fi
  done
  q="SELECT doc_id, ordinal, confidence FROM entities ORDER BY doc_id, ordinal"
  if ! diff <(sqlite3 "$single/catalog.sqlite" "$q") <(sqlite3 "$merged/catalog.sqlite" "$q") >/dev/null; then
    echo "note: entity confidences in the catalogs differ beyond the records' 4 decimals" >&2
  fi
  return "$ok"
}

# shard_sizes OUT N: documents per shard, e.g. "9 8 8".
shard_sizes() {
  local i sizes=()
  for ((i = 1; i <= $2; i++)); do sizes+=("$(grep -c '"id"' "$1/shard-$i/manifest.jsonl")"); done
  echo "${sizes[*]}"
}
