package org.corridor.cases.rest;

import org.corridor.cases.domain.AuditEntry;
import org.corridor.cases.domain.CaseAlert;
import org.corridor.cases.domain.CaseDescription;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseTransfer;
import org.corridor.cases.domain.EmergencyAccess;
import org.corridor.cases.security.PersonalData;
import org.corridor.cases.service.AuditService;
import org.corridor.cases.service.EmergencyAccessService;
import org.corridor.cases.service.SubjectAccessService;
import org.corridor.cases.service.VisibleCase;
import org.corridor.cases.service.VisibleJourneyEntry;
import org.corridor.platform.http.Page;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Turns requests into the domain's descriptions and what the service answers into the API's records. */
public final class CaseMapper {

    private CaseMapper() {
    }

    public static CaseDescription description(CaseRequest request) {
        return new CaseDescription(request.members().stream().map(member -> new CaseDescription.Member(member.id(),
                        member.alias(), member.sex(), member.ageBand(), member.vulnerabilities(), member.legalName(),
                        member.dateOfBirth(), member.placeOfOrigin(), member.relatives(), member.contact())).toList(),
                request.currentCountry(), request.plannedRoute(), request.needs(), request.notes());
    }

    /** The case as written, as a request would write it again: what a merge patch applies to. */
    public static CaseRequest request(CaseDescription description) {
        return new CaseRequest(description.members().stream().map(member -> new MemberInput(member.id(), member.alias(),
                        member.sex(), member.ageBand(), member.vulnerabilities(), member.legalName(), member.dateOfBirth(),
                        member.placeOfOrigin(), member.relatives(), member.contact())).toList(),
                description.currentCountry(), description.plannedRoute(), description.needs(), description.notes());
    }

    public static CaseView view(VisibleCase visible) {
        CaseFile file = visible.file();
        List<CaseView.Member> members = file.members().stream().map(member -> {
            PersonalData personal = visible.personalData().get(member.id());
            return new CaseView.Member(member.id(), visible.aliases().get(member.id()), member.sex(), member.ageBand(),
                    member.vulnerabilities(),
                    personal == null ? null : personal.legalName(),
                    personal == null ? null : personal.dateOfBirth(),
                    personal == null ? null : personal.placeOfOrigin(),
                    personal == null ? null : personal.relatives(),
                    personal == null ? null : personal.contact());
        }).toList();
        return new CaseView(file.id(), file.organisation(), file.status(), file.currentCountry(), file.plannedRoute(),
                file.needs(), visible.notes(), file.riskLevel() == null ? null : risk(file), members,
                !visible.personalDataShown(), file.revision(), file.openedOn(), file.createdAt(), file.updatedAt());
    }

    public static CaseView.Risk risk(CaseFile file) {
        return new CaseView.Risk(file.riskLevel(), file.riskLevel() == null ? List.of() : file.riskReasons(),
                file.riskAssessedAt());
    }

    public static JourneyView view(VisibleJourneyEntry visible) {
        var entry = visible.entry();
        return new JourneyView(entry.id(), entry.sequence(), entry.kind(), entry.country(), visible.place(), entry.date(),
                entry.recordedAt());
    }

    public static TransferView view(CaseTransfer transfer, Instant now) {
        CaseTransfer.Status status = transfer.status(now);
        return new TransferView(transfer.id(), transfer.caseId(), transfer.fromOrganisation(), transfer.toOrganisation(),
                status, transfer.offeredAt(), transfer.expiresAt(),
                status == CaseTransfer.Status.EXPIRED ? transfer.expiresAt() : transfer.decidedAt(),
                transfer.consent().map(consent -> new ConsentView(consent.basis(), consent.recordedOn())).orElse(null));
    }

    public static AlertView view(CaseAlert alert) {
        return new AlertView(alert.id(), alert.caseId(), alert.country(), alert.previousRisk(), alert.newRisk(),
                alert.reason(), alert.createdAt());
    }

    public static AuditView view(AuditService.TrailPage trail) {
        return new AuditView(trail.entries().items().stream().map(CaseMapper::view).toList(), trail.entries().next(),
                trail.chainIntact(), trail.checkpoint().map(coverage -> new AuditView.Checkpoint(
                        coverage.checkpoint().id(), coverage.checkpoint().madeAt(), coverage.entries())).orElse(null));
    }

    public static SubjectAccessView view(SubjectAccessService.Export export, Instant now) {
        return new SubjectAccessView(now, view(export.held().visible()),
                export.held().journey().stream().map(CaseMapper::view).toList(),
                export.transfers().stream().map(transfer -> view(transfer, now)).toList(),
                export.alerts().stream().map(CaseMapper::view).toList(),
                export.emergencyAccesses().stream().map(CaseMapper::view).toList(),
                export.audit().stream().map(CaseMapper::view).toList());
    }

    private static AuditView.Entry view(AuditEntry entry) {
        return new AuditView.Entry(entry.id(), entry.action(), entry.actor(), entry.organisation(), entry.requestId(),
                entry.at(), entry.hash());
    }

    public static EmergencyAccessView view(EmergencyAccessService.Reviewable reviewable) {
        EmergencyAccess access = reviewable.access();
        return new EmergencyAccessView(access.id(), access.caseId(), access.actor(), reviewable.reason(), access.grantedAt(),
                access.expiresAt(), access.reviewedAt() == null ? null : new EmergencyAccessView.Review(access.outcome(),
                        reviewable.note(), access.reviewedBy(), access.reviewedAt()));
    }

    public static <T, V> Page<V> page(Page<T> page, Function<T, V> view) {
        return new Page<>(page.items().stream().map(view).toList(), page.next());
    }
}
