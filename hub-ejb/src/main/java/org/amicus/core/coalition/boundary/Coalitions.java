package org.amicus.core.coalition.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.coalition.control.Roster;
import org.amicus.core.coalition.control.Roster.Standing;
import org.amicus.core.coalition.control.RosterChain;
import org.amicus.core.coalition.control.RosterEventRefusedException;
import org.amicus.core.coalition.control.RosterSignatures;
import org.amicus.core.coalition.entity.Coalition;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.coalition.entity.RosterEvent;
import org.amicus.core.coalition.entity.RosterEventKind;
import org.amicus.core.coalition.entity.StoredRosterEvent;
import org.amicus.core.federation.control.Addressee;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.federation.control.EnvelopeSealing;
import org.amicus.core.federation.control.FederationTransport;
import org.amicus.core.federation.control.SealedEnvelope;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.organisation.boundary.OrganisationNotFoundException;
import org.amicus.core.organisation.boundary.OrganisationView;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.organisation.control.OrganisationSignatures;
import org.amicus.core.platform.control.Sha256;

/**
 * Coalitions this organisation takes part in. Every change is a roster event signed with this organisation's
 * key, checked by the same rules every member node applies ({@link Roster}), stored with the chain and sent,
 * as the whole chain, to every organisation the roster names (docs/routing.md, federation.md §3.5). Chains
 * that other nodes send are admitted only if every event this node does not hold yet verifies and follows.
 */
@Stateless
public class Coalitions {

    /** The inner document type of a replicated roster chain. */
    public static final String ROSTER_TYPE = "amicus.roster";

    static final Duration ROSTER_LIFETIME = Duration.ofDays(30);
    static final int MAX_PURPOSE = 500;

