package org.corridor.cases.service;

import org.corridor.platform.http.Page;
import org.corridor.platform.problem.ProblemException;

import java.util.List;
import java.util.function.Function;

/** A page from a list fetched one item longer than the page, which says whether another page follows. */
public final class Paging {

    private Paging() {
    }

    static <T> Page<T> page(List<T> fetched, int limit, Function<T, String> cursorAfter) {
        boolean more = fetched.size() > limit;
        List<T> shown = more ? fetched.subList(0, limit) : fetched;
        return new Page<>(shown, more ? cursorAfter.apply(shown.getLast()) : null);
    }

    /** The position of a cursor that stands for a whole number (0 for none); a cursor no list gave out is a 400 problem. */
    public static long position(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            long position = Long.parseLong(Page.position(cursor));
            if (position < 0) {
                throw new NumberFormatException("positions are never negative");
            }
            return position;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave out");
        }
    }
}
