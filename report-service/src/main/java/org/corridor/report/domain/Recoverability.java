package org.corridor.report.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Which withheld figures a reader could still work out from the published ones. A reader knows every published
 * figure, every sum that ties the figures together, and that a withheld figure is at least 1 (zeros are published).
 *
 * <p>A withheld figure is safe when some change of the withheld figures keeps every sum true, leaves every withheld
 * figure at least 1, and moves it. Only withheld figures that are 1 already can block such a change (two withheld
 * figures that add up to 2 are both 1): they may rise, never fall. A figure counts as safe only when such a change is
 * found:
 * <ul>
 *   <li>withheld figures linked only through sums that publish nothing can all be scaled up together;</li>
 *   <li>another withheld 1 can rise when the other withheld figures can balance it while every other such 1 stays
 *   put, 1s that a sum makes equal rising together (a Gauss-Jordan elimination over the withheld figures, those 1s
 *   carried along as known: a 1 left standing in a row the unknowns have vanished from cannot be balanced);</li>
 *   <li>any other withheld figure is safe when it is not fixed once the 1s that cannot rise are known (a second
 *   elimination: a pivot row with no other unknown fixes its figure).</li>
 * </ul>
 * Rising 1s can always be combined with these changes, since raising them further keeps every sum true. The check can
 * withhold more than a reader could strictly work out, never less.
 *
 * <p>The changes looked for may be fractions while a reader counts whole people. That loses nothing as long as a table
 * has nested totals along one dimension at most (periods): its sums then form a network, where a figure that can move
 * at all can move by a whole person. A second nested dimension would need a whole-number check.
 */
final class Recoverability {

    /**
     * Elimination runs modulo this 61-bit prime to avoid fractions. It answers as rational arithmetic would unless the
     * prime divides a sub-determinant of the system, which these sparse 0/±1 systems of a few thousand figures cannot
     * reach in practice.
     */
    private static final long P = (1L << 61) - 1;

    private final LinkedFigures figures;
    private final BitSet withheld;

    private Recoverability(LinkedFigures figures, BitSet withheld) {
        this.figures = figures;
        this.withheld = withheld;
    }

    /**
     * Withheld figures a reader can work out exactly; empty when there is none. A figure alone among the withheld
     * figures of a sum is the common case and needs no elimination, so while there are such figures only they are
     * answered.
     */
    static BitSet exposed(LinkedFigures figures, BitSet withheld) {
        var check = new Recoverability(figures, withheld);
        BitSet exposed = check.aloneInASum();
        return exposed.isEmpty() ? check.notFreeToMove() : exposed;
    }

    private BitSet aloneInASum() {
        var alone = new BitSet();
        for (LinkedFigures.Sum sum : figures.sums()) {
            int unknown = withheld.get(sum.total()) ? sum.total() : -1;
            int count = unknown < 0 ? 0 : 1;
            for (int part : sum.parts()) {
                if (withheld.get(part)) {
                    unknown = part;
                    count++;
                }
            }
            if (count == 1) {
                alone.set(unknown);
            }
        }
        return alone;
    }

    /** One equation of an elimination: coefficients of its unknowns, and of the withheld figures taken as known. */
    private record Row(Map<Integer, Long> unknowns, Map<Integer, Long> known) {
    }

    /**
     * Withheld 1s can only rise, so first find those that can: the ones that can be scaled up with their whole
     * group, and those whose rise the other withheld figures can balance while every other such 1 stays put. A sum
     * made only of withheld 1s is a total equal to its single part, so such 1s rise together, as one column. The 1s
     * that cannot rise are exposed, and so is any other withheld figure that is fixed once they are known.
     */
    private BitSet notFreeToMove() {
        BitSet stuck = ones();
        stuck.andNot(scalable());
        int[] together = risingTogether(stuck);
        BitSet unknowns = (BitSet) withheld.clone();
        unknowns.andNot(stuck);
        BitSet cannotRise = new BitSet();
        for (Row row : eliminate(unknowns, stuck, together)) {
            if (row.unknowns().isEmpty()) {
                row.known().keySet().forEach(cannotRise::set);
            }
        }
        BitSet pinned = new BitSet();
        stuck.stream().filter(figure -> cannotRise.get(together[figure])).forEach(pinned::set);
        BitSet free = (BitSet) withheld.clone();
        free.andNot(pinned);
        BitSet exposed = (BitSet) pinned.clone();
        int[] alone = IntStream.range(0, figures.size()).toArray();
        for (Row row : eliminate(free, pinned, alone)) {
            if (row.unknowns().size() == 1) {
                exposed.set(row.unknowns().keySet().iterator().next());
            }
        }
        return exposed;
    }

    /** For each stuck 1, the stuck 1 that stands for all those it must rise together with. */
    private int[] risingTogether(BitSet stuck) {
        int[] parent = IntStream.range(0, figures.size()).toArray();
        for (LinkedFigures.Sum sum : figures.sums()) {
            if (stuck.get(sum.total()) && IntStream.of(sum.parts()).allMatch(stuck::get)) {
                for (int part : sum.parts()) {
                    parent[root(parent, part)] = root(parent, sum.total());
                }
            }
        }
        for (int figure = 0; figure < parent.length; figure++) {
            parent[figure] = root(parent, figure);
        }
        return parent;
    }

    private static int root(int[] parent, int figure) {
        while (parent[figure] != figure) {
            parent[figure] = parent[parent[figure]];
            figure = parent[figure];
        }
        return figure;
    }