    private static final Logger LOG = Logger.getLogger(Coalitions.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    Organisations organisations;

    @Inject
    OrganisationSignatures signatures;

    @Inject
    EnvelopeSealing sealing;

    @Inject
    FederationTransport transport;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    /** Founds a coalition with this organisation as its first member and administrator. */
    public CoalitionView found(String purpose, boolean historyForNewMembers, int approvalsRequired) {
        if (purpose == null || purpose.isBlank() || purpose.length() > MAX_PURPOSE) {
            throw new CoalitionRefusedException("a coalition needs a purpose of 1 to " + MAX_PURPOSE + " characters");
        }
        if (approvalsRequired < 1 || approvalsRequired > 20) {
            throw new CoalitionRefusedException("approvalsRequired is 1 to 20 administrators");
        }
        CoalitionId id = CoalitionId.random();
        OrgId self = organisations.self();
        Instant now = clock.instant();
        Coalition c = new Coalition(id, purpose.strip(), now);
        em.persist(c);
        RosterEvent founding = new RosterEvent(
                id,
                1,
                RosterEvent.GENESIS,
                RosterEventKind.FOUNDED,
                self,
                self,
                now,
                purpose.strip(),
                historyForNewMembers,
                approvalsRequired,
                null);
        Roster roster = new Roster(id);
        append(c, roster, founding);
        audit.recordByCaller("coalition.founded", id.toString(), null, "ok", "approvals required " + approvalsRequired);
        return view(c, roster);
    }

    /**
     * Makes a change to a coalition's roster as this organisation: invite, approve, accept (this organisation's
     * own invitation), leave, suspend, reinstate, remove, grant or revoke the administrator role.
     *
     * @throws CoalitionNotFoundException if this node holds no such coalition
     * @throws CoalitionRefusedException for an organisation this node does not know (invitations)
     * @throws RosterEventRefusedException if the roster's rules refuse it (not an administrator, no invitation…)
     */
    public CoalitionView change(CoalitionId id, RosterEventKind kind, Optional<OrgId> subject) {
        if (kind == RosterEventKind.FOUNDED) {
            throw new CoalitionRefusedException("a coalition is founded once, by POST /api/v1/coalitions");
        }
        OrgId self = organisations.self();
        OrgId about;
        if (kind == RosterEventKind.ACCEPTED || kind == RosterEventKind.LEFT) {
            if (subject.isPresent() && !subject.get().equals(self)) {
                throw new CoalitionRefusedException(
                        "an organisation accepts its own invitation and leaves for itself only");
            }
            about = self;
        } else {
            about = subject.orElseThrow(
                    () -> new CoalitionRefusedException(kind.name().toLowerCase() + " names an organisation"));
        }
        if (kind == RosterEventKind.INVITED) {
            try {
                organisations.find(about);
            } catch (OrganisationNotFoundException e) {
                throw new CoalitionRefusedException("no organisation " + about
                        + " is known to this node: add its node as a peer before inviting it");
            }
            if (!organisations.reachable(about)) {
                throw new CoalitionRefusedException(
                        "organisation " + about + " is not reachable (its peer was removed or its key revoked)");
            }
        }
        Coalition c = em.find(Coalition.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw new CoalitionNotFoundException(id);
        }
        Roster roster = rebuild(c);
        RosterEvent event = new RosterEvent(
                id, roster.seq() + 1, roster.head(), kind, self, about, clock.instant(), null, false, 1, null);
        append(c, roster, event);
        audit.recordByCaller(
                "coalition." + kind.name().toLowerCase(java.util.Locale.ROOT),
                id.toString(),
                null,
                "ok",
                "organisation " + about + ", event " + event.seq());
        return view(c, roster);
    }

    /** Signs {@code unsigned}, applies it by the roster's rules, stores it, and sends the chain to the roster. */
    private void append(Coalition c, Roster roster, RosterEvent unsigned) {
        RosterEvent event = unsigned.signed(signatures.sign(unsigned.line().getBytes(StandardCharsets.UTF_8)));
        roster.apply(event, verifier()); // the rules every member node applies: refused here, nothing stored
        String hash = Sha256.hex(event.line());
        em.persist(new StoredRosterEvent(event, hash, clock.instant()));
        c.advance(event.seq(), hash, roster.purpose(), clock.instant());
        replicate(c.id(), roster, event.subject());
    }

    /**
     * Sends the whole chain, in one sealed envelope, to every organisation the roster names that is invited, a
     * member or suspended, and to the subject of the latest event (so a removed member learns of its removal).
     */
    private void replicate(CoalitionId id, Roster roster, OrgId subject) {
        OrgId self = organisations.self();
        Set<OrgId> to = new LinkedHashSet<>();
        roster.standings().forEach((org, s) -> {
            if (s == Standing.INVITED || s == Standing.MEMBER || s == Standing.SUSPENDED) {
                to.add(org);
            }
        });
        to.add(subject);
        to.remove(self);
        if (to.isEmpty()) {
            return;
        }
        List<Addressee> addressees = new ArrayList<>();
        Set<NodeId> hops = new LinkedHashSet<>();
        for (OrgId org : to) {
            Peer p = em.find(Peer.class, Organisations.nodeOf(org).toString());
            if (p == null || !organisations.reachable(org)) {
                LOG.warning("AMICUS-COALITION-003 coalition " + id + ": organisation " + org
                        + " is not reachable from this node; it gets the roster from another member or later");
                continue;
            }
            addressees.add(new Addressee(p.nodeId(), p.fingerprint()));
            hops.add(p.nextHop());
        }
        if (addressees.isEmpty()) {
            return;
        }
        String chain = RosterChain.write(id, events(id));
        SealedEnvelope sealed =
                sealing.seal(new Draft(ROSTER_TYPE, "coalition roster", chain, "alert", ROSTER_LIFETIME), addressees);
        hops.forEach(hop -> transport.send(hop, sealed));
        LOG.info(() -> "AMICUS-COALITION-001 roster of coalition " + id + " (" + roster.seq() + " events) sent to "
                + addressees.size() + " node(s)");
    }

    /**
     * What became of a roster chain another node sent: how many events were new, or why it was refused; and
     * the organisations that joined with it a coalition that shows its history to new members (to which this
     * node sends what it sent to the coalition before).
     */
    public record Admission(
            int applied,
            Optional<RosterEventRefusedException.Kind> refused,
            String reason,
            Optional<CoalitionId> coalition,
            Set<OrgId> joinedWithHistory) {
        public static Admission ok(int applied) {
            return new Admission(applied, Optional.empty(), "", Optional.empty(), Set.of());
        }

        static Admission refused(RosterEventRefusedException.Kind kind, String reason) {
            return new Admission(0, Optional.of(kind), reason, Optional.empty(), Set.of());
        }
    }

    /**
     * Admits a roster chain that arrived in an envelope: every event this node does not hold yet must verify
     * (signed by its actor's key, known to this node), follow the chain and be authorised; then all are stored,
     * or none. Never throws: a refusal is returned, so the caller can record it in its own transaction.
     */
    public Admission admit(String body) {
        try {
            RosterChain.Read chain = RosterChain.read(body);
            OrgId self = organisations.self();
            if (chain.events().stream().noneMatch(e -> e.subject().equals(self))) {
                return Admission.refused(
                        RosterEventRefusedException.Kind.INVALID,
                        "the roster does not name this organisation: it is not for this node");
            }
            Coalition c = em.find(Coalition.class, chain.coalition().toString(), LockModeType.PESSIMISTIC_WRITE);
            Roster roster = c == null ? new Roster(chain.coalition()) : rebuild(c);
            List<RosterEvent> fresh = new ArrayList<>();
            RosterSignatures verifier = verifier();
            for (RosterEvent e : chain.events()) {
                if (e.seq() > roster.seq() && organisations.key(e.actor()).isEmpty()) {
                    return Admission.refused(
                            RosterEventRefusedException.Kind.FORGED,
                            "event " + e.seq() + " is signed as organisation " + e.actor()
                                    + ", whose key this node does not know: add its node as a peer");
                }
                if (roster.apply(e, verifier) == Roster.Applied.APPLIED) {
                    fresh.add(e);
                }
            }
            if (fresh.isEmpty()) {
                return Admission.ok(0);
            }
            Instant now = clock.instant();
            if (c == null) {
                c = new Coalition(chain.coalition(), roster.purpose(), now);
                em.persist(c);
            }
            for (RosterEvent e : fresh) {
                em.persist(new StoredRosterEvent(e, Sha256.hex(e.line()), now));
            }
            c.advance(roster.seq(), roster.head(), roster.purpose(), now);
            LOG.info("AMICUS-COALITION-002 roster of coalition " + chain.coalition() + " now at event " + roster.seq()
                    + " (" + fresh.size() + " new)");
            Set<OrgId> joined = new LinkedHashSet<>();
            if (roster.historyForNewMembers()) {
                fresh.stream()
                        .filter(e -> e.kind() == RosterEventKind.ACCEPTED
                                && !e.subject().equals(self))
                        .filter(e -> roster.standing(e.subject()).equals(Optional.of(Standing.MEMBER)))
                        .forEach(e -> joined.add(e.subject()));
            }
            return new Admission(fresh.size(), Optional.empty(), "", Optional.of(chain.coalition()), joined);
        } catch (RosterEventRefusedException e) {
            return Admission.refused(e.kind(), e.getMessage());
        }
    }

    public List<CoalitionView> list() {
        return em.createQuery("select c from Coalition c order by c.createdAt, c.id", Coalition.class)
                .getResultStream()
                .map(c -> view(c, rebuild(c)))
                .toList();
    }

    public CoalitionView find(CoalitionId id) {
        Coalition c = em.find(Coalition.class, id.toString());
        if (c == null) {
            throw new CoalitionNotFoundException(id);
        }
        return view(c, rebuild(c));
    }

    /** The roster as this node verified it; empty if it holds no such coalition. */
    public Optional<Roster> roster(CoalitionId id) {
        return Optional.ofNullable(em.find(Coalition.class, id.toString())).map(this::rebuild);
    }

    /** The chain as stored, in order. */
    public List<RosterEvent> events(CoalitionId id) {
        return em.createQuery(
                        "select e from StoredRosterEvent e where e.coalitionId = :c order by e.seq",
                        StoredRosterEvent.class)
                .setParameter("c", id.toString())
                .getResultStream()
                .map(e -> RosterChain.parseLine(e.line()).signed(e.signature()))
                .toList();
    }

    /**
     * The roster from the stored chain. Every stored event was verified when it was admitted, so signatures are
     * not checked again here; the chain's links and rules are.
     */
    private Roster rebuild(Coalition c) {
        Roster roster = new Roster(c.id());
        for (RosterEvent e : events(c.id())) {
            roster.apply(e, (org, line, signature) -> true);
        }
        if (roster.seq() != c.headSeq() || !roster.head().equals(c.headHash())) {
            throw new IllegalStateException("AMICUS-COALITION-009 the stored roster of coalition " + c.id()
                    + " does not lead to its recorded head: the database was altered");
        }
        return roster;
    }

    private RosterSignatures verifier() {
        return (org, line, signature) -> organisations
                .key(org)
                .map(fp -> signatures.verify(line, signature, fp))
                .orElse(false);
    }

    private CoalitionView view(Coalition c, Roster roster) {
        OrgId self = organisations.self();
        Map<OrgId, OrganisationView> known = new LinkedHashMap<>();
        organisations.list().forEach(o -> known.put(o.id(), o));
        List<CoalitionView.Member> members = new ArrayList<>();
        Set<OrgId> admins = roster.administrators();
        roster.standings().forEach((org, standing) -> {
            OrganisationView o = known.get(org);
            members.add(new CoalitionView.Member(
                    org,
                    o == null ? "" : o.name(),
                    o == null ? "" : o.type().wireName(),
                    standing,
                    admins.contains(org)));
        });
        return new CoalitionView(
                c.id(),
                roster.purpose(),
                roster.historyForNewMembers(),
                roster.approvalsRequired(),
                roster.standing(self).orElse(null),
                roster.activeAdministrators().contains(self),
                roster.seq(),
                roster.head(),
                c.updatedAt(),
                members);
    }
}
