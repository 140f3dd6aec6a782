package dev.vigil.app.web;

/** A refusal as a page: its status, a heading and what the person can do about it. */
public final class ErrorPage extends PageView {

  private final int status;
  private final String message;

  /** The page of a refusal at {@code status}, headed as {@link #heading} says. */
  ErrorPage(WebSession session, int status, String message) {
    super("error.ftlh", session, heading(status), "");
    this.status = status;
    this.message = message;
  }

  /** What the page says happened, by status: one place for every refusal the dashboard shows. */
  static String heading(int status) {
    return switch (status) {
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 409 -> "Not ready yet";
      case 503 -> "Not available on this node";
      default -> status >= 500 ? "Something went wrong" : "This address cannot be shown";
    };
  }

  public int getStatus() {
    return status;
  }

  public String getMessage() {
    return message;
  }
}
