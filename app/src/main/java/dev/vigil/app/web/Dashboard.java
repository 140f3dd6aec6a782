package dev.vigil.app.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource of the dashboard: {@link SessionFilter} guards each of its methods, except
 * those marked {@link SignedOut}. A method marked {@link Live} is a fragment a page polls: it
 * reads the session without counting as activity.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Dashboard {

  /** A page for people not signed in (the sign-in form): no session needed, its own CSRF check. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface SignedOut {}

  /** A fragment polled for live status: does not keep an idle session alive. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Live {}
}
