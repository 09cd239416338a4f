package org.corridor.report.domain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The non-zero figures of one report and the sums that tie them together (a total equals the sum of its parts): what
 * a reader can combine to work out a figure that was withheld. Zero figures are left out, since they are published
 * as zero and so add nothing a reader does not already know.
 */
public final class LinkedFigures {

    private final List<Tally> tallies = new ArrayList<>();
    private final List<Integer> nestings = new ArrayList<>();
    private final List<Sum> sums = new ArrayList<>();
    private final List<List<Integer>> sumsOf = new ArrayList<>();

    /**
     * Adds a non-zero figure and answers its index. {@code nesting} is how many totals it is part of along its
     * dimensions: an inner cell has the most, the grand total none.
     */
    public int add(Tally tally, int nesting) {
        if (tally.isZero()) {
            throw new IllegalArgumentException("zero figures are published as they are and take no part in disclosure control");
        }
        tallies.add(tally);
        nestings.add(nesting);
        sumsOf.add(new ArrayList<>());
        return tallies.size() - 1;
    }

    /** Records that figure {@code total} is the sum of {@code parts}. */
    public void sum(int total, List<Integer> parts) {
        var sum = new Sum(total, parts.stream().mapToInt(Integer::intValue).toArray());
        if (parts.contains(total) || parts.stream().distinct().count() != parts.size()) {
            throw new IllegalArgumentException("a sum names each figure once");
        }
        long people = 0;
        for (int part : sum.parts()) {
            people += tallies.get(part).people();
        }
        if (people != tallies.get(total).people()) {
            throw new IllegalArgumentException("a total differs from the sum of its parts");
        }
        int index = sums.size();
        sums.add(sum);
        sumsOf.get(total).add(index);
        for (int part : sum.parts()) {
            sumsOf.get(part).add(index);
        }
    }

    public int size() {
        return tallies.size();
    }

    public Tally tally(int figure) {
        return tallies.get(figure);
    }

    public int nesting(int figure) {
        return nestings.get(figure);
    }

    public List<Sum> sums() {
        return sums;
    }

    /** The indexes, in {@link #sums()}, of the sums {@code figure} appears in. */
    public List<Integer> sumsOf(int figure) {
        return sumsOf.get(figure);
    }

    /** The figures that appear in a sum together with {@code figure}. */
    public BitSet neighbours(int figure) {
        var neighbours = new BitSet();
        for (int index : sumsOf.get(figure)) {
            Sum sum = sums.get(index);
            neighbours.set(sum.total());
            for (int part : sum.parts()) {
                neighbours.set(part);
            }
        }
        neighbours.clear(figure);
        return neighbours;
    }

    /** {@code total} = the sum of {@code parts}. */
    public record Sum(int total, int[] parts) {
    }
}
