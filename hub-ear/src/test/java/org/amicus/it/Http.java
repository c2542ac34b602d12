package org.amicus.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for tests, speaking to a node as any client would. */
final class Http {

    /**
     * HTTP/1.1, as the launcher and the CLI speak: the JDK client's default, an h2c upgrade, stalls requests with a
     * body and loses idle connections the server closes under it ("Idle connection closed by HTTP/2 peer").
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {}

    /** Where each node (by HTTP port) keeps its operator token; nodes register at start. */
    private static final java.util.Map<Integer, java.nio.file.Path> TOKEN_FILES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Requests to {@code port} carry the operator token read from {@code file} (docs/access.md). */
    static void operatorTokenFile(int port, java.nio.file.Path file) {
        TOKEN_FILES.put(port, file);
    }

    /**
     * The {@code Authorization} value tests use towards a node: its operator token (the Arquillian node's
     * for a port no launched node registered), or null if there is none.
     */
    static String authorization(URI uri) {
        java.nio.file.Path file = TOKEN_FILES.getOrDefault(
                uri.getPort(), ItEnvironment.work().resolve("arquillian/secrets/operator.token"));
        try {
            return "Bearer " + java.nio.file.Files.readString(file).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /** A request with no credentials at all, as anyone on the network could send it. */
    static Response anonymous(HttpRequest.Builder request) throws IOException, InterruptedException {
        return exchange(request);
    }

    /** A request with the given bearer token (a person's session) instead of the operator's. */
    static Response as(String token, HttpRequest.Builder request) throws IOException, InterruptedException {
        return exchange(request.header("Authorization", "Bearer " + token));
    }

    record Response(int status, String contentType, String location, String body) {
        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        jakarta.json.JsonArray jsonArray() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readArray();
            }
        }
    }

    static Response get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    static Response post(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * A POST whose work grows with the data it touches (verifying a file of hundreds of MiB reads, decrypts and
     * hashes all of it), given longer than the default 30 s.
     */
    static Response post(URI uri, Duration timeout) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).POST(HttpRequest.BodyPublishers.noBody()));
    }

    static Response post(URI uri, String contentType, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Response post(URI uri, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A response with a binary body. */
    record Download(int status, java.net.http.HttpHeaders headers, byte[] body) {}

    static Download download(URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        String auth = authorization(uri);
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<byte[]> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.headers(), r.body());
    }

    /** A binary download with the given bearer token (a person's session). */
    static Download downloadAs(String token, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.headers(), r.body());
    }

    static Response send(String method, URI uri, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    static Response delete(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).DELETE());
    }

    static Response postJson(URI uri, jakarta.json.JsonObject body) throws IOException, InterruptedException {
        return post(uri, "application/json", body.toString());
    }

    /** Any request, with the operator token of the node its port belongs to. */
    static Response exchangeWithToken(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request);
    }

    private static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        String auth = authorization(request.copy().build().uri());
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return exchange(request);
    }

    private static Response exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (request.copy().build().timeout().isEmpty()) {
            request.timeout(Duration.ofSeconds(30));
        }
        HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(
                r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Location").orElse(null),
                r.body());
    }
}
