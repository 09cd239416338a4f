package org.corridor.policy.domain;

import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.policy.Repatriation;
import org.corridor.platform.policy.Detention;
import org.corridor.platform.policy.RefugeeRecognition;
import org.corridor.platform.policy.EmbassyHandover;
import org.corridor.platform.policy.PolicyTerms;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.List;

/** What a policy version says about a country; shared by drafts and published versions. */
@Embeddable
public class PolicyContent {

    @Enumerated(EnumType.STRING)
    @Column(name = "refugee_recognition", nullable = false)
    public RefugeeRecognition refugeeRecognition;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Repatriation repatriation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Detention detention;

    @Enumerated(EnumType.STRING)
    @Column(name = "embassy_handover", nullable = false)
    public EmbassyHandover embassyHandover;

    @Column(name = "penalties_for_helpers")
    public String penaltiesForHelpers;

    @Column(name = "unhcr_access")
    public Boolean unhcrAccess;

    @Enumerated(EnumType.STRING)
    @Column(name = "support_available")
    public SupportAvailable supportAvailable;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_level", nullable = false)
    public RiskLevel riskLevel;

    @Column(nullable = false)
    public String summary;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> sources;

    @Enumerated(EnumType.STRING)
    public Confidence confidence;

    public PolicyTerms terms() {
        return new PolicyTerms(riskLevel, repatriation, detention, refugeeRecognition, embassyHandover, unhcrAccess,
                penaltiesForHelpers, summary);
    }

    public PolicyContent copy() {
        var copy = new PolicyContent();
        copy.refugeeRecognition = refugeeRecognition;
        copy.repatriation = repatriation;
        copy.detention = detention;
        copy.embassyHandover = embassyHandover;
        copy.penaltiesForHelpers = penaltiesForHelpers;
        copy.unhcrAccess = unhcrAccess;
        copy.supportAvailable = supportAvailable;
        copy.riskLevel = riskLevel;
        copy.summary = summary;
        copy.sources = List.copyOf(sources);
        copy.confidence = confidence;
        return copy;
    }
}
