package org.amicus.core.coalition.control;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.amicus.core.coalition.control.RosterEventRefusedException.Kind;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.coalition.entity.RosterEvent;
import org.amicus.core.coalition.entity.RosterEventKind;
import org.amicus.core.membership.entity.OrgId;

/**
 * A coalition's roster as every member node rebuilds it from the signed event chain (docs/routing.md):
 * each event must come next in the chain, carry the signature of the organisation it names as actor, and be
 * that organisation's to make. Anything else is refused and changes nothing. An event already applied
 * (the same hash at the same place) is recognised and ignored, so replication may repeat itself.
 */
public final class Roster {

    /** Where an organisation stands in the coalition. */
    public enum Standing {
        INVITED,
        MEMBER,
        SUSPENDED,
        LEFT,
        REMOVED
    }

    private final CoalitionId coalition;
    private final Map<OrgId, Standing> standing = new LinkedHashMap<>();
    private final Map<OrgId, Set<OrgId>> approvals = new HashMap<>();
    private final Map<OrgId, Long> memberSince = new HashMap<>();
    private final Set<OrgId> administrators = new HashSet<>();
    private final Map<Long, String> hashes = new HashMap<>();
    private String purpose = "";
    private boolean historyForNewMembers;
    private int approvalsRequired = 1;
    private long seq;
    private String head = RosterEvent.GENESIS;

    public Roster(CoalitionId coalition) {
        this.coalition = coalition;
    }

    /** What {@link #apply} did with an event. */
    public enum Applied {
        APPLIED,
        ALREADY_APPLIED
    }

    /**
     * Applies {@code event} if it is the next one, authentic and authorised.
     *
     * @throws RosterEventRefusedException FORGED (signature), OUT_OF_ORDER (not next, or a fork), UNAUTHORISED
     *     (not the actor's to make), INVALID (makes no sense in the roster's state)
     */
    public Applied apply(RosterEvent event, RosterSignatures signatures) {
        if (!event.coalition().equals(coalition)) {
            throw new RosterEventRefusedException(Kind.INVALID, "the event belongs to another coalition");
        }
        String line = event.line();
        String hash = sha256(line);
        if (event.seq() <= seq) {
            if (hash.equals(hashes.get(event.seq()))) {
                return Applied.ALREADY_APPLIED;
            }
            throw new RosterEventRefusedException(
                    Kind.OUT_OF_ORDER, "event " + event.seq() + " differs from the one applied at that place (a fork)");
        }
        if (event.seq() != seq + 1 || !event.prevHash().equals(head)) {
            throw new RosterEventRefusedException(
                    Kind.OUT_OF_ORDER,
                    "event " + event.seq() + " does not follow event " + seq + " of this roster: an event is missing"
                            + " or it was re-ordered");
        }
        if (!signatures.signedBy(event.actor(), line.getBytes(StandardCharsets.UTF_8), event.signature())) {
            throw new RosterEventRefusedException(
                    Kind.FORGED, "event " + event.seq() + " is not signed by the organisation it names as actor");
        }
        authorise(event);
        change(event);
        seq = event.seq();
        head = hash;
        hashes.put(seq, hash);
        return Applied.APPLIED;
    }

    private void authorise(RosterEvent e) {
        OrgId actor = e.actor();
        OrgId subject = e.subject();
        Optional<Standing> now = Optional.ofNullable(standing.get(subject));
        boolean actorAdmin = administrators.contains(actor) && standing.get(actor) == Standing.MEMBER;
        switch (e.kind()) {
            case FOUNDED -> {
                require(e.seq() == 1, Kind.INVALID, "only the first event founds the coalition");
                require(actor.equals(subject), Kind.UNAUTHORISED, "the founder founds for itself");
                require(e.approvalsRequired() >= 1, Kind.INVALID, "at least one approval admits a member");
            }
            case INVITED -> {
                requireAdmin(actorAdmin, e);
                require(
                        now.isEmpty()
                                || EnumSet.of(Standing.LEFT, Standing.REMOVED).contains(now.get()),
                        Kind.INVALID,
                        "the organisation is already invited or a member");
            }
            case APPROVED -> {
                requireAdmin(actorAdmin, e);
                require(now.equals(Optional.of(Standing.INVITED)), Kind.INVALID, "there is no invitation to approve");
                require(
                        !approvals.get(subject).contains(actor),
                        Kind.INVALID,
                        "this administrator has approved the invitation already");
            }
            case ACCEPTED -> {
                require(actor.equals(subject), Kind.UNAUTHORISED, "only the invited organisation accepts");
                require(now.equals(Optional.of(Standing.INVITED)), Kind.INVALID, "the organisation was not invited");
                // as many approvals as the coalition requires, or all its active administrators if it has fewer
                int needed = Math.max(
                        1, Math.min(approvalsRequired, activeAdministrators().size()));
                long given = approvals.get(subject).stream()
                        .filter(activeAdministrators()::contains)
                        .count();
                require(
                        given >= needed,
                        Kind.UNAUTHORISED,
                        "the invitation needs " + needed + " administrators' approval, it has " + given);
            }
            case LEFT -> {
                require(actor.equals(subject), Kind.UNAUTHORISED, "only the member itself leaves");
                require(
                        now.equals(Optional.of(Standing.MEMBER)) || now.equals(Optional.of(Standing.SUSPENDED)),
                        Kind.INVALID,
                        "the organisation is not a member");
                Set<OrgId> otherAdmins = new HashSet<>(activeAdministrators());
                otherAdmins.remove(subject);
                require(
                        !otherAdmins.isEmpty()
                                || activeMembers().size() <= 1
                                || !activeMembers().contains(subject),
                        Kind.INVALID,
                        "the last active administrator cannot leave while others remain: make another administrator"
                                + " first");
            }
            case SUSPENDED -> {
                requireAdmin(actorAdmin, e);
                require(!actor.equals(subject), Kind.INVALID, "an administrator does not suspend itself");
                require(
                        now.equals(Optional.of(Standing.MEMBER)),
                        Kind.INVALID,
                        "the organisation is not an active member");
            }
            case REINSTATED -> {
                requireAdmin(actorAdmin, e);
                require(now.equals(Optional.of(Standing.SUSPENDED)), Kind.INVALID, "the organisation is not suspended");
            }
            case REMOVED -> {
                requireAdmin(actorAdmin, e);
                require(!actor.equals(subject), Kind.INVALID, "an administrator leaves, it does not remove itself");
                require(
                        now.isPresent()
                                && EnumSet.of(Standing.INVITED, Standing.MEMBER, Standing.SUSPENDED)
                                        .contains(now.get()),
                        Kind.INVALID,
                        "the organisation is neither invited nor a member");
            }
            case ADMIN_GRANTED -> {
                requireAdmin(actorAdmin, e);
                require(now.equals(Optional.of(Standing.MEMBER)), Kind.INVALID, "only an active member administers");
                require(!administrators.contains(subject), Kind.INVALID, "already an administrator");
            }
            case ADMIN_REVOKED -> {
                requireAdmin(actorAdmin, e);
                require(administrators.contains(subject), Kind.INVALID, "not an administrator");
                Set<OrgId> remaining = new HashSet<>(activeAdministrators());
                remaining.remove(subject);
                require(!remaining.isEmpty(), Kind.INVALID, "the last active administrator keeps the role");
            }
        }
        if (e.kind() != RosterEventKind.FOUNDED) {
            require(e.seq() > 1, Kind.INVALID, "the first event founds the coalition");
        }
    }

