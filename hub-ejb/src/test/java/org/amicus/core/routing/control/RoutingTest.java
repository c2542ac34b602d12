package org.amicus.core.routing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.membership.entity.PersonId;
import org.amicus.core.membership.entity.PersonRef;
import org.amicus.core.routing.entity.Conditions;
import org.amicus.core.routing.entity.Consent;
import org.amicus.core.routing.entity.Distribution;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.PermittedUse;
import org.amicus.core.routing.entity.ReshareDecision;
import org.amicus.core.routing.entity.TlpLevel;
import org.junit.jupiter.api.Test;

/** The routing rules one case at a time, with the reasons a person reads. */
class RoutingTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    // organisations 0..4; coalition 1 = {0, 1, 2}, coalition 2 = {2, 3}
    private final World world = World.of(5, List.of(Set.of(0, 1, 2), Set.of(2, 3)));
    private final OrgId a = world.orgs().get(0);
    private final OrgId b = world.orgs().get(1);
    private final OrgId c = world.orgs().get(2);
    private final OrgId d = world.orgs().get(3);
    private final OrgId e = world.orgs().get(4);
    private final CoalitionId first = coalitionWith(a);
    private final CoalitionId second = coalitionWith(d);

    private CoalitionId coalitionWith(OrgId org) {
        return world.coalitions().entrySet().stream()
                .filter(x -> x.getValue().contains(org))
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    private static Marking amber(Distribution d) {
        return new Marking(TlpLevel.AMBER, d, Set.of(), Conditions.NONE);
    }

    @Test
    void aCoalitionMessageGoesToItsCurrentMembersOnly() {
        assertEquals(Set.of(b, c), Routing.recipients(amber(Distribution.coalitions(first)), a, world));
        assertEquals(Set.of(a, b, d), Routing.recipients(amber(Distribution.coalitions(first, second)), c, world));
    }

    @Test
    void anOrganisationCannotSendToACoalitionItIsNotIn() {
        var refused = assertThrows(
                RoutingRefusedException.class,
                () -> Routing.recipients(amber(Distribution.coalitions(second)), a, world));
        assertTrue(refused.getMessage().contains("not a current member"), refused.getMessage());
        assertThrows(
                RoutingRefusedException.class,
                () -> Routing.recipients(amber(Distribution.coalitions(CoalitionId.random())), a, world));
    }

    @Test
    void namedOrganisationsMustBeKnownAndNamedPersonsWithinTheDistribution() {
        assertThrows(
                RoutingRefusedException.class,
                () -> Routing.recipients(amber(Distribution.organisations(OrgId.random())), a, world));
        Marking personElsewhere = new Marking(
                TlpLevel.AMBER,
                Distribution.organisations(b),
                Set.of(new PersonRef(d, PersonId.random())),
                Conditions.NONE);
        assertThrows(RoutingRefusedException.class, () -> Routing.recipients(personElsewhere, a, world));
        Marking ownPersonNamed = new Marking(
                TlpLevel.AMBER,
                Distribution.organisations(b),
                Set.of(new PersonRef(a, PersonId.random())),
                Conditions.NONE);
        assertEquals(Set.of(b), Routing.recipients(ownPersonNamed, a, world), "the originator's own people");
    }

    @Test
    void aReceivingNodeRefusesWhatItsOwnViewSaysItShouldNotHave() {
        Marking m = amber(Distribution.coalitions(first));
        assertTrue(Routing.mayReceive(m, a, b, world));
        assertFalse(Routing.mayReceive(m, a, d, world), "not a member");
        assertFalse(Routing.mayReceive(m, a, b, world.without(b, first)), "removed before it arrived");
        assertFalse(Routing.mayReceive(m, a, a, world), "the originator is never a recipient");
        assertFalse(Routing.mayReceive(amber(Distribution.ownOrganisation()), a, b, world));
    }

    /** A receiving node knows its own coalitions and peers, not necessarily every other recipient's. */
    @Test
    void aReceiverWithAViewOfItsOwnAcceptsWhatWasMeantForIt() {
        // B knows only coalition 1 and organisations a, b: not coalition 2, not d
        FederationView bsView = new FederationView() {
            @Override
            public Set<OrgId> organisations() {
                return Set.of(a, b);
            }

            @Override
            public Optional<Set<OrgId>> currentMembers(CoalitionId id) {
                return id.equals(first) ? world.currentMembers(first) : Optional.empty();
            }
        };
        // C, in both coalitions, sends to both; B is in the first only
        assertTrue(Routing.mayReceive(amber(Distribution.coalitions(first, second)), c, b, bsView));
        // D, not in the first coalition by B's view, cannot reach B through it
        assertFalse(Routing.mayReceive(amber(Distribution.coalitions(first, second)), d, b, bsView));
        // named organisations: B must be named; the others need not be known to it
        assertTrue(Routing.mayReceive(amber(Distribution.organisations(b, d, e)), a, b, bsView));
        assertFalse(Routing.mayReceive(amber(Distribution.organisations(d, e)), a, b, bsView));
        assertTrue(Routing.mayReceive(Marking.green(), d, b, bsView));
    }

    @Test
    void amberStrictNeverLeavesTheRecipientAndRedIsNeverPassedOn() {
        Marking strict = new Marking(TlpLevel.AMBER_STRICT, Distribution.coalitions(first), Set.of(), Conditions.NONE);
        ReshareDecision inside = reshare(strict, b, Set.of(b), Optional.empty());
        assertTrue(inside.allowed(), inside.toString());
        ReshareDecision out = reshare(strict, b, Set.of(c), Optional.empty());
        assertFalse(out.allowed());
        assertEquals("TLP:AMBER+STRICT never leaves the recipient organisation", out.reason());

        PersonRef named = new PersonRef(b, PersonId.random());
        Marking red = new Marking(TlpLevel.RED, Distribution.organisations(b), Set.of(named), Conditions.NONE);
        assertFalse(reshare(red, b, Set.of(b), Optional.empty()).allowed(), "not even inside");
    }

    @Test
    void aWideningReshareNeedsTheOriginatorsConsentForEachNewOrganisation() {
        Marking m = amber(Distribution.coalitions(first));
        assertTrue(reshare(m, b, Set.of(c), Optional.empty()).allowed(), "c is in the distribution");
        ReshareDecision wider = reshare(m, b, Set.of(d), Optional.empty());
        assertFalse(wider.allowed());
        assertTrue(wider.reason().contains("widen the distribution"), wider.reason());

        UUID message = new UUID(7, 7);
        Consent forD = new Consent(message, a, Set.of(d), NOW.plusSeconds(3600));
        ReshareDecision consented = Routing.reshare(m, message, a, b, Set.of(d), Optional.of(forD), NOW, world);
        assertTrue(consented.allowed(), consented.toString());
        assertEquals(Set.of(d), consented.newRecipients());
        assertFalse(
                Routing.reshare(m, message, a, b, Set.of(d, e), Optional.of(forD), NOW, world)
                        .allowed(),
                "e was not consented to");
        assertFalse(
                Routing.reshare(m, new UUID(8, 8), a, b, Set.of(d), Optional.of(forD), NOW, world)
                        .allowed(),
                "consent for another message");
    }

    @Test
    void originatorControlEmbargoAndExpiryAreEnforced() {
        Marking controlled = new Marking(
                TlpLevel.GREEN,
                Distribution.federation(),
                Set.of(),
                new Conditions(true, PermittedUse.ANY, Optional.empty(), Optional.empty()));
        ReshareDecision refused = reshare(controlled, b, Set.of(c), Optional.empty());
        assertFalse(refused.allowed());
        assertTrue(refused.reason().startsWith("originator control"), refused.reason());

        Marking embargoed = new Marking(
                TlpLevel.GREEN,
                Distribution.federation(),
                Set.of(),
                new Conditions(false, PermittedUse.ANY, Optional.of(NOW.plusSeconds(60)), Optional.empty()));
        assertFalse(reshare(embargoed, b, Set.of(c), Optional.empty()).allowed());
        assertTrue(Routing.reshare(
                        embargoed, UUID.randomUUID(), a, b, Set.of(c), Optional.empty(), NOW.plusSeconds(61), world)
                .allowed());

        Marking expiring = new Marking(
                TlpLevel.CLEAR,
                Distribution.federation(),
                Set.of(),
                new Conditions(false, PermittedUse.ANY, Optional.empty(), Optional.of(NOW)));
        assertFalse(reshare(expiring, b, Set.of(b), Optional.empty()).allowed());
    }

    private ReshareDecision reshare(Marking m, OrgId holder, Set<OrgId> targets, Optional<Consent> consent) {
        return Routing.reshare(m, UUID.randomUUID(), a, holder, targets, consent, NOW, world);
    }
}
