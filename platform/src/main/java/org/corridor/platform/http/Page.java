package org.corridor.platform.http;

import org.corridor.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** One page of a list that can grow without bound; {@code next} is the cursor of the following page, or null. */
public record Page<T>(
        List<T> items,
        @Schema(nullable = true, description = "The cursor of the next page; null on the last page.") String next) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** How every paged operation documents its two parameters. */
    public static final String CURSOR_DESCRIPTION = "The `next` of the page before; without it, the first page.";
    public static final String LIMIT_DESCRIPTION = "How many items a page holds at most: 1 to " + MAX_LIMIT
            + ", default " + DEFAULT_LIMIT + ".";

    /** The page size asked for: 1 to 200, default 50; anything else is a 400 problem. */
    public static int limit(Integer requested) {
        return limit(requested, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** The page size asked for of a list with pages of its own size: 1 to {@code max}; anything else is a 400 problem. */
    public static int limit(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > max) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + max);
        }
        return requested;
    }

    /** An opaque cursor from the position of a page's last item. */
    public static String cursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor after an item ordered by time, then id. */
    public static String cursorAfter(java.time.Instant time, java.util.UUID id) {
        return cursor(time + "|" + id);
    }

    /** The time and id a {@link #cursorAfter} cursor stands for; null for no cursor. */
    public static TimeAndId timeAndId(String cursor) {
        if (cursor == null) {
            return null;
        }
        String[] position = position(cursor).split("\\|");
        try {
            return new TimeAndId(java.time.Instant.parse(position[0]), java.util.UUID.fromString(position[1]));
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave out");
        }
    }

    public record TimeAndId(java.time.Instant time, java.util.UUID id) {
    }

    /** The position a cursor stands for; a cursor that was not made by {@link #cursor} is a 400 problem. */
    public static String position(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave out");
        }
    }
}