    private void change(RosterEvent e) {
        OrgId subject = e.subject();
        switch (e.kind()) {
            case FOUNDED -> {
                purpose = e.purpose() == null ? "" : e.purpose();
                historyForNewMembers = e.historyForNewMembers();
                approvalsRequired = e.approvalsRequired();
                standing.put(subject, Standing.MEMBER);
                memberSince.put(subject, e.seq());
                administrators.add(subject);
            }
            case INVITED -> {
                standing.put(subject, Standing.INVITED);
                approvals.put(subject, new HashSet<>(Set.of(e.actor())));
            }
            case APPROVED -> approvals.get(subject).add(e.actor());
            case ACCEPTED -> {
                standing.put(subject, Standing.MEMBER);
                memberSince.put(subject, e.seq());
                approvals.remove(subject);
            }
            case LEFT -> {
                standing.put(subject, Standing.LEFT);
                administrators.remove(subject);
                memberSince.remove(subject);
            }
            case SUSPENDED -> standing.put(subject, Standing.SUSPENDED);
            case REINSTATED -> standing.put(subject, Standing.MEMBER);
            case REMOVED -> {
                standing.put(subject, Standing.REMOVED);
                administrators.remove(subject);
                approvals.remove(subject);
                memberSince.remove(subject);
            }
            case ADMIN_GRANTED -> administrators.add(subject);
            case ADMIN_REVOKED -> administrators.remove(subject);
        }
    }

    private static void requireAdmin(boolean actorAdmin, RosterEvent e) {
        require(
                actorAdmin,
                Kind.UNAUTHORISED,
                e.kind() + " needs an administrator of the coalition; the signer is not one");
    }

    private static void require(boolean condition, Kind kind, String why) {
        if (!condition) {
            throw new RosterEventRefusedException(kind, why);
        }
    }

    /** The members that receive what is sent to the coalition now (suspended ones do not). */
    public Set<OrgId> activeMembers() {
        Set<OrgId> active = new HashSet<>();
        standing.forEach((org, s) -> {
            if (s == Standing.MEMBER) {
                active.add(org);
            }
        });
        return Collections.unmodifiableSet(active);
    }

    /** The administrators that can act now (a suspended administrator cannot). */
    public Set<OrgId> activeAdministrators() {
        Set<OrgId> active = new HashSet<>(administrators);
        active.removeIf(a -> standing.get(a) != Standing.MEMBER);
        return Collections.unmodifiableSet(active);
    }

    public Optional<Standing> standing(OrgId org) {
        return Optional.ofNullable(standing.get(org));
    }

    public Set<OrgId> administrators() {
        return Set.copyOf(administrators);
    }

    /**
     * Whether {@code org} may see a message sent to the coalition when the roster stood at {@code sentAtSeq}: an
     * active member that was one then, or joined later if the coalition shows its history to new members.
     */
    public boolean maySeeHistory(OrgId org, long sentAtSeq) {
        Long since = memberSince.get(org);
        return standing.get(org) == Standing.MEMBER && since != null && (since <= sentAtSeq || historyForNewMembers);
    }

    public CoalitionId coalition() {
        return coalition;
    }

    /** Every organisation the roster names, and where it stands, in the order they first appeared. */
    public Map<OrgId, Standing> standings() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(standing));
    }

    /** Whether members see what was sent before they joined (the founding event's setting). */
    public boolean historyForNewMembers() {
        return historyForNewMembers;
    }

    public int approvalsRequired() {
        return approvalsRequired;
    }

    public String purpose() {
        return purpose;
    }

    /** The number of the last event applied (0 before the founding). */
    public long seq() {
        return seq;
    }

    /** The hash of the last event applied: what the next one must name as {@code prevHash}. */
    public String head() {
        return head;
    }

    static String sha256(String line) {
        return org.amicus.core.platform.control.Sha256.hex(line);
    }
}
