"""The mutation score per module and in all, from `mutmut results --all true` on standard input."""

import collections
import sys


def main() -> None:
    """Print killed / all per module, then the total."""
    by_module: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for line in sys.stdin:
        name, _, status = line.strip().rpartition(": ")
        if name:
            by_module[name.split(".x")[0]][status] += 1
    total: collections.Counter = collections.Counter()
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        others = ", ".join(f"{status} {n}" for status, n in sorted(counts.items()) if status != "killed")
        print(f"{module:28} {counts['killed']:5} killed of {sum(counts.values()):5}   {others}")
    mutants = sum(total.values())
    score = 100 * total["killed"] / max(mutants, 1)
    print(f"mutation score: {total['killed']} of {mutants} mutants killed ({score:.1f} %)")


if __name__ == "__main__":
    main()
