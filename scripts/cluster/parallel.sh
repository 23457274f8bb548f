#!/usr/bin/env bash
# Runs testimony as N shards with GNU parallel, on this machine or on the hosts of an
# --sshloginfile (same paths on every host: a shared filesystem), then merges OUT/shard-* into OUT/all.
#   scripts/cluster/parallel.sh --shards N --out OUT [--sshloginfile F] [--per-host K] [--run-jobs J] [--] [run options] INPUT...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

shards=""
out=""
sshlogin=()
per_host=1     # shards at a time on each host
run_jobs=0     # page workers per shard; 0 = all cores of its host
usage() { sed -n '4s/^# *//p' "$0" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shards) shards="${2:?}"; shift 2 ;;
    --out) out="${2:?}"; shift 2 ;;
    --sshloginfile) sshlogin=(--sshloginfile "${2:?}" --workdir . --env OMP_THREAD_LIMIT); shift 2 ;;
    --per-host) per_host="${2:?}"; shift 2 ;;
    --run-jobs) run_jobs="${2:?}"; shift 2 ;;
    --) shift; break ;;
    -h|--help) usage ;;
    *) break ;;
  esac
done
[[ "$shards" =~ ^[1-9][0-9]*$ && -n "$out" && $# -gt 0 ]] || usage

if [[ -z "${TESTIMONY_BIN:-}" ]]; then
  if [[ -x "$here/../../build/bin/testimony" ]]; then
    TESTIMONY_BIN="$(cd "$here/../../build/bin" && pwd)/testimony"
  else
    TESTIMONY_BIN="$(command -v testimony)" || { echo "parallel.sh: no testimony binary; set TESTIMONY_BIN" >&2; exit 2; }
  fi
fi
export OMP_THREAD_LIMIT=1
mkdir -p "$out/logs"

# One job per shard; -q quotes the command and its arguments for the shell (and for ssh), so
# inputs with spaces stay whole. --resume makes a re-run redo only unfinished documents.
# Exit 1 from a shard (documents failed, listed in its manifest) does not stop the others.
status=0
parallel -q --halt never -j "$per_host" "${sshlogin[@]}" --joblog "$out/logs/parallel.joblog" \
  --results "$out/logs/shard-{}" \
  "$TESTIMONY_BIN" run --resume --jobs "$run_jobs" --shard "{}/$shards" --out "$out/shard-{}" "$@" \
  ::: $(seq 1 "$shards") >/dev/null || status=$?

# Merge only complete shards: a killed run leaves a manifest without its closing summary line.
dirs=()
missing=()
for ((i = 1; i <= shards; i++)); do
  if [[ -f "$out/shard-$i/manifest.jsonl" ]] && tail -n 1 "$out/shard-$i/manifest.jsonl" | grep -q '^{"summary"'; then
    dirs+=("$out/shard-$i")
  else
    missing+=("$i")
  fi
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "parallel.sh: shard(s) ${missing[*]} did not finish (logs in $out/logs); run the same command again" >&2
  exit 2
fi
rm -rf "$out/all.partial"
"$TESTIMONY_BIN" merge --out "$out/all.partial" "${dirs[@]}"
rm -rf "$out/all"
mv "$out/all.partial" "$out/all"
tail -n 1 "$out/all/manifest.jsonl"
# 0: every document ok; 1: some documents failed (see OUT/all/manifest.jsonl).
[[ $status -eq 0 ]] || exit 1
