package org.amicus.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code amicus-node peers …}: peering from the command line, through the running node's API on this
 * machine (docs/operator-guide.md, "Federation"). The node must be running; the API address comes from
 * {@code --api} or {@code AMICUS_HTTP_PORT}; the operator token from the node's data directory ({@code --data}
 * or {@code AMICUS_DATA}).
 *
 * <pre>
 * amicus-node peers card [FILE]                       this node's peering card (to FILE, or printed)
 * amicus-node peers list
 * amicus-node peers add CARD --fingerprint FP --verified-by NAME [--address HOST:PORT | --via NODE-ID]
 * amicus-node peers relay|unrelay NODE-ID
 * amicus-node peers suspend|resume|remove NODE-ID
 * amicus-node peers export NODE-ID FILE [--after ENTRY] [--limit N]
 *                                                      the envelopes and files waiting for a peer, as a bundle file
 * amicus-node peers import FILE                        a bundle a peer exported for this node
 * </pre>
 */
final class PeersCommand {

    static final String USAGE = """
            Usage: amicus-node peers COMMAND [--api http://127.0.0.1:PORT] [--data DIR]

              card [FILE]              this node's peering card, to give to a peer's operator
              list                     peers, their links, waiting envelopes, last delivery
              add CARD --fingerprint FP --verified-by NAME [--address HOST:PORT | --via NODE-ID]
                                       add a peer from its card file; FP as its operator read it
                                       to you on a channel you trust; --via: reach it through
                                       that peer (its relay) instead of a link of its own
              relay NODE-ID            forward envelopes between this peer and your other peers
              unrelay NODE-ID          stop doing so
              suspend NODE-ID          stop the link; envelopes for it wait
              resume NODE-ID           start it again
              remove NODE-ID           end the peering; waiting envelopes become undeliverable
              export NODE-ID FILE [--after ENTRY] [--limit N]
                                       write the envelopes (and the evidence files beside them)
                                       waiting for a peer into a signed bundle file, to carry to it
                                       when there is no network; if more wait than one bundle
                                       holds, it says how to export the rest (--after the last
                                       entry of this bundle)
              import FILE              deliver a bundle a peer exported for this node
            """;

    private PeersCommand() {}

