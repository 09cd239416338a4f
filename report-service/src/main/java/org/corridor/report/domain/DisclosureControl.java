package org.corridor.report.domain;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Decides which figures of a report are withheld so that none singles anyone out.
 *
 * <p>Primary suppression: a figure is sensitive when it counts 1 to k-1 people, or when all its people belong to one
 * case (a family or group travelling together: publishing it would describe that one group). Zero is published.
 *
 * <p>Secondary suppression: a withheld figure must not be recoverable from the published ones through the report's
 * totals (see {@link Recoverability}). While one is, a published figure that shares a total with it is withheld too,
 * and the check runs again until no withheld figure can be worked out. Should no recoverable figure have a published
 * figure left to pair with, every figure of the report is withheld: the rule fails closed.
 */
public final class DisclosureControl {

    /** Below 3 a reader who is one of two people in a figure would learn about the other. */
    public static final int MINIMUM_K = 3;

    private final int k;

    public DisclosureControl(int k) {
        if (k < MINIMUM_K) {
            throw new IllegalArgumentException("the disclosure threshold k must be at least " + MINIMUM_K + ", not " + k);
        }
        this.k = k;
    }

    public int k() {
        return k;
    }

    public boolean sensitive(Tally tally) {
        return !tally.isZero() && (tally.people() < k || tally.cases() < 2);
    }

    /** The figures to withhold. */
    public BitSet protect(LinkedFigures figures) {
        var withheld = new BitSet();
        for (int figure = 0; figure < figures.size(); figure++) {
            if (sensitive(figures.tally(figure))) {
                withheld.set(figure);
            }
        }
        for (BitSet exposed = Recoverability.exposed(figures, withheld); !exposed.isEmpty();
             exposed = Recoverability.exposed(figures, withheld)) {
            var paired = new BitSet();
            for (int figure = exposed.nextSetBit(0); figure >= 0; figure = exposed.nextSetBit(figure + 1)) {
                if (figures.neighbours(figure).intersects(paired)) {
                    continue; // a figure withheld in this round already widens its totals
                }
                int partner = partnerFor(figures, withheld, figure);
                if (partner >= 0) {
                    withheld.set(partner);
                    paired.set(partner);
                }
            }
            if (paired.isEmpty()) {
                withheld.set(0, figures.size());
                return withheld;
            }
        }
        return withheld;
    }

    /**
     * The published figure to withhold with {@code figure}: taken from the sum of its that withholds the fewest figures
     * (the one that gives it away most directly), or failing that from a sum of a withheld figure linked to it; the
     * most nested first (totals are worth more to readers), then the smallest. -1 when there is none.
     */
    private static int partnerFor(LinkedFigures figures, BitSet withheld, int figure) {
        Comparator<Integer> preference = Comparator.comparingInt((Integer candidate) -> -figures.nesting(candidate))
                .thenComparingLong(candidate -> figures.tally(candidate).people())
                .thenComparingInt(candidate -> candidate);
        var reached = new BitSet();
        var queue = new ArrayDeque<Integer>();
        queue.add(figure);
        reached.set(figure);
        while (!queue.isEmpty()) {
            List<int[]> sums = figures.sumsOf(queue.poll()).stream()
                    .map(index -> members(figures.sums().get(index)))
                    .sorted(Comparator.comparingLong(members -> IntStream.of(members).filter(withheld::get).count()))
                    .toList();
            for (int[] members : sums) {
                var published = IntStream.of(members).filter(member -> !withheld.get(member)).boxed().min(preference);
                if (published.isPresent()) {
                    return published.get();
                }
            }
            for (int[] members : sums) {
                for (int member : members) {
                    if (!reached.get(member)) {
                        reached.set(member);
                        queue.add(member);
                    }
                }
            }
        }
        return -1;
    }

    private static int[] members(LinkedFigures.Sum sum) {
        return IntStream.concat(IntStream.of(sum.total()), IntStream.of(sum.parts())).toArray();
    }
}
