package dev.vigil.app.auth;

/** Role names for {@code @RolesAllowed}, as the wire names of {@link dev.vigil.controls.model.Role}. */
public final class Roles {

  public static final String ADMIN = "admin";
  public static final String COMPLIANCE = "compliance";
  public static final String AUDITOR = "auditor";
  public static final String INGEST = "ingest";
  public static final String AGENT = "agent";

  private Roles() {}
}
