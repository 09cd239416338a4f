package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.repository.OrganisationKeyRepository;
import org.corridor.cases.repository.OrganisationKeyRepository.WrappedKey;
import org.corridor.cases.security.CaseCipher;
import org.corridor.cases.security.OrganisationKeyStore;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Each case's data key and the versions of its organisation's key that wrap it. An organisation's key rotates by
 * re-wrapping only: a new version takes over, the case keys under retired ones are wrapped again in batches while
 * requests go on (each case key names its version, so both open meanwhile), and a retired version no case key names
 * any more is destroyed: from then on no copy of the database opens what it wrapped.
 */
@ApplicationScoped
public class CaseKeys {

    private final OrganisationKeyRepository versions;
    private final OrganisationKeyStore store;
    private final TransactionSynchronizationRegistry transaction;
    private final Clock clock;

    public CaseKeys(OrganisationKeyRepository versions, OrganisationKeyStore store,
                    TransactionSynchronizationRegistry transaction, Clock clock) {
        this.versions = versions;
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Gives a case a new data key, wrapped by its organisation's current version, and answers it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SecretKey issue(CaseFile file) {
        SecretKey dataKey = CaseCipher.newDataKey();
        Version current = current(file.organisation());
        file.holdDataKey(current.id(), CaseCipher.wrap(current.key(), file.id(), dataKey));
        return dataKey;
    }

    /** The case's data key. */
    public SecretKey of(CaseFile file) {
        SecretKey organisationKey = store.key(file.organisation(), file.dataKeyVersion()).orElseThrow(() ->
                new IllegalStateException("the organisation key version that wraps a case key is gone"));
        return CaseCipher.unwrap(organisationKey, file.id(), file.dataKey());
    }

    /**
     * Wraps the case's data key for {@code receiver}, the organisation taking the case over, and writes it: its fields
     * stay as they are.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rewrapFor(CaseFile file, String receiver) {
        SecretKey dataKey = of(file);
        Version current = current(receiver);
        file.holdDataKey(current.id(), CaseCipher.wrap(current.key(), file.id(), dataKey));
        write(file);
    }

    /**
     * Destroys the case's data key: no row holds it from now on, and the organisation key version that wrapped it,
     * if it was the current one, is retired, so that {@link #destroyUnused} destroys it once the organisation's other
     * case keys are wrapped anew, and with it the copy of this key that every backup holds.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void destroy(CaseFile file) {
        UUID version = file.dataKeyVersion();
        file.holdDataKey(null, null);
        write(file);
        if (version != null && versions.current(file.organisation()).filter(version::equals).isPresent()) {
            retire(file.organisation());
        }
    }

    /** Writes the data key a case already stored holds now (a loaded case never writes it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(CaseFile file) {
        versions.write(List.of(new WrappedKey(file.id(), file.dataKey(), file.dataKeyVersion())));
    }

    /** Retires the organisation's current version: a new one wraps its case keys from now on. */
    @Transactional
    public void retire(String organisation) {
        versions.retireCurrent(organisation, clock.instant());
        transaction.putResource(new CurrentVersionOf(organisation), readCurrent(organisation));
    }

    /**
     * Wraps a batch of the organisation's case keys under retired versions anew, with its current version; answers how
     * many. Keys of cases another transaction holds are left for a later batch.
     */
    @Transactional
    public int rewrapRetired(String organisation, int batchSize) {
        List<WrappedKey> retired = versions.lockKeysUnderRetired(organisation, batchSize);
        if (retired.isEmpty()) {
            return 0;
        }
        Version current = current(organisation);
        versions.write(retired.stream().map(key -> {
            SecretKey old = store.key(organisation, key.version()).orElseThrow(() ->
                    new IllegalStateException("a retired organisation key version that still wraps case keys is gone"));
            SecretKey dataKey = CaseCipher.unwrap(old, key.caseId(), key.wrapped());
            return new WrappedKey(key.caseId(), CaseCipher.wrap(current.key(), key.caseId(), dataKey), current.id());
        }).toList());
        return retired.size();
    }

    /** Destroys the organisation's retired versions that wrap no case key any more; answers how many. */
    @Transactional
    public int destroyUnused(String organisation) {
        int destroyed = 0;
        for (UUID version : versions.lockRetired(organisation)) {
            if (!versions.wrapsAnyCaseKey(version)) {
                // the file first: should the row survive a failure, the next run finds the version unused again
                store.destroy(organisation, version);
                versions.delete(version);
                destroyed++;
            }
        }
        return destroyed;
    }

    /**
     * The organisation's current version, read once per transaction: the read locks it against being destroyed until
     * the transaction ends, and an import or a batch issues many keys in one transaction.
     */
    private Version current(String organisation) {
        var resource = new CurrentVersionOf(organisation);
        Version current = (Version) transaction.getResource(resource);
        if (current == null) {
            current = readCurrent(organisation);
            transaction.putResource(resource, current);
        }
        return current;
    }

    /** The organisation's current version, made now if it has none. */
    private Version readCurrent(String organisation) {
        UUID version = versions.current(organisation).orElse(null);
        if (version == null) {
            UUID made = UUID.randomUUID();
            SecretKey key = store.create(organisation, made);
            if (versions.addCurrent(organisation, made, clock.instant())) {
                return new Version(made, key);
            }
            store.destroy(organisation, made);
            version = versions.current(organisation).orElseThrow();
        }
        return new Version(version, store.key(organisation, version).orElseThrow(() ->
                new IllegalStateException("the current organisation key version is missing from the key directory")));
    }

    private record Version(UUID id, SecretKey key) {
    }

    private record CurrentVersionOf(String organisation) {
    }
}
