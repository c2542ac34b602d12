package org.amicus.deploy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running node's API, as the operator commands on its machine call it: with the operator token the
 * node wrote into its data directory at start ({@code DATA/secrets/operator.token}, owner-only), so only
 * the account that runs the node can use them (docs/access.md).
 */
final class NodeApi {

    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String base;
    private final Path dataDir;

    NodeApi(String api, Path dataDir) {
        this.base = api.replaceAll("/+$", "") + "/api/v1/";
        this.dataDir = dataDir;
    }

    /** From {@code --api} and {@code --data} (null: AMICUS_HTTP_PORT and AMICUS_DATA, or their defaults). */
    static NodeApi of(String api, String data, Map<String, String> env) {
        String a = api != null ? api : "http://127.0.0.1:" + env.getOrDefault("AMICUS_HTTP_PORT", "8080");
        String d = data != null ? data : env.getOrDefault("AMICUS_DATA", "amicus-data");
        return new NodeApi(a, Path.of(d));
    }

    /** {@code DATA/secrets/operator.token}: where the node writes this start's operator token. */
    static Path operatorTokenFile(Path dataDir) {
        return dataDir.resolve("secrets").resolve("operator.token");
    }

    String url(String path) {
        return base + path;
    }

    /** A JSON request (or none if {@code json} is null); the response body, or a failure naming the problem. */
    String call(String method, String path, String json) throws LaunchException {
        return json == null
                ? send(method, path, null, HttpRequest.BodyPublishers.noBody())
                : send(method, path, "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    String send(String method, String path, String type, HttpRequest.BodyPublisher body) throws LaunchException {
        String url = url(path);
        HttpRequest.Builder request =
                authorised(HttpRequest.newBuilder(URI.create(url))).timeout(Duration.ofMinutes(30));
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

    /** Downloads into a new file (removed again if the node refuses); returns the response. */
    HttpResponse<Path> download(String path, Path file) throws LaunchException, IOException {
        String url = url(path);
        HttpResponse<Path> response;
        try {
            response = exchange(
                    authorised(HttpRequest.newBuilder(URI.create(url)))
                            .timeout(Duration.ofMinutes(30))
                            .GET()
                            .build(),
                    url,
                    HttpResponse.BodyHandlers.ofFile(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        } catch (LaunchException e) {
            Files.deleteIfExists(file); // a half-written download is of no use
            throw e;
        }
        if (response.statusCode() >= 400) {
            String body = Files.readString(file, StandardCharsets.UTF_8);
            Files.deleteIfExists(file);
            throw failure(response.statusCode(), body);
        }
        return response;
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder request) throws LaunchException {
        return request.header("Authorization", "Bearer " + token());
    }

    private String token() throws LaunchException {
        Path file = operatorTokenFile(dataDir);
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "no operator token at " + file + ": the node writes it when it starts; is it running with"
                            + " this data directory (--data DIR or AMICUS_DATA)?");
        } catch (IOException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "cannot read the operator token " + file + " (" + e.getMessage()
                            + "): run this as the user that runs the node");
        }
    }

    private static LaunchException failure(int status, String body) {
        Matcher m = DETAIL.matcher(body);
        String detail = m.find() ? m.group(1).replace("\\\"", "\"") : body;
        return new LaunchException(LaunchException.PRECONDITION, detail + " (HTTP " + status + ")");
    }

    private static <T> HttpResponse<T> exchange(HttpRequest request, String url, HttpResponse.BodyHandler<T> handler)
            throws LaunchException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            return client.send(request, handler);
        } catch (ConnectException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION, "no node answers at " + url + " (is it running? --api URL)");
        } catch (IOException e) {
            throw new LaunchException(LaunchException.PRECONDITION, "the node at " + url + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(LaunchException.STOPPED, "interrupted");
        }
    }

    /** A JSON string literal. */
    static String quote(String s) {
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
}
