package org.amicus.core.bulletin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.amicus.core.membership.entity.OrgId;

/** On the publisher's node: an organisation of a series' audience that chose not to receive it. */
@Entity
@Table(name = "bulletin_opt_out")
@IdClass(BulletinOptOut.Key.class)
public class BulletinOptOut {

    @Id
    @Column(name = "series_id", length = 36, nullable = false, updatable = false)
    private String seriesId;

    @Id
    @Column(name = "organisation", length = 36, nullable = false, updatable = false)
    private String organisation;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected BulletinOptOut() {}

    public BulletinOptOut(SeriesId series, OrgId organisation, Instant at) {
        this.seriesId = series.toString();
        this.organisation = organisation.toString();
        this.changedAt = at;
    }

    public OrgId organisation() {
        return OrgId.parse(organisation);
    }

    /** The key: the series and the organisation. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String seriesId;
        private String organisation;

        public Key() {}

        public Key(SeriesId series, OrgId organisation) {
            this.seriesId = series.toString();
            this.organisation = organisation.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(seriesId, k.seriesId)
                    && Objects.equals(organisation, k.organisation);
        }

        @Override
        public int hashCode() {
            return Objects.hash(seriesId, organisation);
        }
    }
}
