package org.corridor.cases.rest;

import jakarta.ws.rs.core.Response;
import org.corridor.cases.domain.StatusTransitionRefused;
import org.corridor.platform.problem.ProblemException;
import org.corridor.platform.problem.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class CaseProblemMappers {

    @ServerExceptionMapper
    public Response refused(StatusTransitionRefused refusal) {
        return ProblemMappers.response(ProblemException.conflict(refusal.getMessage()).toProblem());
    }
}
