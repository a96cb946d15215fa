#!/usr/bin/env bash
# Re-vendor the explorer's graph-drawing library from the npm registry (run by hand when
# upgrading; the files are committed so the app works offline and installs need no npm).
# Each package's built file and LICENSE are copied into techkg/web/static/vendor/ with the
# exact version in the file name; VERSIONS lists them.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGES=("cytoscape@3.34.4:dist/cytoscape.min.js"
          "layout-base@2.0.1:layout-base.js"
          "cose-base@2.2.0:cose-base.js"
          "cytoscape-fcose@2.2.0:cytoscape-fcose.js")
out=techkg/web/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out" && mkdir -p "$out"
: > "$out/VERSIONS"
for spec in "${PACKAGES[@]}"; do
  pkg=${spec%%:*}; file=${spec#*:}; name=${pkg%@*}; version=${pkg#*@}
  (cd "$work" && npm pack --silent "$pkg" >/dev/null && mkdir "$name" \
    && tar xzf "$name-$version.tgz" -C "$name")
  cp "$work/$name/package/$file" "$out/$name-$version.js"
  cp "$work/$name/package/LICENSE" "$out/$name-$version.LICENSE"
  echo "$name $version MIT https://www.npmjs.com/package/$name" >> "$out/VERSIONS"
done
cat "$out/VERSIONS"
