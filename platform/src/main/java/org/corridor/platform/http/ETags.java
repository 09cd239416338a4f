package org.corridor.platform.http;

import jakarta.ws.rs.core.EntityTag;
import org.corridor.platform.problem.ProblemException;

/** Entity tags from a resource's revision number, and the If-Match check every update makes. */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long revision) {
        return new EntityTag(Long.toString(revision));
    }

    /** The revision an update was based on: 428 without If-Match, 412 when it names no revision. */
    public static long requiredRevision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired();
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.preconditionFailed();
        }
    }
}
