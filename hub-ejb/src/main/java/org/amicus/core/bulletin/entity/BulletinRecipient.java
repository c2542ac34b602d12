package org.amicus.core.bulletin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.amicus.core.membership.entity.OrgId;

/**
 * On the publisher's node, one organisation a bulletin went to and when it was first read there: the read count is
 * per organisation, never per person.
 */
@Entity
@Table(name = "bulletin_recipient")
@IdClass(BulletinRecipient.Key.class)
public class BulletinRecipient {

    @Id
    @Column(name = "bulletin_id", length = 36, nullable = false, updatable = false)
    private String bulletinId;

    @Id
    @Column(name = "organisation", length = 36, nullable = false, updatable = false)
    private String organisation;

    @Column(name = "sent_at", nullable = false, updatable = false)
    private Instant sentAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected BulletinRecipient() {}

    public BulletinRecipient(BulletinId bulletin, OrgId organisation, Instant sentAt) {
        this.bulletinId = bulletin.toString();
        this.organisation = organisation.toString();
        this.sentAt = sentAt;
    }

    /** The organisation reports it read the bulletin; the first report counts. */
    public void read(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    public OrgId organisation() {
        return OrgId.parse(organisation);
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Optional<Instant> readAt() {
        return Optional.ofNullable(readAt);
    }

    /** The key: the bulletin and the organisation. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String bulletinId;
        private String organisation;

        public Key() {}

        public Key(BulletinId bulletin, OrgId organisation) {
            this.bulletinId = bulletin.toString();
            this.organisation = organisation.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(bulletinId, k.bulletinId)
                    && Objects.equals(organisation, k.organisation);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bulletinId, organisation);
        }
    }
}
