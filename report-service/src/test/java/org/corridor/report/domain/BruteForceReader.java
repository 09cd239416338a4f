package org.corridor.report.domain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * A reader who tries whole-number values for the withheld figures of linked figures, independently of
 * {@link Recoverability}: it knows every published figure, every sum, and that a withheld figure is at least 1, or at
 * least what it knows of it otherwise (a reader of one organisation knows that organisation's part of a figure of all
 * organisations). A
 * withheld figure is recovered when no assignment that keeps every sum true gives it a value near its own but
 * different: the values a figure can take form an interval (the sums of a table with at most one dimension of nested
 * totals form a network), so if it can take another, it can take one next to its own.
 */
final class BruteForceReader {

    private static final int TRIED_EITHER_SIDE = 3;

    private final LinkedFigures figures;
    private final BitSet withheld;
    /** Moving one figure by a few moves the others by as much, so no assignment tried needs a figure above this. */
    private final long cap;
    private final long[] value;
    /** The least each figure can be, as far as the reader knows. */
    private final long[] minimum;
    private final List<int[]> members = new ArrayList<>();

    BruteForceReader(LinkedFigures figures, BitSet withheld) {
        this(figures, withheld, new long[figures.size()]);
    }

    /** A reader who knows that each figure is at least {@code known} of it. */
    BruteForceReader(LinkedFigures figures, BitSet withheld, long[] known) {
        this.figures = figures;
        this.withheld = withheld;
        this.minimum = LongStream.of(known).map(least -> Math.max(1, least)).toArray();
        long largest = IntStream.range(0, figures.size()).mapToLong(figure -> figures.tally(figure).people()).max().orElse(0);
        this.cap = 2 * largest + TRIED_EITHER_SIDE;
        this.value = new long[figures.size()];
        figures.sums().forEach(sum -> members.add(IntStream.concat(IntStream.of(sum.total()), IntStream.of(sum.parts())).toArray()));
    }

    BitSet recovered() {
        var recovered = new BitSet();
        for (int figure = withheld.nextSetBit(0); figure >= 0; figure = withheld.nextSetBit(figure + 1)) {
            if (!canTakeAnotherValue(figure)) {
                recovered.set(figure);
            }
        }
        return recovered;
    }

    private boolean canTakeAnotherValue(int figure) {
        long actual = figures.tally(figure).people();
        for (int distance = 1; distance <= TRIED_EITHER_SIDE; distance++) {
            for (long other : new long[]{actual + distance, actual - distance}) {
                if (other >= minimum[figure] && consistent(figure, other)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether some assignment of the withheld figures with {@code figure} = {@code target} keeps every sum true. */
    private boolean consistent(int figure, long target) {
        for (int each = 0; each < value.length; each++) {
            value[each] = withheld.get(each) ? 0 : figures.tally(each).people();
        }
        value[figure] = target;
        return search();
    }

    /** Depth-first: the values sums force first, then each value of the open figure with the narrowest range. */
    private boolean search() {
        List<Integer> forced = new ArrayList<>();
        if (propagate(forced) && assignNarrowest()) {
            return true;
        }
        forced.forEach(figure -> value[figure] = 0);
        return false;
    }

    /** 0 marks a withheld figure not assigned yet. */
    private boolean assignNarrowest() {
        int open = -1;
        long[] openRange = null;
        for (int figure = withheld.nextSetBit(0); figure >= 0; figure = withheld.nextSetBit(figure + 1)) {
            if (value[figure] == 0) {
                long[] range = range(figure);
                if (open < 0 || range[1] - range[0] < openRange[1] - openRange[0]) {
                    open = figure;
                    openRange = range;
                }
            }
        }
        if (open < 0) {
            return true;
        }
        for (long candidate = openRange[0]; candidate <= openRange[1]; candidate++) {
            value[open] = candidate;
            if (search()) {
                return true;
            }
        }
        value[open] = 0;
        return false;
    }

    /** Sets every figure a sum leaves a single value for; false when some sum can no longer hold. */
    private boolean propagate(List<Integer> forced) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] sum : members) {
                long parts = 0;
                long openLeast = 0;
                int openParts = 0;
                int openPart = -1;
                for (int index = 1; index < sum.length; index++) {
                    if (value[sum[index]] == 0) {
                        openParts++;
                        openLeast += minimum[sum[index]];
                        openPart = sum[index];
                    } else {
                        parts += value[sum[index]];
                    }
                }
                long total = value[sum[0]];
                int fixed;
                long fixedTo;
                if (total == 0 && openParts == 0) {
                    fixed = sum[0];
                    fixedTo = parts;
                } else if (total != 0 && openParts == 1) {
                    fixed = openPart;
                    fixedTo = total - parts;
                } else if (total != 0 && (openParts == 0 ? parts != total : parts + openLeast > total)) {
                    return false;
                } else {
                    continue;
                }
                if (fixedTo < minimum[fixed] || fixedTo > cap) {
                    return false;
                }
                value[fixed] = fixedTo;
                forced.add(fixed);
                changed = true;
            }
        }
        return true;
    }

    /** The values an open figure can still take: at least its open parts and assigned ones, at most what its totals leave. */
    private long[] range(int figure) {
        long low = minimum[figure];
        long high = cap;
        for (int index : figures.sumsOf(figure)) {
            int[] sum = members.get(index);
            long assigned = 0;
            long openOthers = 0;
            for (int member = 1; member < sum.length; member++) {
                if (sum[member] != figure) {
                    if (value[sum[member]] == 0) {
                        openOthers += minimum[sum[member]];
                    } else {
                        assigned += value[sum[member]];
                    }
                }
            }
            if (sum[0] == figure) {
                low = Math.max(low, assigned + openOthers);
            } else if (value[sum[0]] != 0) {
                high = Math.min(high, value[sum[0]] - assigned - openOthers);
            }
        }
        return new long[]{low, high};
    }
}
