package org.amicus.core.submission.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A source's withdrawal of consent to some uses of an item, recorded on the submitting node when made and on the
 * receiving node when its signed notice arrives. The source is named by its pseudonymous reference only.
 */
@Entity
@Table(name = "consent_withdrawal")
public class ConsentWithdrawal {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "item_id", length = 36, nullable = false, updatable = false)
    private String itemId;

    @Column(name = "source_ref", length = 40, nullable = false, updatable = false)
    private String sourceRef;

    @Column(name = "uses", length = 200, nullable = false, updatable = false)
    private String uses;

    @Column(name = "withdrawn_at", nullable = false, updatable = false)
    private Instant withdrawnAt;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected ConsentWithdrawal() {}

    public ConsentWithdrawal(UUID item, String sourceRef, Set<ConsentUse> uses, Instant withdrawnAt, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.itemId = item.toString();
        this.sourceRef = sourceRef;
        this.uses = uses.stream().map(ConsentUse::wireName).sorted().collect(Collectors.joining(","));
        this.withdrawnAt = withdrawnAt;
        this.recordedAt = now;
    }

    public UUID item() {
        return UUID.fromString(itemId);
    }

    public String sourceRef() {
        return sourceRef;
    }

    public Set<ConsentUse> uses() {
        return Arrays.stream(uses.split(",")).map(ConsentUse::parse).collect(Collectors.toSet());
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
    }
}
