"""Per-stage instruction counts of `covaudit bench` under callgrind (run by Benchmarks/profile.sh).

  python -m bench.profile OUT_DIR [BASELINE_OUT_DIR] [--top N]

OUT_DIR holds bench.json (the run's stages in order, `covaudit bench -f json`) and the parts
callgrind.out.1, .2, … that `--dump-after=*BenchRecorder*stageEnded*` wrote: part k holds every
thread's instructions from the end of stage k-1 to the end of stage k; the last part is the exit.
Prints, per stage, the instructions (all threads), their share, and the functions with the most
instructions of their own (names demangled by `swift demangle`). With a
BASELINE_OUT_DIR: both columns and the ratio this ÷ baseline, stage by stage.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys


def parts(out_dir):
    """The callgrind parts in dump order: [(path, instructions)]."""
    found = []
    for path in glob.glob(os.path.join(out_dir, "callgrind.out*")):
        m = re.search(r"\.(\d+)$", path)
        if not m:
            continue
        total = None
        with open(path, errors="replace") as f:
            for line in f:
                if line.startswith("totals:") or (total is None and line.startswith("summary:")):
                    total = int(line.split()[1])
        found.append((int(m.group(1)), path, total or 0))
    return [(p, n) for _, p, n in sorted(found)]


def stage_names(out_dir):
    """The stage names of bench.json, in the order they ended."""
    with open(os.path.join(out_dir, "bench.json")) as f:
        return [s["name"] for s in json.load(f)["stages"]]


def labelled(out_dir):
    """{stage: (instructions, part path)}; the parts after the last stage are the exit."""
    names = stage_names(out_dir)
    found = parts(out_dir)
    if len(found) < len(names):
        raise SystemExit(f"profile: {out_dir}: {len(found)} callgrind parts for {len(names)} stages")
    result = {}
    for name, (path, n) in zip(names, found):
        result[name] = (n, path)
    rest = found[len(names):]
    if rest:
        result["exit (output, teardown)"] = (sum(n for _, n in rest), rest[0][0])
    return result


def demangle(names):
    """Swift symbols demangled (simplified), the others as they are."""
    tool = shutil.which("swift")
    if not tool or not names:
        return names
    try:
        out = subprocess.run(
            [tool, "demangle", "--simplified", "--compact"], input="\n".join(names), capture_output=True,
            text=True, check=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return names
    return out if len(out) == len(names) else names


def self_costs(path):
    """{function: instructions of its own} in one callgrind part (costs after a `calls=` line are
    the callee's inclusive cost and are not the caller's own)."""
    names, costs = {}, {}
    current, skip_next = None, False
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("fn="):
                m = re.match(r"fn=\((\d+)\)(?: (.*))?", line.rstrip("\n"))
                if m:
                    if m.group(2):
                        names[m.group(1)] = m.group(2)
                    current = names.get(m.group(1), m.group(1))
                else:
                    current = line[3:].rstrip("\n")
            elif line.startswith("calls="):
                skip_next = True
            elif line[:1].isdigit() or line[:1] in "+-*":
                if skip_next:
                    skip_next = False
                    continue
                fields = line.split()
                if current is not None and len(fields) >= 2:
                    costs[current] = costs.get(current, 0) + int(fields[1])
            elif line.startswith("cfn="):
                m = re.match(r"cfn=\((\d+)\) (.*)", line.rstrip("\n"))
                if m:
                    names[m.group(1)] = m.group(2)
    return costs


def top_functions(path, count):
    """The `count` functions with the most instructions of their own in one part: [(Ir, name)]."""
    if not path or count <= 0:
        return []
    rows = sorted(((n, fn) for fn, n in self_costs(path).items()), reverse=True)[:count]
    names = demangle([fn for _, fn in rows])
    return [(ir, n) for (ir, _), n in zip(rows, names)]


def giga(n):
    return f"{n / 1e9:,.3f}"


def main(args):
    top = 5
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i:i + 2]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    this = labelled(args[0])
    base = labelled(args[1]) if len(args) > 1 else None
    total = sum(n for n, _ in this.values())
    lines = []
    if base:
        head = f"{'stage':<44} {'baseline Gi':>12} {'this Gi':>12} {'ratio':>7}"
        lines += [head, "-" * len(head)]
        for name, (n, _) in this.items():
            b = base.get(name, (None, None))[0]
            ratio = f"{n / b:7.3f}" if b else "      —"
            lines.append(f"{name:<44} {giga(b) if b is not None else '—':>12} {giga(n):>12} {ratio}")
        btotal = sum(n for n, _ in base.values())
        lines.append(f"{'total':<44} {giga(btotal):>12} {giga(total):>12} {total / btotal:7.3f}")
    else:
        head = f"{'stage':<44} {'instructions (Gi)':>18} {'share':>7}"
        lines += [head, "-" * len(head)]
        for name, (n, _) in this.items():
            lines.append(f"{name:<44} {giga(n):>18} {100 * n / total:6.1f}%")
        lines.append(f"{'total':<44} {giga(total):>18} {100.0:6.1f}%")
    print("\n".join(lines))
    if top > 0:
        print(f"\nper stage, the {top} functions with the most instructions of their own (Gi, share of the stage):")
        for name, (n, path) in this.items():
            if n == 0:
                continue
            print(f"{name}:")
            for ir, fn in top_functions(path, top):
                print(f"  {giga(ir):>9} {100 * ir / n:5.1f}%  {fn[:110]}")
    with open(os.path.join(args[0], "profile.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
