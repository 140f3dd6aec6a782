package dev.vigil.app.web;

/** A refusal as a page: its status, a heading and what the person can do about it. */
public final class ErrorPage extends PageView {

  private final int status;
  private final String message;

  ErrorPage(WebSession session, int status, String heading, String message) {
    super("error.ftlh", session, heading, "");
    this.status = status;
    this.message = message;
  }

  public int getStatus() {
    return status;
  }

  public String getMessage() {
    return message;
  }
}
