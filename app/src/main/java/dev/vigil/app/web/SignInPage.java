package dev.vigil.app.web;

/** The sign-in form: its token, the email typed so far, whether to ask for the workspace, and what went wrong. */
public final class SignInPage extends PageView {

  private final String csrf;
  private final String email;
  private final boolean askWorkspace;
  private final String error;

  SignInPage(String csrf, String email, boolean askWorkspace, String error) {
    super("sign-in.ftlh", null, "Sign in", "");
    this.csrf = csrf;
    this.email = email;
    this.askWorkspace = askWorkspace;
    this.error = error;
  }

  public String getCsrf() {
    return csrf;
  }

  public String getEmail() {
    return email;
  }

  public boolean isAskWorkspace() {
    return askWorkspace;
  }

  public String getError() {
    return error;
  }
}
