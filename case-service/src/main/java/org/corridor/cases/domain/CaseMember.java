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
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One person of a case. The alias and the personal data are stored sealed. */
@Entity
@Table(name = "case_member")
public class CaseMember {

    @Id
    private UUID id;

    /** Null once the case is erased. */
    private byte[] alias;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Sex sex;

    @Enumerated(EnumType.STRING)
    @Column(name = "age_band", nullable = false)
    private AgeBand ageBand;

    /** Replaced, never changed in place, so Hibernate need not copy it to see changes. */
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private List<String> vulnerabilities;

    /** legalName, dateOfBirth, placeOfOrigin, relatives and contact, sealed together; null when none was given. */
    @Column(name = "personal_data")
    private byte[] personalData;

    protected CaseMember() {
    }

    /** A new member; its fields are sealed under its id, so the id comes first. */
    public static CaseMember joining() {
        var member = new CaseMember();
        member.id = UUID.randomUUID();
        return member;
    }

    public void describe(Sex sex, AgeBand ageBand, Collection<Vulnerability> vulnerabilities) {
        this.sex = sex;
        this.ageBand = ageBand;
        this.vulnerabilities = vulnerabilities.stream().map(Enum::name).sorted().toList();
    }

    /** The alias and the personal data (null: none), each sealed under the case's key at this member's place. */
    public void seal(byte[] sealedAlias, byte[] sealedPersonalData) {
        alias = sealedAlias;
        personalData = sealedPersonalData;
    }

    public UUID id() {
        return id;
    }

    public byte[] alias() {
        return alias;
    }

    public Sex sex() {
        return sex;
    }

    public AgeBand ageBand() {
        return ageBand;
    }

    public byte[] personalData() {
        return personalData;
    }

    public Set<Vulnerability> vulnerabilities() {
        Set<Vulnerability> all = EnumSet.noneOf(Vulnerability.class);
        vulnerabilities.forEach(name -> all.add(Vulnerability.valueOf(name)));
        return all;
    }
}
