package org.amicus.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code amicus-node peers …}: peering from the command line, through the running node's API on this
 * machine (docs/operator-guide.md, "Federation"). The node must be running; the API address comes from
 * {@code --api} or {@code AMICUS_HTTP_PORT}.
 *
 * <pre>
 * amicus-node peers card [FILE]                       this node's peering card (to FILE, or printed)
 * amicus-node peers list
 * amicus-node peers add CARD --fingerprint FP --verified-by NAME [--address HOST:PORT | --via NODE-ID]
 * amicus-node peers relay|unrelay NODE-ID
 * amicus-node peers suspend|resume|remove NODE-ID
 * amicus-node peers export NODE-ID FILE                the envelopes waiting for a peer, as a bundle file
 * amicus-node peers import FILE                        a bundle a peer exported for this node
 * </pre>
 */
final class PeersCommand {

    static final String USAGE = """
            Usage: amicus-node peers COMMAND [--api http://127.0.0.1:PORT]

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
              export NODE-ID FILE      write the envelopes waiting for a peer into a signed bundle
                                       file, to carry to it when there is no network
              import FILE              deliver a bundle a peer exported for this node
            """;

    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PeersCommand() {}

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            List<String> rest = new ArrayList<>();
            String api = "http://127.0.0.1:" + env.getOrDefault("AMICUS_HTTP_PORT", "8080");
            String fingerprint = null;
            String verifiedBy = null;
            String address = null;
            String via = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--api" -> api = value(args, ++i, "--api");
                    case "--fingerprint" -> fingerprint = value(args, ++i, "--fingerprint");
                    case "--verified-by" -> verifiedBy = value(args, ++i, "--verified-by");
                    case "--address" -> address = value(args, ++i, "--address");
                    case "--via" -> via = value(args, ++i, "--via");
                    default -> rest.add(args[i]);
                }
            }
            if (rest.isEmpty()) {
                throw new LaunchException(LaunchException.USAGE, "peers needs a command\n" + USAGE);
            }
            String base = api.replaceAll("/+$", "") + "/api/v1/federation/";
            switch (rest.get(0)) {
                case "card" -> {
                    String card = call("GET", base + "card", null);
                    if (rest.size() > 1) {
                        Path file = Path.of(rest.get(1));
                        Files.writeString(
                                file, card + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
                        out.println("Wrote this node's peering card to " + file);
                    } else {
                        out.println(card);
                    }
                }
                case "list" -> out.println(call("GET", base + "peers", null));
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
                            .append(quote(fingerprint))
                            .append(",\"verifiedBy\":")
                            .append(quote(verifiedBy));
                    if (address != null) {
                        body.append(",\"address\":").append(quote(address));
                    }
                    if (via != null) {
                        body.append(",\"via\":").append(quote(via));
                    }
                    body.append('}');
                    out.println(call("POST", base + "peers", body.toString()));
                }
                case "suspend", "resume" -> {
                    requireNode(rest);
                    out.println(call("POST", base + "peers/" + rest.get(1) + "/" + rest.get(0), null));
                }
                case "relay" -> {
                    requireNode(rest);
                    out.println(call("POST", base + "peers/" + rest.get(1) + "/relay", null));
                }
                case "unrelay" -> {
                    requireNode(rest);
                    out.println(call("DELETE", base + "peers/" + rest.get(1) + "/relay", null));
                }
                case "remove" -> {
                    requireNode(rest);
                    out.println(call("DELETE", base + "peers/" + rest.get(1), null));
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
                    long count = download(base + "peers/" + rest.get(1) + "/bundle", file);
                    out.println("Wrote " + count + " waiting envelopes for node " + rest.get(1) + " to " + file
                            + " (" + Files.size(file)
                            + " bytes). Import it on that node with: amicus-node peers import "
                            + file.getFileName());
                }
                case "import" -> {
                    if (rest.size() != 2) {
                        throw new LaunchException(LaunchException.USAGE, "peers import needs FILE\n" + USAGE);
                    }
                    Path file = Path.of(rest.get(1));
                    if (!Files.isReadable(file)) {
                        throw new LaunchException(LaunchException.PRECONDITION, "cannot read the bundle " + file);
                    }
                    out.println(send(
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

    private static String call(String method, String url, String json) throws LaunchException {
        return json == null
                ? send(method, url, null, HttpRequest.BodyPublishers.noBody())
                : send(method, url, "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    private static String send(String method, String url, String type, HttpRequest.BodyPublisher body)
            throws LaunchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30));
        if (type != null) {
            request.header("Content-Type", type);
        }
        HttpResponse<String> response =
                exchange(request.method(method, body).build(), url, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw failure(response.statusCode(), response.body());
        }
        return response.body();
    }

    /** Downloads into a new file (removed again if the node refuses); returns the bundle's envelope count. */
    private static long download(String url, Path file) throws LaunchException, IOException {
        HttpResponse<Path> response;
        try {
            response = exchange(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofMinutes(30))
                            .GET()
                            .build(),
                    url,
                    HttpResponse.BodyHandlers.ofFile(
                            file, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE));
        } catch (LaunchException e) {
            Files.deleteIfExists(file); // a half-written bundle is of no use (and import would refuse it)
            throw e;
        }
        if (response.statusCode() >= 400) {
            String body = Files.readString(file, StandardCharsets.UTF_8);
            Files.deleteIfExists(file);
            throw failure(response.statusCode(), body);
        }
        return response.headers().firstValueAsLong("Amicus-Bundle-Envelopes").orElse(-1);
    }

    private static LaunchException failure(int status, String body) {
        Matcher m = DETAIL.matcher(body);
        String detail = m.find() ? m.group(1).replace("\\\"", "\"") : body;
        return new LaunchException(LaunchException.PRECONDITION, detail + " (HTTP " + status + ")");
    }

    private static <T> HttpResponse<T> exchange(HttpRequest request, String url, HttpResponse.BodyHandler<T> handler)
            throws LaunchException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<T> response;
        try {
            response = client.send(request, handler);
        } catch (ConnectException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION, "no node answers at " + url + " (is it running? --api URL)");
        } catch (IOException e) {
            throw new LaunchException(LaunchException.PRECONDITION, "the node at " + url + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(LaunchException.STOPPED, "interrupted");
        }
        return response;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String value(String[] args, int i, String option) throws LaunchException {
        if (i >= args.length) {
            throw new LaunchException(LaunchException.USAGE, option + " needs a value");
        }
        return args[i];
    }
}
