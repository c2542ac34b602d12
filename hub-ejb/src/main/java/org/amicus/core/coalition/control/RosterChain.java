package org.amicus.core.coalition.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.amicus.core.coalition.control.RosterEventRefusedException.Kind;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.coalition.entity.RosterEvent;
import org.amicus.core.coalition.entity.RosterEventKind;
import org.amicus.core.membership.entity.OrgId;

/**
 * A coalition's roster chain as it travels between member nodes, inside a sealed envelope of type
 * {@code amicus.roster} (docs/protocol/federation.md §3.5): every event from the founding on, each as its
 * signed canonical line and its signature. Sending the whole chain each time lets a node that missed an
 * event catch up from the next one; the receiver re-checks every event it does not hold yet.
 */
public final class RosterChain {

    /** The most events one chain may carry. */
    public static final int MAX_EVENTS = 10_000;

    private static final JsonProvider JSON = JsonProvider.provider();

    private RosterChain() {}

    public static String write(CoalitionId coalition, List<RosterEvent> events) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (RosterEvent e : events) {
            items.add(JSON.createObjectBuilder()
                    .add("line", e.line())
                    .add("signature", Base64.getEncoder().encodeToString(e.signature())));
        }
        return JSON.createObjectBuilder()
                .add("amicusRoster", 1)
                .add("coalition", coalition.toString())
                .add("events", items)
                .build()
                .toString();
    }

    /** A chain read back: its coalition and its events in order. */
    public record Read(CoalitionId coalition, List<RosterEvent> events) {}

    /**
     * Reads a chain; each event's line must be in the canonical form it is signed in.
     *
     * @throws RosterEventRefusedException INVALID for anything malformed
     */
    public static Read read(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            JsonObject o = reader.readObject();
            if (o.getInt("amicusRoster", 0) != 1) {
                throw invalid("not an Amicus roster chain of version 1");
            }
            CoalitionId coalition = CoalitionId.parse(o.getString("coalition"));
            JsonArray items = o.getJsonArray("events");
            if (items == null || items.isEmpty() || items.size() > MAX_EVENTS) {
                throw invalid("a roster chain holds 1 to " + MAX_EVENTS + " events");
            }
            List<RosterEvent> events = new ArrayList<>(items.size());
            for (JsonValue v : items) {
                JsonObject item = v.asJsonObject();
                RosterEvent e = parseLine(item.getString("line"))
                        .signed(Base64.getDecoder().decode(item.getString("signature")));
                if (!e.coalition().equals(coalition)) {
                    throw invalid("an event of the chain belongs to another coalition");
                }
                events.add(e);
            }
            return new Read(coalition, events);
        } catch (JsonException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw invalid("the roster chain is malformed: " + e.getMessage());
        }
    }

    /** The event a canonical line states (unsigned); refuses a line that is not exactly canonical. */
    public static RosterEvent parseLine(String line) {
        if (line == null || line.length() > 4000) {
            throw invalid("a roster event line is at most 4000 characters");
        }
        try (var reader = JSON.createReader(new StringReader(line))) {
            JsonObject o = reader.readObject();
            RosterEventKind kind = RosterEventKind.valueOf(o.getString("kind"));
            boolean founded = kind == RosterEventKind.FOUNDED;
            RosterEvent e = new RosterEvent(
                    CoalitionId.parse(o.getString("coalition")),
                    o.getJsonNumber("seq").longValueExact(),
                    o.getString("prev"),
                    kind,
                    OrgId.parse(o.getString("actor")),
                    OrgId.parse(o.getString("subject")),
                    Instant.parse(o.getString("at")),
                    founded ? o.getString("purpose") : null,
                    founded && o.getBoolean("historyForNewMembers"),
                    founded ? o.getJsonNumber("approvalsRequired").intValueExact() : 1,
                    null);
            if (!e.line().equals(line)) {
                throw invalid("a roster event line is not in its canonical form");
            }
            return e;
        } catch (JsonException
                | ClassCastException
                | NullPointerException
                | ArithmeticException
                | java.time.format.DateTimeParseException e) {
            throw invalid("a roster event line is malformed");
        } catch (IllegalArgumentException e) {
            throw invalid("a roster event line is malformed: " + e.getMessage());
        }
    }

    private static RosterEventRefusedException invalid(String why) {
        return new RosterEventRefusedException(Kind.INVALID, why);
    }
}
