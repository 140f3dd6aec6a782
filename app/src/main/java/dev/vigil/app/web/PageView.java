package dev.vigil.app.web;

import io.dropwizard.views.common.View;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A page of the dashboard: its template, title and the nav entry it belongs to, with the
 * signed-in person (null on pages for people signed out). Templates read these getters.
 */
public abstract class PageView extends View {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private final WebSession session;
  private final String title;
  private final String nav;

  protected PageView(String template, WebSession session, String title, String nav) {
    super(template, StandardCharsets.UTF_8);
    this.session = session;
    this.title = title;
    this.nav = nav;
  }

  public WebSession getSession() {
    return session;
  }

  public String getTitle() {
    return title;
  }

  public String getNav() {
    return nav;
  }

  /** An instant as people read it, in UTC; an em dash when there is none. */
  public String when(Instant at) {
    return at == null ? "—" : WHEN.format(at);
  }

  /** The UTC day of an instant, as people read a date; an em dash when there is none. */
  public String day(Instant at) {
    return at == null ? "—" : DAY.format(at);
  }

  /** How long ago {@code at} was, roughly ("3 min ago"), from {@code now}. */
  public String ago(Instant at, Instant now) {
    return at == null ? "never" : span(Duration.between(at, now)) + " ago";
  }

  /** A duration as people read it: "45 s", "12 min", "5 h", "3 d". */
  public static String span(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 90) return s + " s";
    if (s < 90 * 60) return (s / 60) + " min";
    if (s < 36 * 3600) return (s / 3600) + " h";
    return (s / 86400) + " d";
  }
}
