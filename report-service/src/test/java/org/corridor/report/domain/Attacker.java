package org.corridor.report.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reader who tries to recover withheld figures by brute force, independently of how report-service checks them.
 * The reader knows every published figure, which figures add up to which totals, and that a withheld figure is at
 * least 1 (zeros are published). A withheld figure is recovered when no table of whole numbers that reproduces all
 * published figures gives it another value.
 */
final class Attacker {

    private final Map<TallyTable.Cell, List<TallyTable.Cell>> leavesOf;
    private final Map<TallyTable.Cell, Long> truth = new HashMap<>();
    private final Set<TallyTable.Cell> withheld = new HashSet<>();
    private final Set<TallyTable.Cell> unknownLeaves = new HashSet<>();

    Attacker(Tables.Builder table, TallyTable.Published published) {
        this.leavesOf = table.leavesOf();
        leavesOf.forEach((cell, leaves) -> {
            truth.put(cell, leaves.stream().mapToLong(leaf -> table.inner().get(leaf).people()).sum());
            if (published.at(cell.row(), cell.column()).suppressed()) {
                withheld.add(cell);
            }
        });
        table.inner().keySet().stream().filter(withheld::contains).forEach(unknownLeaves::add);
    }

    /** The withheld figures (cells or totals) that no other consistent table gives another value. */
    Set<TallyTable.Cell> recovered() {
        Set<TallyTable.Cell> recovered = new HashSet<>();
        for (TallyTable.Cell target : withheld) {
            long actual = truth.get(target);
            boolean alternative = false;
            for (long value = 1; value <= actual + 5 && !alternative; value++) {
                alternative = value != actual && new Search(target, value).feasible();
            }
            if (!alternative) {
                recovered.add(target);
            }
        }
        return recovered;
    }

    /** Depth-first search for withheld inner cells that reproduce every published total and give target = value. */
    private final class Search {
        private final List<TallyTable.Cell> order = new ArrayList<>();
        private final Map<TallyTable.Cell, List<TallyTable.Cell>> constraintsOf = new HashMap<>();
        private final Map<TallyTable.Cell, Long> required = new HashMap<>();
        /** Per constraint: the sum of its assigned parts, and how many of its parts are still open. */
        private final Map<TallyTable.Cell, long[]> progress = new HashMap<>();

        Search(TallyTable.Cell target, long value) {
            leavesOf.forEach((total, leaves) -> {
                if (total.equals(target)) {
                    required.put(total, value);
                } else if (!withheld.contains(total)) {
                    required.put(total, truth.get(total));
                }
            });
            required.forEach((constraint, sum) -> {
                long known = 0;
                long open = 0;
                for (TallyTable.Cell leaf : leavesOf.get(constraint)) {
                    if (unknownLeaves.contains(leaf)) {
                        open++;
                        constraintsOf.computeIfAbsent(leaf, l -> new ArrayList<>()).add(constraint);
                    } else {
                        known += truth.get(leaf);
                    }
                }
                progress.put(constraint, new long[]{known, open});
            });
            // a withheld cell in no constraint is free, and so is every total it is part of: it can stay as it is
            order.addAll(constraintsOf.keySet());
            order.sort((a, b) -> Integer.compare(constraintsOf.get(b).size(), constraintsOf.get(a).size()));
        }

        boolean feasible() {
            for (var entry : progress.entrySet()) {
                long[] state = entry.getValue();
                long sum = required.get(entry.getKey());
                if (state[1] == 0 ? state[0] != sum : state[0] + state[1] > sum) {
                    return false;
                }
            }
            return assign(0);
        }

        private boolean assign(int next) {
            if (next == order.size()) {
                return true;
            }
            TallyTable.Cell leaf = order.get(next);
            List<TallyTable.Cell> constraints = constraintsOf.get(leaf);
            long cap = Long.MAX_VALUE;
            for (TallyTable.Cell constraint : constraints) {
                long[] state = progress.get(constraint);
                cap = Math.min(cap, required.get(constraint) - state[0] - (state[1] - 1));
            }
            for (long value = 1; value <= cap; value++) {
                boolean fits = true;
                for (TallyTable.Cell constraint : constraints) {
                    long[] state = progress.get(constraint);
                    if (state[1] == 1 && state[0] + value != required.get(constraint)) {
                        fits = false;
                        break;
                    }
                }
                if (!fits) {
                    continue;
                }
                for (TallyTable.Cell constraint : constraints) {
                    progress.get(constraint)[0] += value;
                    progress.get(constraint)[1]--;
                }
                boolean found = assign(next + 1);
                for (TallyTable.Cell constraint : constraints) {
                    progress.get(constraint)[0] -= value;
                    progress.get(constraint)[1]++;
                }
                if (found) {
                    return true;
                }
            }
            return false;
        }
    }
}
