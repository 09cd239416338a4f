package org.corridor.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.corridor.platform.cases.AgeBand;
import org.corridor.platform.cases.Sex;
import org.corridor.platform.policy.Vulnerability;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.List;
import java.util.UUID;

/** One person of a case. The alias and the personal data are stored sealed. */
@Entity
@Table(name = "case_member")
public class CaseMember {

    @Id
    public UUID id;

    @Column(nullable = false)
    public byte[] alias;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Sex sex;

    @Enumerated(EnumType.STRING)
    @Column(name = "age_band", nullable = false)
    public AgeBand ageBand;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> vulnerabilities;

    /** legalName, dateOfBirth, placeOfOrigin, relatives and contact, sealed together; null when none was given. */
    @Column(name = "personal_data")
    public byte[] personalData;

    public List<Vulnerability> vulnerabilityList() {
        return vulnerabilities.stream().map(Vulnerability::valueOf).toList();
    }
}
