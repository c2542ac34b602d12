package org.amicus.core.coalition.entity;

import java.time.Instant;
import java.util.Objects;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.platform.control.CanonicalJson;

/**
 * One signed event of a coalition's roster, linked to the one before by its hash: the roster is a hash chain
 * that every member node replicates and checks in full. {@code actor} is the organisation whose key signed
 * {@link #line()}; {@code subject} the organisation the event is about. {@code purpose}, {@code
 * historyForNewMembers} and {@code approvalsRequired} matter for {@link RosterEventKind#FOUNDED} only.
 */
public record RosterEvent(
        CoalitionId coalition,
        long seq,
        String prevHash,
        RosterEventKind kind,
        OrgId actor,
        OrgId subject,
        Instant at,
        String purpose,
        boolean historyForNewMembers,
        int approvalsRequired,
        byte[] signature) {

    /** The {@code prevHash} of the first event. */
    public static final String GENESIS = "0".repeat(64);

    public RosterEvent {
        Objects.requireNonNull(coalition, "coalition");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
        signature = signature == null ? new byte[0] : signature.clone();
    }

    /** The canonical line that is signed and hashed (RFC 8785 strings, fixed field order). */
    public String line() {
        StringBuilder sb = new StringBuilder(300);
        sb.append("{\"coalition\":");
        CanonicalJson.appendString(sb, coalition.toString());
        sb.append(",\"seq\":").append(seq).append(",\"prev\":");
        CanonicalJson.appendString(sb, prevHash);
        sb.append(",\"kind\":");
        CanonicalJson.appendString(sb, kind.name());
        sb.append(",\"actor\":");
        CanonicalJson.appendString(sb, actor.toString());
        sb.append(",\"subject\":");
        CanonicalJson.appendString(sb, subject.toString());
        sb.append(",\"at\":");
        CanonicalJson.appendString(sb, at.toString());
        if (kind == RosterEventKind.FOUNDED) {
            sb.append(",\"purpose\":");
            CanonicalJson.appendString(sb, purpose == null ? "" : purpose);
            sb.append(",\"historyForNewMembers\":").append(historyForNewMembers);
            sb.append(",\"approvalsRequired\":").append(approvalsRequired);
        }
        return sb.append('}').toString();
    }

    /** The same event with its signature. */
    public RosterEvent signed(byte[] by) {
        return new RosterEvent(
                coalition,
                seq,
                prevHash,
                kind,
                actor,
                subject,
                at,
                purpose,
                historyForNewMembers,
                approvalsRequired,
                by);
    }
}
