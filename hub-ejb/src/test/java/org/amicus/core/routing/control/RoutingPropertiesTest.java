package org.amicus.core.routing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

/**
 * Need-to-know routing over random federations, coalitions, memberships and markings: a message reaches exactly
 * the organisations its marking allows, a removal takes effect for every later message, and no re-share ever
 * widens what the originator allowed without the originator's consent.
 */
class RoutingPropertiesTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    /** A federation, a sending organisation and a marking it can send with. */
    record Scenario(World world, OrgId originator, Marking marking) {

        /** What the marking allows, worked out independently of {@link Routing}: the test's oracle. */
        Set<OrgId> allowed() {
            Set<OrgId> to = new HashSet<>();
            Distribution d = marking.distribution();
            if (d instanceof Distribution.Federation) {
                to.addAll(world.orgs());
            } else if (d instanceof Distribution.NamedOrganisations n) {
                to.addAll(n.organisations());
            } else if (d instanceof Distribution.Coalitions c) {
                c.coalitions().forEach(id -> to.addAll(world.coalitions().get(id)));
            }
            to.remove(originator);
            return to;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.integers().between(2, 30).flatMap(size -> {
            Arbitrary<Integer> anOrg = Arbitraries.integers().between(0, size - 1);
            Arbitrary<List<Set<Integer>>> coalitions =
                    anOrg.set().ofMinSize(1).ofMaxSize(size).list().ofMinSize(1).ofMaxSize(6);
            return Combinators.combine(
                            coalitions,
                            anOrg,
                            Arbitraries.of(TlpLevel.class),
                            Arbitraries.integers().between(0, 3),
                            anOrg.set().ofMinSize(1).ofMaxSize(size),
                            anOrg.set().ofMaxSize(4),
                            Arbitraries.integers().between(0, 7),
                            Arbitraries.integers().between(1, 6))
                    .as((members, originator, level, kind, named, personOrgs, flags, pickCoalitions) ->
                            scenario(size, members, originator, level, kind, named, personOrgs, flags, pickCoalitions));
        });
    }

    /** Builds a valid marking from the random choices, bending them where the rules of its level demand. */
    private static Scenario scenario(
            int size,
            List<Set<Integer>> members,
            int originatorIndex,
            TlpLevel level,
            int kind,
            Set<Integer> namedIndexes,
            Set<Integer> personOrgIndexes,
            int flags,
            int pickCoalitions) {
        World world = World.of(size, members);
        OrgId originator = world.orgs().get(originatorIndex);
        List<CoalitionId> all = new ArrayList<>(world.coalitions().keySet());
        all.sort(java.util.Comparator.comparing(CoalitionId::value));
        Distribution distribution;
        Set<OrgId> reach;
        if (level == TlpLevel.RED) {
            kind = kind % 2 == 0 ? 0 : 3; // own organisation or named organisations
        } else if (kind == 1 && !level.allowsFederationWide()) {
            kind = 2;
        }
        switch (kind) {
            case 1 -> {
                distribution = Distribution.federation();
                reach = new HashSet<>(world.orgs());
            }
            case 2 -> {
                Set<CoalitionId> chosen = new HashSet<>(all.subList(0, Math.min(pickCoalitions, all.size())));
                Map<CoalitionId, Set<OrgId>> withOriginator = new HashMap<>(world.coalitions());
                reach = new HashSet<>();
                for (CoalitionId c : chosen) { // the originator sends only to coalitions it belongs to
                    Set<OrgId> m = new HashSet<>(withOriginator.get(c));
                    m.add(originator);
                    withOriginator.put(c, m);
                    reach.addAll(m);
                }
                world = new World(world.orgs(), withOriginator);
                distribution = new Distribution.Coalitions(chosen);
            }
            case 3 -> {
                Set<OrgId> named = namedIndexes.stream().map(world.orgs()::get).collect(Collectors.toSet());
                if (level == TlpLevel.RED) {
                    named = personOrgIndexes.isEmpty()
                            ? named
                            : personOrgIndexes.stream().map(world.orgs()::get).collect(Collectors.toSet());
                }
                distribution = new Distribution.NamedOrganisations(named);
                reach = new HashSet<>(named);
            }
            default -> {
                distribution = Distribution.ownOrganisation();
                reach = new HashSet<>();
            }
        }
        reach.add(originator);
        Set<PersonRef> persons = new HashSet<>();
        List<OrgId> reachable = new ArrayList<>(reach);
        reachable.sort(java.util.Comparator.comparing(OrgId::value));
        if (level == TlpLevel.RED) {
            Set<OrgId> needPersons =
                    distribution instanceof Distribution.NamedOrganisations n ? n.organisations() : Set.of(originator);
            needPersons.forEach(o -> persons.add(new PersonRef(o, new PersonId(new UUID(2, persons.size() + 1)))));
        } else {
            for (Integer i : personOrgIndexes) {
                persons.add(new PersonRef(
                        reachable.get(i % reachable.size()), new PersonId(new UUID(2, persons.size() + 1))));
            }
        }
        Conditions conditions = new Conditions(
                (flags & 1) != 0,
                PermittedUse.values()[flags % PermittedUse.values().length],
                (flags & 2) != 0 ? Optional.of(NOW.plus(Duration.ofDays(1))) : Optional.empty(),
                (flags & 4) != 0 ? Optional.of(NOW.plus(Duration.ofDays(30))) : Optional.empty());
        return new Scenario(world, originator, new Marking(level, distribution, persons, conditions));
    }

    @Property(tries = 400)
    void aMessageGoesToExactlyTheOrganisationsItsMarkingAllows(@ForAll("scenarios") Scenario s) {
        Set<OrgId> to = Routing.recipients(s.marking(), s.originator(), s.world());
        assertEquals(s.allowed(), to);
        assertFalse(to.contains(s.originator()), "the originator keeps its own copy; nothing is sealed to it");
        if (s.marking().level() == TlpLevel.RED) {
            Set<OrgId> ofNamedPersons = s.marking().namedPersons().stream()
                    .map(PersonRef::organisation)
                    .collect(Collectors.toSet());
            ofNamedPersons.remove(s.originator());
            assertEquals(ofNamedPersons, to, "RED goes to the named persons' organisations and no others");
        }
        for (OrgId org : s.world().orgs()) {
            assertEquals(
                    to.contains(org),
                    Routing.mayReceive(s.marking(), s.originator(), org, s.world()),
                    "each receiving node, with the same view, accepts exactly what it was sent");
        }
    }

    @Property(tries = 400)
    void aRemovedMemberGetsNothingSentAfterItsRemoval(@ForAll("scenarios") Scenario s, @ForAll("indexes") int pick) {
        if (!(s.marking().distribution() instanceof Distribution.Coalitions c)) {
            return;
        }
        List<OrgId> members = s.allowed().stream()
                .sorted(java.util.Comparator.comparing(OrgId::value))
                .toList();
        if (members.isEmpty()) {
            return;
        }
        OrgId removed = members.get(pick % members.size());
        World after = s.world();
        for (CoalitionId id : c.coalitions()) {
            after = after.without(removed, id);
        }
        assertFalse(Routing.mayReceive(s.marking(), s.originator(), removed, after));
        boolean personNamedThere = s.marking().namedPersons().stream()
                .anyMatch(p -> p.organisation().equals(removed));
        try {
            assertFalse(Routing.recipients(s.marking(), s.originator(), after).contains(removed));
            assertFalse(personNamedThere, "a marking naming a person of the removed member is no longer routable");
        } catch (RoutingRefusedException e) {
            assertTrue(personNamedThere, e.getMessage());
        }
        for (OrgId holder : members) {
            if (!holder.equals(removed)) {
                ReshareDecision d = Routing.reshare(
                        s.marking(),
                        UUID.randomUUID(),
                        s.originator(),
                        holder,
                        Set.of(removed),
                        Optional.empty(),
                        NOW.plus(Duration.ofDays(2)),
                        after);
                assertFalse(d.allowed(), "no member passes it to the removed one without consent: " + d);
            }
        }
    }

    @Property(tries = 1000)
    void aReshareNeverWidensWhatTheOriginatorAllowedWithoutItsConsent(
            @ForAll("scenarios") Scenario s,
            @ForAll("indexes") int holderPick,
            @ForAll("targets") Set<Integer> targetIndexes,
            @ForAll("consents") int consentKind,
            @ForAll("moments") Instant at) {
        List<OrgId> holders = new ArrayList<>(s.allowed());
        holders.sort(java.util.Comparator.comparing(OrgId::value));
        if (holders.isEmpty()) {
            return;
        }
        OrgId holder = holders.get(holderPick % holders.size());
        Set<OrgId> targets = targetIndexes.stream()
                .map(i -> s.world().orgs().get(i % s.world().orgs().size()))
                .collect(Collectors.toSet());
        UUID message = new UUID(3, 3);
        Set<OrgId> outside = new HashSet<>(targets);
        outside.remove(holder);
        Set<OrgId> within = new HashSet<>(s.allowed());
        within.add(s.originator());
        Set<OrgId> widening = new HashSet<>(outside);
        widening.removeAll(within);
        Set<OrgId> needConsent = s.marking().conditions().originatorControl() ? outside : widening;
        Optional<Consent> consent = switch (consentKind) {
            case 1 -> Optional.of(new Consent(message, s.originator(), needConsent, NOW.plus(Duration.ofDays(60))));
            case 2 ->
                Optional.of(
                        new Consent(message, holder, outside, NOW.plus(Duration.ofDays(60)))); // not the originator's
            case 3 ->
                Optional.of(new Consent(UUID.randomUUID(), s.originator(), outside, NOW.plus(Duration.ofDays(60))));
            case 4 -> Optional.of(new Consent(message, s.originator(), outside, NOW)); // lapsed
            default -> Optional.empty();
        };
        ReshareDecision d =
                Routing.reshare(s.marking(), message, s.originator(), holder, targets, consent, at, s.world());

        Conditions c = s.marking().conditions();
        boolean consented = consent.map(x -> x.covers(message, s.originator(), needConsent, at))
                .orElse(false);
        boolean expected = !c.expired(at)
                && s.marking().level() != TlpLevel.RED
                && (outside.isEmpty()
                        || (s.marking().level().mayLeaveRecipientOrganisation()
                                && !c.embargoed(at)
                                && (needConsent.isEmpty() || consented)));
        assertEquals(expected, d.allowed(), () -> d + " for " + s.marking().describe());
        if (d.allowed()) {
            assertEquals(outside, d.newRecipients());
            assertTrue(consented || within.containsAll(outside), "wider only with consent");
        } else {
            assertTrue(d.newRecipients().isEmpty());
            assertFalse(d.reason().isBlank());
        }
    }

    @Property(tries = 300)
    void redAndNamedPersonContentIsShownOnlyToTheNamedPersons(
            @ForAll("scenarios") Scenario s, @ForAll("indexes") int pick) {
        OrgId org = s.world().orgs().get(pick % s.world().orgs().size());
        PersonRef stranger = new PersonRef(org, new PersonId(new UUID(9, pick)));
        boolean namedHere = s.marking().namedPersons().stream()
                .anyMatch(p -> p.organisation().equals(org));
        assertEquals(
                s.marking().level() != TlpLevel.RED && !namedHere,
                s.marking().mayBeShownTo(stranger, NOW),
                "a person not named sees it only where no one is named and it is not RED");
        for (PersonRef named : s.marking().namedPersons()) {
            assertEquals(!s.marking().conditions().expired(NOW), s.marking().mayBeShownTo(named, NOW));
        }
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<Set<Integer>> targets() {
        return Arbitraries.integers().between(0, 40).set().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Integer> consents() {
        return Arbitraries.integers().between(0, 4);
    }

    @Provide
    Arbitrary<Instant> moments() {
        return Arbitraries.of(NOW, NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(31)));
    }
}
