package org.amicus.core.membership.entity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a person may do at their organisation's node. A person holds one or more roles; every API
 * operation names the roles that may call it (docs/access.md has the matrix).
 */
public enum Role {
    /** Manages people, peers, keys and the audit log. */
    ADMINISTRATOR,
    /** Coordinates submissions and cooperation requests; sends and reads messages. */
    COORDINATOR,
    /** Issues and answers security alerts; verifies keys. */
    SECURITY_OFFICER,
    /** Works on documentation and reads what the organisation received. */
    ANALYST,
    /** Writes and sends bulletins. */
    BULLETIN_EDITOR,
    /** Reads what the organisation received, nothing more. */
    VIEWER;

    /** The name used in the API, in role lists and by Jakarta Security: {@code security-officer}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name ({@code security-officer}); case and {@code _} for {@code -} are forgiven. */
    public static Role parse(String text) {
        if (text != null) {
            String n = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Role r : values()) {
                if (r.name().equals(n)) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "'; the roles are "
                + EnumSet.allOf(Role.class).stream().map(Role::wireName).collect(Collectors.joining(", ")));
    }

    /** Roles as stored: wire names separated by commas, in declaration order. */
    public static String join(Set<Role> roles) {
        return EnumSet.copyOf(roles).stream().map(Role::wireName).collect(Collectors.joining(","));
    }

    public static Set<Role> split(String stored) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String s : stored.split(",")) {
            if (!s.isBlank()) {
                roles.add(parse(s));
            }
        }
        return roles;
    }
}
