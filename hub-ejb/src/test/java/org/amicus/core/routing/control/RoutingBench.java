package org.amicus.core.routing.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.routing.entity.Conditions;
import org.amicus.core.routing.entity.Distribution;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.TlpLevel;
import org.junit.jupiter.api.Test;

/**
 * Routing decisions for the federation: 10,000 organisations, 500 coalitions of 50 members on average.
 * Prints p50/p99/max per decision kind (docs/performance.md). Not part of the test run:
 * {@code ./mvnw -o test -pl hub-ejb -Dtest=RoutingBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RoutingBench {

    private static final int ORGS = 10_000;
    private static final int COALITIONS = 500;
    private static final int DECISIONS = 200_000;

    @Test
    void routingDecisions() {
        Random random = new Random(42);
        List<OrgId> orgs = new ArrayList<>();
        for (int i = 0; i < ORGS; i++) {
            orgs.add(new OrgId(new UUID(random.nextLong(), random.nextLong())));
        }
        Map<CoalitionId, Set<OrgId>> members = new HashMap<>();
        List<CoalitionId> coalitions = new ArrayList<>();
        long memberships = 0;
        for (int c = 0; c < COALITIONS; c++) {
            CoalitionId id = CoalitionId.random();
            Set<OrgId> m = new HashSet<>();
            int size = 10 + random.nextInt(81); // 10..90, 50 on average
            while (m.size() < size) {
                m.add(orgs.get(random.nextInt(ORGS)));
            }
            members.put(id, m);
            coalitions.add(id);
            memberships += size;
        }
        FederationSnapshot view = new FederationSnapshot(new HashSet<>(orgs), members);

        System.out.printf(
                Locale.ROOT,
                "%n===== Routing decisions: %d organisations, %d coalitions, %.1f members on average; %d cores =====%n",
                ORGS,
                COALITIONS,
                memberships / (double) COALITIONS,
                Runtime.getRuntime().availableProcessors());
        measure("one coalition (recipients)", random, DECISIONS, () -> {
            CoalitionId c = coalitions.get(random.nextInt(COALITIONS));
            OrgId from = members.get(c).iterator().next();
            return Routing.recipients(
                            new Marking(
                                    TlpLevel.AMBER, new Distribution.Coalitions(Set.of(c)), Set.of(), Conditions.NONE),
                            from,
                            view)
                    .size();
        });
        measure("three coalitions (recipients)", random, DECISIONS, () -> {
            OrgId from = orgs.get(random.nextInt(ORGS));
            Set<CoalitionId> three = new HashSet<>();
            for (CoalitionId c : coalitions) {
                if (three.size() < 3 && random.nextInt(4) == 0) {
                    three.add(c);
                }
            }
            // the sender joins them for the decision: only a member may send to a coalition
            Map<CoalitionId, Set<OrgId>> joined = new HashMap<>();
            return Routing.recipients(
                            new Marking(TlpLevel.AMBER, new Distribution.Coalitions(three), Set.of(), Conditions.NONE),
                            from,
                            new FederationView() {
                                @Override
                                public Set<OrgId> organisations() {
                                    return view.organisations();
                                }

                                @Override
                                public Optional<Set<OrgId>> currentMembers(CoalitionId id) {
                                    return view.currentMembers(id)
                                            .map(m -> joined.computeIfAbsent(id, k -> {
                                                Set<OrgId> with = new HashSet<>(m);
                                                with.add(from);
                                                return with;
                                            }));
                                }
                            })
                    .size();
        });
        measure(
                "whole federation (recipients)",
                random,
                DECISIONS / 20,
                () -> Routing.recipients(Marking.green(), orgs.get(random.nextInt(ORGS)), view)
                        .size());
        measure("re-share, AMBER coalition", random, DECISIONS, () -> {
            CoalitionId c = coalitions.get(random.nextInt(COALITIONS));
            var it = members.get(c).iterator();
            OrgId from = it.next();
            OrgId holder = it.next();
            return Routing.reshare(
                                    new Marking(
                                            TlpLevel.AMBER,
                                            new Distribution.Coalitions(Set.of(c)),
                                            Set.of(),
                                            Conditions.NONE),
                                    UUID.randomUUID(),
                                    from,
                                    holder,
                                    Set.of(orgs.get(random.nextInt(ORGS))),
                                    Optional.empty(),
                                    Instant.now(),
                                    view)
                            .allowed()
                    ? 1
                    : 0;
        });
    }

    private static void measure(String what, Random random, int n, java.util.function.IntSupplier decision) {
        long sink = 0;
        for (int i = 0; i < n; i++) { // warm-up
            sink += decision.getAsInt();
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            sink += decision.getAsInt();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "%-32s p50 %7.3f ms   p99 %7.3f ms   max %7.3f ms   (target p99 <= 1 ms)%s%n",
                what,
                nanos[n / 2] / 1e6,
                nanos[(int) (n * 0.99)] / 1e6,
                nanos[n - 1] / 1e6,
                sink == Long.MIN_VALUE ? "!" : "");
    }
}
