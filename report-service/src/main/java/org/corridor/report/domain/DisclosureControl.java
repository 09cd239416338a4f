package org.corridor.report.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
 *
 * <p>Some readers know figures whatever is published: an organisation knows its own. Each such insider is checked as
 * a reader of its own: none of the other insiders' withheld figures may be worked out from the published ones and
 * its own, and its own figures are never taken as partners against it, since withholding them hides nothing from it.
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
        return protect(figures, List.of());
    }

    /**
     * The figures to withhold, when each of {@code insiders} is the set of figures some reader knows whatever is
     * published (an organisation its own): none of the others' withheld figures may be worked out by that reader
     * either, nor any withheld figure by a reader who knows nothing beyond what is published.
     */
    public BitSet protect(LinkedFigures figures, List<BitSet> insiders) {
        var withheld = new BitSet();
        for (int figure = 0; figure < figures.size(); figure++) {
            if (sensitive(figures.tally(figure))) {
                withheld.set(figure);
            }
        }
        List<Reader> readers = readers(figures, insiders);
        int reader = 0;
        int clean = 0;
        while (clean < readers.size()) {
            BitSet exposed = readers.get(reader).exposed(figures, withheld);
            if (exposed.isEmpty()) {
                clean++;
                reader = (reader + 1) % readers.size();
                continue;
            }
            // the same reader is asked again first: partners taken for it seldom settle everything it can work out
            clean = 0;
            BitSet unavailable = (BitSet) withheld.clone();
            unavailable.or(readers.get(reader).knows());
            var paired = new BitSet();
            for (int figure = exposed.nextSetBit(0); figure >= 0; figure = exposed.nextSetBit(figure + 1)) {
                if (figures.neighbours(figure).intersects(paired)) {
                    continue; // a figure withheld in this round already widens its totals
                }
                int partner = partnerFor(figures, unavailable, figure);
                if (partner >= 0) {
                    withheld.set(partner);
                    unavailable.set(partner);
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

    /** Who reads the figures: what each knows whatever is published, and whose withheld figures it must not work out. */
    private record Reader(BitSet knows, BitSet targets) {

        /** The targets this reader can work out while {@code withheld} are withheld. */
        BitSet exposed(LinkedFigures figures, BitSet withheld) {
            BitSet unknown = (BitSet) withheld.clone();
            unknown.andNot(knows);
            if (!unknown.intersects(targets) || (!knows.isEmpty() && !withheld.intersects(knows))) {
                return new BitSet(); // nothing to work out, or it knows nothing withheld: it reads what anyone reads
            }
            return Recoverability.exposed(figures, unknown, targets);
        }
    }

    /** A reader who knows only what is published, then each insider, whose targets are the other insiders' figures. */
    private static List<Reader> readers(LinkedFigures figures, List<BitSet> insiders) {
        List<Reader> readers = new ArrayList<>();
        var everything = new BitSet();
        everything.set(0, figures.size());
        readers.add(new Reader(new BitSet(), everything));
        for (BitSet insider : insiders) {
            var others = new BitSet();
            insiders.stream().filter(other -> other != insider).forEach(others::or);
            readers.add(new Reader(insider, others));
        }
        return readers;
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
