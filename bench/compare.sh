#!/usr/bin/env bash
# Measures Focus+ side by side with the tools people compare it with, on this machine,
# for the rows of the README's speed table: each comparison is run by hyperfine
# (interleaved warm-up, then N runs each) and its table is printed in Markdown, with the
# peak memory of Focus+ (GNU time, the largest process). A yardstick tool that is not
# installed is left out, and said so.
#
#   bench/compare.sh [RUNS]        (default 5; ../shared/corpus/pdfua1 for the batch rows)
#
# Needs Go and hyperfine; uses pdftoppm (poppler-utils), cpdf, ImageMagick's convert and
# unzip when present. The documents are generated (TestWriteBenchFiles): a 1000-page tagged
# PDF, a DOCX whose document.xml is 20 MB, a 4000×3000 photo.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
corpus="${CORPUS:-../shared/corpus/pdfua1}"
command -v hyperfine >/dev/null || { echo "hyperfine is needed (Debian: apt-get install hyperfine)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
go build -o "$work/focus" ./cmd/focus
FOCUS_BENCH_OUT="$work/docs" go test ./cmd/focus -run '^TestWriteBenchFiles$' -count 1 >/dev/null
focus="$work/focus"
docs="$work/docs"
page=testdata/samples/report-accessible.pdf
has() { command -v "$1" >/dev/null; }
hf() { hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/t.md" "$@" >&2; cat "$work/t.md"; echo; }
rss() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "peak RSS %.0f MiB\n\n", $1/1024}'; }

echo "# Focus+ speed, $(date -u +%Y-%m-%d), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo

"$focus" check "$page" --fail-on never >/dev/null # the renderer's compiled module is cached

echo "## One one-page PDF, renderer cache warm"
if has pdftoppm; then
	hf -N "$focus check $page --fail-on never" "pdftoppm -r 72 -f 1 -l 1 $page $work/p"
else
	hf -N "$focus check $page --fail-on never"
fi
rss "$focus" check "$page" --fail-on never

echo "## The same, cold cache (the renderer compiled on first use)"
hf --prepare "rm -rf $work/cold" "XDG_CACHE_HOME=$work/cold $focus check $page --fail-on never"
rm -rf "$work/cold"
XDG_CACHE_HOME="$work/cold" rss "$focus" check "$page" --fail-on never

if [ -d "$corpus" ]; then
	n="$(ls "$corpus"/*.pdf | wc -l)"
	echo "## Batch of the $n PDFs of $corpus"
	if has cpdf; then
		hf "$focus check $corpus --fail-on never --format json -o /dev/null" \
			"for f in $corpus/*.pdf; do cpdf -info \"\$f\" >/dev/null 2>&1; done"
	else
		echo "(cpdf is not installed: Focus+ alone)"
		hf "$focus check $corpus --fail-on never --format json -o /dev/null"
	fi
	echo "## The same batch, -j 1 against -j 2"
	hf "$focus check $corpus -j 1 --fail-on never --format json -o /dev/null" \
		"$focus check $corpus -j 2 --fail-on never --format json -o /dev/null"
else
	echo "(no corpus at $corpus: batch rows left out)"
fi

echo "## A 1000-page tagged PDF, default settings"
if has pdftoppm; then
	mkdir -p "$work/ppm"
	hf --cleanup "rm -f $work/ppm/*" -N "$focus check $docs/long1000.pdf --fail-on never --format json -o $work/long.json" \
		"pdftoppm -r 144 $docs/long1000.pdf $work/ppm/p"
else
	hf -N "$focus check $docs/long1000.pdf --fail-on never --format json -o $work/long.json"
fi
rss "$focus" check "$docs/long1000.pdf" --fail-on never --format json -o "$work/long.json"
jq -r '.documents[0] | "pages \(.pages), score \(.score); " + ([.findings[] | "\(.rule) \(.outcome): \(.message)"] | join("; "))' "$work/long.json" 2>/dev/null || true
echo

echo "## A DOCX whose document.xml is 20 MB (LibreOffice off)"
if has unzip; then
	hf -N "env FOCUS_SOFFICE=off $focus check $docs/big.docx --fail-on never" "unzip -p $docs/big.docx word/document.xml"
else
	hf -N "env FOCUS_SOFFICE=off $focus check $docs/big.docx --fail-on never"
fi
FOCUS_SOFFICE=off rss "$focus" check "$docs/big.docx" --fail-on never

echo "## Simulating a deutan reader on a 4000×3000 photo"
matrix="0.367 0.861 -0.228 0.280 0.673 0.047 -0.012 0.043 0.969"
if has convert; then
	hf -N "$focus simulate --deficiency deutan -o $work/o.png $docs/photo.png" \
		"convert $docs/photo.png -color-matrix '$matrix' $work/o2.png"
else
	hf -N "$focus simulate --deficiency deutan -o $work/o.png $docs/photo.png"
fi
rss "$focus" simulate --deficiency deutan -o "$work/o.png" "$docs/photo.png"
