package org.corridor.policy.rest;

import jakarta.ws.rs.core.Response;
import org.corridor.platform.problem.ProblemException;
import org.corridor.platform.problem.ProblemMappers;
import org.corridor.policy.domain.PolicyDraft;
import org.corridor.policy.domain.PolicyRuleViolation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The policy domain's refusals as problems. */
public class PolicyProblemMappers {

    @ServerExceptionMapper
    public Response ruleViolation(PolicyRuleViolation violation) {
        return ProblemMappers.response(ProblemException.invalidField(violation.field(), violation.getMessage()).toProblem());
    }

    @ServerExceptionMapper
    public Response fourEyes(PolicyDraft.FourEyesViolation violation) {
        return ProblemMappers.response(ProblemException.forbidden(violation.getMessage()).toProblem());
    }

    @ServerExceptionMapper
    public Response alreadyPublished(PolicyDraft.DraftAlreadyPublished violation) {
        return ProblemMappers.response(ProblemException.conflict(violation.getMessage()).toProblem());
    }
}