    /** The export's query: where to start and how many at most, both checked here for a plain message. */
    static String exportQuery(String after, String limit) throws LaunchException {
        StringBuilder q = new StringBuilder();
        if (after != null) {
            try {
                q.append("after=").append(org.amicus.core.federation.control.BundleAnchor.parse(after, "--after"));
            } catch (IllegalArgumentException e) {
                throw new LaunchException(
                        LaunchException.USAGE,
                        "--after takes the last entry of the earlier bundle, an envelope id or a part of a file (as"
                                + " the last export's message gives it)");
            }
        }
        if (limit != null) {
            int n;
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new LaunchException(LaunchException.USAGE, "--limit takes a whole number of at least 1");
            }
            q.append(q.length() == 0 ? "" : "&").append("limit=").append(n);
        }
        return q.length() == 0 ? "" : "?" + q;
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            List<String> rest = new ArrayList<>();
            String api = null;
            String data = null;
            String fingerprint = null;
            String verifiedBy = null;
            String address = null;
            String via = null;
            String after = null;
            String limit = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--api" -> api = value(args, ++i, "--api");
                    case "--data" -> data = value(args, ++i, "--data");
                    case "--fingerprint" -> fingerprint = value(args, ++i, "--fingerprint");
                    case "--verified-by" -> verifiedBy = value(args, ++i, "--verified-by");
                    case "--address" -> address = value(args, ++i, "--address");
                    case "--via" -> via = value(args, ++i, "--via");
                    case "--after" -> after = value(args, ++i, "--after");
                    case "--limit" -> limit = value(args, ++i, "--limit");
                    default -> rest.add(args[i]);
                }
            }
            if (rest.isEmpty()) {
                throw new LaunchException(LaunchException.USAGE, "peers needs a command\n" + USAGE);
            }
            String exportQuery = exportQuery(after, limit); // checked before the node is asked anything
            NodeApi node = NodeApi.of(api, data, env);
            String base = "federation/";
            switch (rest.get(0)) {
                case "card" -> {
                    String card = node.call("GET", base + "card", null);
                    if (rest.size() > 1) {
                        Path file = Path.of(rest.get(1));
                        Files.writeString(
                                file, card + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
                        out.println("Wrote this node's peering card to " + file);
                    } else {
                        out.println(card);
                    }
                }
                case "list" -> out.println(node.call("GET", base + "peers", null));
                case "add" -> {
                    if (rest.size() != 2 || fingerprint == null || verifiedBy == null) {
                        throw new LaunchException(
                                LaunchException.USAGE,
                                "peers add needs CARD --fingerprint FP --verified-by NAME\n" + USAGE);
                    }
                    String card;
                    try {
                        card = Files.readString(Path.of(rest.get(1)), StandardCharsets.UTF_8)
                                .strip();
                    } catch (IOException e) {
                        throw new LaunchException(LaunchException.PRECONDITION, "cannot read the card " + rest.get(1));
                    }
                    StringBuilder body = new StringBuilder("{\"card\":")
                            .append(card)
                            .append(",\"fingerprint\":")
                            .append(NodeApi.quote(fingerprint))
                            .append(",\"verifiedBy\":")
                            .append(NodeApi.quote(verifiedBy));
                    if (address != null) {
                        body.append(",\"address\":").append(NodeApi.quote(address));
                    }
                    if (via != null) {
                        body.append(",\"via\":").append(NodeApi.quote(via));
                    }
                    body.append('}');
                    out.println(node.call("POST", base + "peers", body.toString()));
                }
                case "suspend", "resume" -> {
                    requireNode(rest);
                    out.println(node.call("POST", base + "peers/" + rest.get(1) + "/" + rest.get(0), null));
                }
                case "relay" -> {
                    requireNode(rest);
                    out.println(node.call("POST", base + "peers/" + rest.get(1) + "/relay", null));
                }
                case "unrelay" -> {
                    requireNode(rest);
                    out.println(node.call("DELETE", base + "peers/" + rest.get(1) + "/relay", null));
                }
                case "remove" -> {
                    requireNode(rest);
                    out.println(node.call("DELETE", base + "peers/" + rest.get(1), null));
                }
                case "export" -> {
                    if (rest.size() != 3) {
                        throw new LaunchException(LaunchException.USAGE, "peers export needs NODE-ID FILE\n" + USAGE);
                    }
                    requireNode(rest.subList(0, 2));
                    Path file = Path.of(rest.get(2));
                    if (Files.exists(file)) {
                        throw new LaunchException(
                                LaunchException.PRECONDITION, file + " exists already; name a new file");
                    }
                    var headers = node.download(base + "peers/" + rest.get(1) + "/bundle" + exportQuery, file)
                            .headers();
                    long count =
                            headers.firstValueAsLong("Amicus-Bundle-Envelopes").orElse(-1);
                    long parts = headers.firstValueAsLong("Amicus-Bundle-Parts").orElse(0);
                    out.println("Wrote " + count + " waiting envelopes"
                            + (parts > 0
                                    ? " and " + parts + (parts == 1 ? " part" : " parts") + " of evidence files"
                                    : "")
                            + " for node "
                            + rest.get(1) + " to " + file
                            + " (" + Files.size(file)
                            + " bytes). Import it on that node with: amicus-node peers import "
                            + file.getFileName());
                    if (headers.firstValue("Amicus-Bundle-More").orElse("false").equals("true")) {
                        out.println("More waits for node " + rest.get(1) + " than this bundle holds."
                                + " Write the next bundle with: amicus-node peers export " + rest.get(1)
                                + " NEXT-FILE --after "
                                + headers.firstValue("Amicus-Bundle-Last").orElse("?")
                                + (limit == null ? "" : " --limit " + limit));
                    }
                }
                case "import" -> {
                    if (rest.size() != 2) {
                        throw new LaunchException(LaunchException.USAGE, "peers import needs FILE\n" + USAGE);
                    }
                    Path file = Path.of(rest.get(1));
                    if (!Files.isReadable(file)) {
                        throw new LaunchException(LaunchException.PRECONDITION, "cannot read the bundle " + file);
                    }
                    out.println(node.send(
                            "POST",
                            base + "bundles",
                            "application/vnd.amicus.bundle",
                            HttpRequest.BodyPublishers.ofFile(file)));
                }
                default ->
                    throw new LaunchException(
                            LaunchException.USAGE, "unknown peers command " + rest.get(0) + "\n" + USAGE);
            }
            return 0;
        } catch (LaunchException e) {
            err.println("amicus-node peers: error: " + e.getMessage());
            return e.exitStatus();
        } catch (IOException e) {
            err.println("amicus-node peers: error: " + e.getMessage());
            return LaunchException.PRECONDITION;
        }
    }

    private static void requireNode(List<String> rest) throws LaunchException {
        if (rest.size() != 2 || !rest.get(1).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new LaunchException(LaunchException.USAGE, "peers " + rest.get(0) + " needs a node id (a UUID)");
        }
    }

    private static String value(String[] args, int i, String option) throws LaunchException {
        if (i >= args.length) {
            throw new LaunchException(LaunchException.USAGE, option + " needs a value");
        }
        return args[i];
    }
}
