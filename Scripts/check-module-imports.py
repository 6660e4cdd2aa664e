#!/usr/bin/env python3
"""Checks that Package.swift declares exactly what each module imports.

For every Swift target, the project modules (and products) its sources import must be exactly its
declared dependencies: nothing imported that is not declared, nothing declared that is not imported.
System modules (Foundation, Dispatch, Testing, Glibc…) are ignored. Exits 1 and names each mismatch.

    Scripts/check-module-imports.py          (from the project root; runs `swift package dump-package`)
"""
import json
import os
import re
import subprocess
import sys

IMPORT = re.compile(r"^\s*(?:@testable\s+|@_implementationOnly\s+|(?:package|public|internal)\s+)?import\s+(?:struct\s+|enum\s+|class\s+|func\s+)?(\w+)", re.M)


def main():
    package = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True,
                                        capture_output=True, text=True).stdout)
    targets = {t["name"]: t for t in package["targets"]}
    known = set(targets)
    problems = []
    for name, t in sorted(targets.items()):
        if t["type"] == "system":
            continue
        base = "Tests" if t["type"] == "test" else "Sources"
        path = t.get("path") or os.path.join(base, name)
        declared = set()
        products = set()
        for d in t["dependencies"]:
            kind, value = next(iter(d.items()))
            declared.add(value[0])
            if kind == "product":
                products.add(value[0])
        imported = set()
        for root, _, files in os.walk(path):
            for f in files:
                if f.endswith(".swift"):
                    with open(os.path.join(root, f), encoding="utf-8") as fh:
                        imported.update(IMPORT.findall(fh.read()))
        # Only modules this package defines or takes from its dependencies are checked.
        relevant = {m for m in imported if m in known or m in products}
        missing = relevant - declared
        unused = declared - imported
        if missing:
            problems.append(f"{name}: imports {', '.join(sorted(missing))} without declaring it")
        if unused:
            problems.append(f"{name}: declares {', '.join(sorted(unused))} but never imports it")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"module imports: {len(targets)} targets, every declared dependency imported and every import declared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
