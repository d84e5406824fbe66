#!/usr/bin/env bash
# Renders DOCX files the way a reader sees them, to check the official layout by eye (Nghị định
# 30/2020: header rules, motto on one line, title, page numbers from page 2, "DỰ THẢO" on drafts):
# each DOCX (a file, or an http(s) URL to download) becomes a PDF through LibreOffice headless
# (`soffice --headless --convert-to pdf`) and PNG pages through poppler (`pdftoppm -png -r 80`).
#
#   scripts/render-docx.sh [-o OUT_DIR] [-r DPI] FILE.docx|URL ...
#   scripts/render-docx.sh                       # every test-artifacts/documents/*.docx
#
# The publishing golden test writes the May 2023 programme and the week 21 schedule of the seed
# (draft and published) to test-artifacts/documents/, so
#   TZ=America/Los_Angeles npx jest --selectProjects integration test/integration/publishing-golden.test.ts
#   scripts/render-docx.sh
# leaves test-artifacts/rendered/<name>.pdf and <name>-<page>.png to look at.
#
# Needs LibreOffice Writer and poppler-utils (Debian: apt-get install -y --no-install-recommends
# libreoffice-writer-nogui poppler-utils). Not part of `npm test`: LibreOffice is heavy.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/test-artifacts/rendered"
dpi=80
while getopts "o:r:h" opt; do
  case "$opt" in
    o) out="$OPTARG" ;;
    r) dpi="$OPTARG" ;;
    h) sed -n '2,17p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))

soffice_bin="$(command -v soffice || command -v libreoffice || true)"
if [ -z "$soffice_bin" ]; then
  echo "render-docx: LibreOffice (soffice) not found: apt-get install -y --no-install-recommends libreoffice-writer-nogui" >&2
  exit 1
fi
if ! command -v pdftoppm >/dev/null; then
  echo "render-docx: pdftoppm not found: apt-get install -y poppler-utils" >&2
  exit 1
fi

inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  shopt -s nullglob
  inputs=("$root"/test-artifacts/documents/*.docx)
  shopt -u nullglob
  if [ ${#inputs[@]} -eq 0 ]; then
    echo "render-docx: no file given and no test-artifacts/documents/*.docx (run the publishing golden test first)" >&2
    exit 2
  fi
fi

mkdir -p "$out"
work="$(mktemp -d)"
# A private LibreOffice profile: no clash with a running LibreOffice or another render.
trap 'rm -rf "$work"' EXIT

for input in "${inputs[@]}"; do
  if [[ "$input" =~ ^https?:// ]]; then
    name="$(basename "${input%%\?*}" .docx)"
    file="$work/$name.docx"
    curl -fsS -o "$file" "$input"
  else
    name="$(basename "$input" .docx)"
    file="$input"
  fi
  "$soffice_bin" -env:UserInstallation="file://$work/profile" --headless --norestore --convert-to pdf --outdir "$work" "$file" >/dev/null 2>&1 || {
    echo "render-docx: LibreOffice could not convert $input" >&2
    exit 1
  }
  cp "$work/$name.pdf" "$out/$name.pdf"
  rm -f "$out/$name"-*.png
  pdftoppm -png -r "$dpi" "$out/$name.pdf" "$out/$name"
  pages="$(ls "$out/$name"-*.png | wc -l)"
  echo "$out/$name.pdf ($pages page(s), PNG at $dpi dpi: $out/$name-*.png)"
done