    /**
     * Gauss-Jordan elimination of the sums over the {@code unknowns}, carrying the {@code known} withheld figures
     * along, each in the column of the figure that {@code columnOf} maps it to; pivots are chosen sparse first.
     * Afterwards each unknown that has a pivot appears in its pivot row only, so a row with a single unknown fixes it,
     * and a row with no unknown left is a relation among the known columns alone.
     */
    private List<Row> eliminate(BitSet unknowns, BitSet known, int[] columnOf) {
        List<Row> rows = new ArrayList<>();
        Map<Integer, Set<Integer>> rowsWith = new HashMap<>();
        for (LinkedFigures.Sum sum : figures.sums()) {
            var row = new Row(new HashMap<>(), new HashMap<>());
            enter(row, sum.total(), 1, unknowns, known, columnOf);
            for (int part : sum.parts()) {
                enter(row, part, P - 1, unknowns, known, columnOf);
            }
            if (!row.unknowns().isEmpty() || !row.known().isEmpty()) {
                int index = rows.size();
                rows.add(row);
                row.unknowns().keySet().forEach(column -> rowsWith.computeIfAbsent(column, c -> new HashSet<>()).add(index));
            }
        }
        var done = new BitSet();
        while (true) {
            int pivotRow = -1;
            for (int r = 0; r < rows.size(); r++) {
                int size = rows.get(r).unknowns().size();
                if (size > 0 && !done.get(r) && (pivotRow < 0 || size < rows.get(pivotRow).unknowns().size())) {
                    pivotRow = r;
                }
            }
            if (pivotRow < 0) {
                return rows;
            }
            Row pivot = rows.get(pivotRow);
            int column = pivot.unknowns().keySet().stream()
                    .min((a, b) -> Integer.compare(rowsWith.get(a).size(), rowsWith.get(b).size())).orElseThrow();
            long inverse = inverse(pivot.unknowns().get(column));
            pivot.unknowns().replaceAll((c, value) -> multiply(value, inverse));
            pivot.known().replaceAll((c, value) -> multiply(value, inverse));
            for (int r : List.copyOf(rowsWith.get(column))) {
                if (r != pivotRow) {
                    Row row = rows.get(r);
                    long factor = row.unknowns().get(column);
                    subtract(row.unknowns(), pivot.unknowns(), factor, r, rowsWith);
                    subtract(row.known(), pivot.known(), factor, r, null);
                }
            }
            done.set(pivotRow);
        }
    }

    /**
     * Withheld figures linked to no published figure through sums: every sum they are in publishes nothing, so all of
     * them can be multiplied by the same factor and every sum still holds.
     */
    private BitSet scalable() {
        var anchored = new BitSet();
        var visited = new BitSet();
        var queue = new ArrayDeque<Integer>();
        List<LinkedFigures.Sum> sums = figures.sums();
        for (int index = 0; index < sums.size(); index++) {
            if (publishes(sums.get(index))) {
                visited.set(index);
                queue.add(index);
            }
        }
        while (!queue.isEmpty()) {
            LinkedFigures.Sum sum = sums.get(queue.poll());
            IntStream.concat(IntStream.of(sum.total()), IntStream.of(sum.parts()))
                    .filter(figure -> withheld.get(figure) && !anchored.get(figure))
                    .forEach(figure -> {
                        anchored.set(figure);
                        for (int next : figures.sumsOf(figure)) {
                            if (!visited.get(next)) {
                                visited.set(next);
                                queue.add(next);
                            }
                        }
                    });
        }
        BitSet scalable = (BitSet) withheld.clone();
        scalable.andNot(anchored);
        return scalable;
    }

    private boolean publishes(LinkedFigures.Sum sum) {
        return !withheld.get(sum.total()) || IntStream.of(sum.parts()).anyMatch(part -> !withheld.get(part));
    }

    private BitSet ones() {
        var ones = new BitSet();
        withheld.stream().filter(figure -> figures.tally(figure).people() == 1).forEach(ones::set);
        return ones;
    }

    /** Puts a figure into a row: an unknown or a known withheld figure as a coefficient; a published figure not. */
    private static void enter(Row row, int figure, long coefficient, BitSet unknowns, BitSet known, int[] columnOf) {
        if (unknowns.get(figure)) {
            row.unknowns().put(figure, coefficient);
        } else if (known.get(figure)) {
            long sum = (row.known().getOrDefault(columnOf[figure], 0L) + coefficient) % P;
            if (sum == 0) {
                row.known().remove(columnOf[figure]);
            } else {
                row.known().put(columnOf[figure], sum);
            }
        }
    }

    /** row -= factor * pivot, keeping the index of which rows hold which unknowns current when there is one. */
    private static void subtract(Map<Integer, Long> row, Map<Integer, Long> pivot, long factor, int rowIndex,
                                 Map<Integer, Set<Integer>> rowsWith) {
        pivot.forEach((column, value) -> {
            long updated = row.getOrDefault(column, 0L) - multiply(factor, value);
            updated = updated < 0 ? updated + P : updated;
            if (updated == 0) {
                row.remove(column);
                if (rowsWith != null) {
                    rowsWith.get(column).remove(rowIndex);
                }
            } else if (row.put(column, updated) == null && rowsWith != null) {
                rowsWith.computeIfAbsent(column, c -> new HashSet<>()).add(rowIndex);
            }
        });
    }

    private static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        long folded = (low & P) + (low >>> 61) + (high << 3);
        folded = (folded & P) + (folded >>> 61);
        return folded >= P ? folded - P : folded;
    }

    private static long inverse(long value) {
        long result = 1;
        long base = value;
        for (long exponent = P - 2; exponent > 0; exponent >>= 1) {
            if ((exponent & 1) == 1) {
                result = multiply(result, base);
            }
            base = multiply(base, base);
        }
        return result;
    }
}
