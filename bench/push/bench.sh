#!/usr/bin/env bash
# Benchmark of `prestage push` and `prestage verify` against the tools admins use today, measured in the
# same run on the same files (run by hand; it takes ~10-15 minutes at the default size):
#   push   vs  cp + sync,  cp + sync + sha256sum,  rsync
#   verify vs  sha256sum -c,  openssl dgst -sha256
# on one big random file and on a set of two 1 GiB images with small index files, warm page cache
# (source cached, as after a first read) and cold (source pages dropped before every run). Prints median
# wall times, peak RSS and ratios.
#
#   bench/push/bench.sh                  4 GiB file, 5 runs per command
#   SIZE_MIB=1024 RUNS=3 bench/push/bench.sh
#   BENCH_DIR=/mnt/fast/bench  KEEP=1    where the files go (default /var/tmp/prestage-bench); keep them
#   COLD=global                          cold runs drop the whole page cache (echo 3 > drop_caches) instead of
#                                        only the source files' pages; unfair to others on a shared machine
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
prestage="$repo/prestage"
size_mib="${SIZE_MIB:-4096}"
set_mib="${SET_MIB:-1024}"
runs="${RUNS:-5}"
cold_runs="${COLD_RUNS:-3}"
work="${BENCH_DIR:-/var/tmp/prestage-bench}"

for tool in hyperfine sha256sum openssl rsync python3 dd /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is needed; install it" >&2; exit 2; }
done
[ -x "$prestage" ] || { echo "bench: $prestage not found; run from a checkout that has the launcher" >&2; exit 2; }

mkdir -p "$work"
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

make_file() { # PATH MIB: random content, made once
  [ -f "$1" ] && [ "$(stat -c %s "$1")" = $(( $2 * 1048576 )) ] && return
  echo "bench: writing $2 MiB of random data to $1" >&2
  # a keystream is random enough for copying and hashing, and far faster to make than /dev/urandom
  { openssl enc -aes-128-ctr -nosalt -pass pass:prestage-bench -in /dev/zero 2>/dev/null || true; } | head -c $(( $2 * 1048576 )) > "$1"
}

one="$work/one"; set="$work/set"
mkdir -p "$one" "$set"
make_file "$one/Big.ckm" "$size_mib"
make_file "$one/Big.ckm.index" 4
make_file "$set/Win7.ckm" "$set_mib"
make_file "$set/Win7.ckm.index" 4
make_file "$set/XP.ckm" "$set_mib"
make_file "$set/XP.ckm.index" 2
"$prestage" --version >/dev/null   # builds the launcher's jar and class-data archive outside the timings

