package org.corridor.cases.imports.domain;

import org.corridor.platform.problem.Problem;

/** Why a line of an import was not imported: a problem naming fields and rules, never the line's content. */
public record LineError(long line, Problem problem) {
}
