package org.amicus.core.routing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.membership.entity.PersonId;
import org.amicus.core.membership.entity.PersonRef;
import org.amicus.core.routing.entity.Conditions;
import org.amicus.core.routing.entity.Distribution;
import org.amicus.core.routing.entity.InvalidMarkingException;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.PermittedUse;
import org.amicus.core.routing.entity.TlpLevel;

/**
 * A marking as JSON: what a person sends in the API and what travels, signed, inside the envelope's inner
 * document (docs/routing.md, "The marking on the wire"). Members are written in a fixed order, sets sorted,
 * so the same marking always gives the same text.
 *
 * <pre>{"tlp":"AMBER","distribution":"coalitions","coalitions":["…"],"namedPersons":[{"organisation":"…",
 * "person":"…"}],"originatorControl":true,"use":"lead-only","embargoUntil":"…","expires":"…"}</pre>
 */
public final class MarkingJson {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final int MAX_NAMES = 500;

    private MarkingJson() {}

    public static JsonObject toJson(Marking m) {
        JsonObjectBuilder b =
                JSON.createObjectBuilder().add("tlp", m.level().label().substring(4));
        Distribution d = m.distribution();
        if (d instanceof Distribution.Coalitions c) {
            b.add("distribution", "coalitions").add("coalitions", sorted(c.coalitions()));
        } else if (d instanceof Distribution.NamedOrganisations n) {
            b.add("distribution", "organisations").add("organisations", sorted(n.organisations()));
        } else if (d instanceof Distribution.Federation) {
            b.add("distribution", "federation");
        } else {
            b.add("distribution", "own-organisation");
        }
        if (!m.namedPersons().isEmpty()) {
            JsonArrayBuilder persons = JSON.createArrayBuilder();
            m.namedPersons().stream()
                    .sorted(java.util.Comparator.comparing(
                                    (PersonRef p) -> p.organisation().toString())
                            .thenComparing(p -> p.person().toString()))
                    .forEach(p -> persons.add(JSON.createObjectBuilder()
                            .add("organisation", p.organisation().toString())
                            .add("person", p.person().toString())));
            b.add("namedPersons", persons);
        }
        Conditions c = m.conditions();
        b.add("originatorControl", c.originatorControl());
        b.add("use", c.use().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        c.embargoUntil().ifPresent(t -> b.add("embargoUntil", t.toString()));
        c.expires().ifPresent(t -> b.add("expires", t.toString()));
        return b.build();
    }

    public static String toText(Marking m) {
        return toJson(m).toString();
    }

    public static Marking parse(String text) {
        try (var reader = JSON.createReader(new java.io.StringReader(text))) {
            return parse(reader.readObject());
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            throw new InvalidMarkingException("a marking is a JSON object");
        }
    }

    /**
     * Reads a marking.
     *
     * @throws InvalidMarkingException naming what is wrong or contradictory; nothing is guessed
     */
    public static Marking parse(JsonObject o) {
        TlpLevel level = TlpLevel.parse(string(o, "tlp").orElse(null));
        String kind = string(o, "distribution")
                .orElseThrow(() -> new InvalidMarkingException(
                        "a marking needs a distribution: own-organisation, coalitions, federation or organisations"));
        Distribution distribution = switch (kind) {
            case "own-organisation" -> Distribution.ownOrganisation();
            case "federation" -> Distribution.federation();
            case "coalitions" -> new Distribution.Coalitions(ids(o, "coalitions", s -> CoalitionId.parse(s)));
            case "organisations" -> new Distribution.NamedOrganisations(ids(o, "organisations", s -> OrgId.parse(s)));
            default ->
                throw new InvalidMarkingException("unknown distribution '" + kind
                        + "': own-organisation, coalitions, federation or organisations");
        };
        if (!kind.equals("coalitions") && o.containsKey("coalitions")) {
            throw new InvalidMarkingException("coalitions are named only for the distribution 'coalitions'");
        }
        if (!kind.equals("organisations") && o.containsKey("organisations")) {
            throw new InvalidMarkingException("organisations are named only for the distribution 'organisations'");
        }
        Set<PersonRef> persons = new LinkedHashSet<>();
        JsonValue named = o.get("namedPersons");
        if (named != null && named != JsonValue.NULL) {
            if (!(named instanceof JsonArray array) || array.size() > MAX_NAMES) {
                throw new InvalidMarkingException("namedPersons is a list of {organisation, person}");
            }
            for (JsonValue v : array) {
                if (!(v instanceof JsonObject p)) {
                    throw new InvalidMarkingException("namedPersons is a list of {organisation, person}");
                }
                try {
                    persons.add(new PersonRef(
                            OrgId.parse(string(p, "organisation").orElse("")),
                            PersonId.parse(string(p, "person").orElse(""))));
                } catch (IllegalArgumentException e) {
                    throw new InvalidMarkingException("a named person: " + e.getMessage());
                }
            }
        }
        JsonValue control = o.get("originatorControl");
        if (control != null && control != JsonValue.TRUE && control != JsonValue.FALSE && control != JsonValue.NULL) {
            throw new InvalidMarkingException("originatorControl is true or false");
        }
        Conditions conditions = new Conditions(
                control == JsonValue.TRUE,
                PermittedUse.parse(string(o, "use").orElse(null)),
                instant(o, "embargoUntil"),
                instant(o, "expires"));
        return new Marking(level, distribution, persons, conditions);
    }

    private static Optional<String> string(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw new InvalidMarkingException(name + " is a string");
        }
        return Optional.of(s.getString());
    }

    private static Optional<Instant> instant(JsonObject o, String name) {
        try {
            return string(o, name).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidMarkingException(name + " is a UTC time such as 2027-01-31T00:00:00Z");
        }
    }

    private static <T> Set<T> ids(JsonObject o, String name, java.util.function.Function<String, T> parse) {
        JsonValue v = o.get(name);
        if (!(v instanceof JsonArray array) || array.isEmpty()) {
            throw new InvalidMarkingException("the distribution '" + name + "' names at least one in '" + name + "'");
        }
        if (array.size() > MAX_NAMES) {
            throw new InvalidMarkingException(name + ": at most " + MAX_NAMES);
        }
        Set<T> ids = new LinkedHashSet<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString s)) {
                throw new InvalidMarkingException(name + " is a list of ids");
            }
            try {
                ids.add(parse.apply(s.getString()));
            } catch (IllegalArgumentException e) {
                throw new InvalidMarkingException(name + ": " + e.getMessage());
            }
        }
        return ids;
    }

    private static JsonArrayBuilder sorted(Set<?> ids) {
        JsonArrayBuilder b = JSON.createArrayBuilder();
        new TreeSet<>(ids.stream().map(Object::toString).toList()).forEach(b::add);
        return b;
    }
}