# A cold run starts with none of the source's pages in memory.
evict() { # DIR
  if [ "${COLD:-}" = global ]; then sync; echo 3 > /proc/sys/vm/drop_caches; return; fi
  for f in "$1"/*; do dd if="$f" iflag=nocache count=0 status=none; done
}

results="$work/results"
mkdir -p "$results"
rss_file="$results/rss.txt"
: > "$rss_file"

peak_rss() { # NAME PREPARE COMMAND: one run under /usr/bin/time, peak RSS in KiB of the biggest process
  bash -c "$2" >/dev/null 2>&1
  /usr/bin/time -o "$results/time.out" -f '%M' bash -c "$3" >/dev/null 2>&1
  echo "$1 $(tail -1 "$results/time.out")" >> "$rss_file"
}

bench() { # LABEL SRC DST MODE(warm|cold) RUNS
  local label="$1" src="$2" dst="$3" mode="$4" n="$5"
  local pre="rm -rf '$dst'; sync"
  local verify_pre="sync"
  if [ "$mode" = cold ]; then
    pre="$pre; $(declare -f evict); COLD='${COLD:-}' evict '$src'"
    verify_pre="$(declare -f evict); COLD='${COLD:-}' evict '$dst'"
  else
    pre="$pre; cat '$src'/* > /dev/null"
    verify_pre="cat '$dst'/* > /dev/null"
  fi
  local push="'$prestage' --json push '$src' --to '$dst' > /dev/null"
  local cp="mkdir -p '$dst' && cp '$src'/* '$dst'/ && sync"
  local cphash="$cp && sha256sum '$dst'/* > /dev/null"
  local rsync="rsync -a '$src'/ '$dst'/"
  echo "== $label, $mode: push" >&2
  local copy_cmds=(-n push "$push" -n "cp+sync" "$cp")
  local copy_pres=(--prepare "$pre" --prepare "$pre")
  if [ "$mode" = warm ]; then
    copy_cmds+=(-n "cp+sync+sha256sum" "$cphash" -n rsync "$rsync")
    copy_pres+=(--prepare "$pre" --prepare "$pre")
  fi
  hyperfine --shell bash --style basic --runs "$n" "${copy_pres[@]}" "${copy_cmds[@]}" --export-json "$results/$label-$mode-copy.json" >&2

  # verify needs the store push made
  bash -c "$pre; $push"
  local names; names="$(cd "$dst" && ls *.ckm *.index | tr '\n' ' ')"
  local verify="'$prestage' --json verify '$dst' > /dev/null"
  local sums="cd '$dst' && sha256sum -c --quiet SHA256SUMS"
  local ossl="cd '$dst' && openssl dgst -sha256 $names > /dev/null"
  echo "== $label, $mode: verify" >&2
  hyperfine --shell bash --style basic --runs "$n" --prepare "$verify_pre" -n verify "$verify" -n "sha256sum -c" "$sums" -n "openssl dgst" "$ossl" \
    --export-json "$results/$label-$mode-verify.json" >&2

  if [ "$mode" = warm ]; then
    peak_rss "$label push" "$pre" "$push"
    peak_rss "$label cp" "$pre" "mkdir -p '$dst' && cp '$src'/* '$dst'/"
    peak_rss "$label rsync" "$pre" "$rsync"
    bash -c "$pre; $push"
    peak_rss "$label verify" "$verify_pre" "$verify"
    peak_rss "$label openssl" "$verify_pre" "$ossl"
  fi
  rm -rf "$dst"
}

bench "one" "$one" "$work/dst-one" warm "$runs"
bench "one" "$one" "$work/dst-one" cold "$cold_runs"
bench "set" "$set" "$work/dst-set" warm "$runs"
bench "set" "$set" "$work/dst-set" cold "$cold_runs"

python3 - "$results" "$size_mib" "$set_mib" <<'EOF'
import json, os, sys
results, size, set_mib = sys.argv[1], sys.argv[2], sys.argv[3]
def medians(name):
    path = os.path.join(results, name)
    if not os.path.exists(path): return {}
    return {r["command"]: r["median"] for r in json.load(open(path))["results"]}
rss = dict(line.rsplit(" ", 1) for line in open(os.path.join(results, "rss.txt")).read().splitlines() if line.strip())
print()
print(f"prestage push/verify benchmark: one = {size} MiB + 4 MiB index; set = 2 x {set_mib} MiB + 2 small indexes; medians of hyperfine runs")
for label in ("one", "set"):
    for mode in ("warm", "cold"):
        c, v = medians(f"{label}-{mode}-copy.json"), medians(f"{label}-{mode}-verify.json")
        if not c: continue
        print(f"\n[{label}, {mode} source cache]")
        for k, t in c.items(): print(f"  {k:20s} {t:7.2f} s")
        push = c["push"]
        for k in ("cp+sync", "cp+sync+sha256sum", "rsync"):
            if k in c: print(f"  push / {k:16s} {push / c[k]:5.2f}x")
        for k, t in v.items(): print(f"  {k:20s} {t:7.2f} s")
        for k in ("openssl dgst", "sha256sum -c"):
            if k in v: print(f"  verify / {k:14s} {v['verify'] / v[k]:5.2f}x")
print("\npeak RSS (KiB):")
for k, kb in rss.items(): print(f"  {k:20s} {int(kb) / 1024:7.1f} MiB")
EOF
