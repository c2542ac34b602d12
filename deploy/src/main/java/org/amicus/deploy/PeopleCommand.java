package org.amicus.deploy;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code amicus-node people …}: the people of this organisation from the node's own machine, with the
 * operator token (docs/access.md). This is how the first administrator is created: there is no default
 * account and no default password.
 *
 * <pre>
 * amicus-node people add USERNAME --name NAME --roles ROLE[,ROLE] [--password-file FILE]
 * amicus-node people list
 * amicus-node people reset USERNAME [--password-file FILE]
 * amicus-node people disable|enable USERNAME
 * </pre>
 */
final class PeopleCommand {

    static final String USAGE = """
            Usage: amicus-node people COMMAND [--api http://127.0.0.1:PORT] [--data DIR]

              add USERNAME --name NAME --roles ROLE[,ROLE] [--password-file FILE]
                                       add a person; roles: administrator, coordinator,
                                       security-officer, analyst, bulletin-editor, viewer
              list                     everyone, their roles and state
              reset USERNAME [--password-file FILE]
                                       a new first password and authenticator for that person
              disable USERNAME         no more sign-in; their sessions end now
              enable USERNAME          allow sign-in again
            The password is asked twice on the terminal unless --password-file names a file holding it.
            """;

    private PeopleCommand() {}

    static int run(String[] args, Map<String, String> env, Console console, PrintStream out, PrintStream err) {
        try {
            List<String> rest = new ArrayList<>();
            String api = null;
            String data = null;
            String name = null;
            String roles = null;
            String passwordFile = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--api" -> api = value(args, ++i, "--api");
                    case "--data" -> data = value(args, ++i, "--data");
                    case "--name" -> name = value(args, ++i, "--name");
                    case "--roles" -> roles = value(args, ++i, "--roles");
                    case "--password-file" -> passwordFile = value(args, ++i, "--password-file");
                    default -> rest.add(args[i]);
                }
            }
            if (rest.isEmpty()) {
                throw new LaunchException(LaunchException.USAGE, "people needs a command\n" + USAGE);
            }
            NodeApi node = NodeApi.of(api, data, env);
            switch (rest.get(0)) {
                case "list" -> out.println(node.call("GET", "people", null));
                case "add" -> {
                    if (rest.size() != 2 || name == null || roles == null) {
                        throw new LaunchException(
                                LaunchException.USAGE, "people add needs USERNAME --name NAME --roles ROLES\n" + USAGE);
                    }
                    StringBuilder list = new StringBuilder("[");
                    for (String r : roles.split(",")) {
                        list.append(list.length() > 1 ? "," : "").append(NodeApi.quote(r.strip()));
                    }
                    char[] password = password(passwordFile, console);
                    String body = "{\"username\":" + NodeApi.quote(rest.get(1)) + ",\"displayName\":"
                            + NodeApi.quote(name) + ",\"roles\":" + list + "],\"password\":"
                            + NodeApi.quote(new String(password)) + "}";
                    Arrays.fill(password, '\0');
                    printEnrolment(node.call("POST", "people", body), rest.get(1), out);
                }
                case "reset" -> {
                    requireUsername(rest);
                    String id = idOf(node, rest.get(1));
                    char[] password = password(passwordFile, console);
                    String body = "{\"password\":" + NodeApi.quote(new String(password)) + "}";
                    Arrays.fill(password, '\0');
                    printEnrolment(node.call("POST", "people/" + id + "/credentials", body), rest.get(1), out);
                }
                case "disable", "enable" -> {
                    requireUsername(rest);
                    String id = idOf(node, rest.get(1));
                    String state = rest.get(0).equals("disable") ? "disabled" : "active";
                    node.call("PATCH", "people/" + id, "{\"status\":\"" + state + "\"}");
                    out.println(rest.get(1) + " is now " + state);
                }
                default ->
                    throw new LaunchException(
                            LaunchException.USAGE, "unknown people command " + rest.get(0) + "\n" + USAGE);
            }
            return 0;
        } catch (LaunchException e) {
            err.println("amicus-node people: error: " + e.getMessage());
            return e.exitStatus();
        }
    }

    private static void printEnrolment(String json, String username, PrintStream out) {
        out.println("Added or reset " + username + " (" + field(json, "id") + ").");
        out.println("Give them, on a channel you trust, their first password and this authenticator enrolment");
        out.println("(scan as a QR code, e.g. qrencode -t ansiutf8 'URI', or type the secret into the app):");
        out.println("  URI:    " + field(json, "totpUri").replace("\\/", "/"));
        out.println("  secret: " + field(json, "totpSecret"));
        out.println("It is shown only now. They sign in with POST /api/v1/sessions and should change the password.");
    }

    /** The id of the person with this username, from the list. */
    private static String idOf(NodeApi node, String username) throws LaunchException {
        String list = node.call("GET", "people", null);
        String wanted = "\"username\":" + NodeApi.quote(username.strip().toLowerCase(java.util.Locale.ROOT));
        for (String object : list.split("\\}")) {
            if (object.replace(" ", "").contains(wanted)) {
                return field(object, "id");
            }
        }
        throw new LaunchException(LaunchException.PRECONDITION, "no person with the username " + username);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    private static char[] password(String file, Console console) throws LaunchException {
        if (file != null) {
            try {
                String p = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                return p.endsWith("\n") ? p.substring(0, p.length() - 1).toCharArray() : p.toCharArray();
            } catch (IOException e) {
                throw new LaunchException(LaunchException.PRECONDITION, "cannot read the password file " + file);
            }
        }
        if (console == null) {
            throw new LaunchException(
                    LaunchException.USAGE, "no terminal to ask for the password: give --password-file FILE");
        }
        char[] first = console.readPassword("Their first password (at least 12 characters): ");
        char[] second = console.readPassword("Again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new LaunchException(LaunchException.USAGE, "the two passwords differ; nothing was changed");
        }
        Arrays.fill(second, '\0');
        return first;
    }

    private static void requireUsername(List<String> rest) throws LaunchException {
        if (rest.size() != 2) {
            throw new LaunchException(LaunchException.USAGE, "people " + rest.get(0) + " needs a USERNAME\n" + USAGE);
        }
    }

    private static String value(String[] args, int i, String option) throws LaunchException {
        if (i >= args.length) {
            throw new LaunchException(LaunchException.USAGE, option + " needs a value");
        }
        return args[i];
    }
}
