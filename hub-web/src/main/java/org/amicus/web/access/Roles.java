package org.amicus.web.access;

/** Role names for {@code @RolesAllowed}: the wire names of {@link org.amicus.core.membership.entity.Role}. */
public final class Roles {

    public static final String ADMINISTRATOR = "administrator";
    public static final String COORDINATOR = "coordinator";
    public static final String SECURITY_OFFICER = "security-officer";
    public static final String ANALYST = "analyst";
    public static final String BULLETIN_EDITOR = "bulletin-editor";
    public static final String VIEWER = "viewer";

    /** Anyone signed in, whatever their roles (the Servlet specification's {@code **}). */
    public static final String ANY = "**";

    private Roles() {}
}
