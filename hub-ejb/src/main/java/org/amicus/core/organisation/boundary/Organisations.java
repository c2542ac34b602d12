package org.amicus.core.organisation.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.identity.boundary.KeyDirectory;
import org.amicus.core.identity.control.OrganisationIdentity;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.node.boundary.NodeService;
import org.amicus.core.node.entity.NodeId;

/**
 * The organisation directory: this node's own organisation and the organisations of its peers. One
 * organisation runs one node, so an organisation's id is its node's id (ADR 13); its name and type are what its
 * organisation key states (the certificate's user id, the signed statement on its card).
 */
@Stateless
public class Organisations {

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    NodeService node;

    @Inject
    OwnOrganisation own;

    @Inject
    OrganisationIdentity identity;

    @Inject
    KeyDirectory keys;

    public static OrgId of(NodeId node) {
        return new OrgId(node.value());
    }

    public static NodeId nodeOf(OrgId org) {
        return new NodeId(org.value());
    }

    /** This node's own organisation. */
    public OrgId self() {
        return of(node.ensureIdentity());
    }

    public List<OrganisationView> list() {
        List<OrganisationView> all = new ArrayList<>();
        all.add(ownView());
        em.createQuery("select p from Peer p", Peer.class)
                .getResultStream()
                .map(this::view)
                .sorted(Comparator.comparing(OrganisationView::name).thenComparing(v -> v.id().toString()))
                .forEach(all::add);
        return all;
    }

    public OrganisationView find(OrgId id) {
        if (id.equals(self())) {
            return ownView();
        }
        Peer p = em.find(Peer.class, nodeOf(id).toString());
        if (p == null) {
            throw new OrganisationNotFoundException(id);
        }
        return view(p);
    }

    /** The key that signs for {@code org}: this node's own, or its peer's (in whatever state). */
    public Optional<Fingerprint> key(OrgId org) {
        if (org.equals(self())) {
            return Optional.of(identity.current().fingerprint());
        }
        return Optional.ofNullable(em.find(Peer.class, nodeOf(org).toString())).map(Peer::fingerprint);
    }

    /** Whether envelopes reach {@code org} now (see {@link OrganisationView#reachable()}). */
    public boolean reachable(OrgId org) {
        if (org.equals(self())) {
            return true;
        }
        Peer p = em.find(Peer.class, nodeOf(org).toString());
        return p != null && reachable(p);
    }

    private boolean reachable(Peer p) {
        if (!p.acceptsEnvelopes()
                || keys.lookup(p.fingerprint()).map(k -> k.revoked()).orElse(true)) {
            return false;
        }
        if (p.direct()) {
            return true;
        }
        Peer relay = em.find(Peer.class, p.nextHop().toString());
        return relay != null && relay.acceptsEnvelopes();
    }

    /** The organisations envelopes reach now, this node's own included: what routing sees as the federation. */
    public java.util.Set<OrgId> reachableOrganisations() {
        java.util.Set<OrgId> orgs = new java.util.HashSet<>();
        orgs.add(self());
        em.createQuery("select p from Peer p", Peer.class)
                .getResultStream()
                .filter(this::reachable)
                .forEach(p -> orgs.add(of(p.nodeId())));
        return orgs;
    }

    private OrganisationView ownView() {
        NodeId self = node.ensureIdentity();
        return new OrganisationView(
                of(self), own.name(), own.type(), self, identity.current().fingerprint(), true, null, null, true);
    }

    private OrganisationView view(Peer p) {
        return new OrganisationView(
                of(p.nodeId()),
                p.organisation(),
                p.organisationType(),
                p.nodeId(),
                p.fingerprint(),
                false,
                p.state().name().toLowerCase(java.util.Locale.ROOT),
                p.direct() ? null : p.nextHop(),
                reachable(p));
    }
}
