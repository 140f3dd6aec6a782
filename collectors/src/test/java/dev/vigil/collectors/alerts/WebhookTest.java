package dev.vigil.collectors.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class WebhookTest {

  static final String SECRET = "0123456789abcdef-secret";

  @Test
  void safeUrlDropsCredentialsQueryAndFragment() {
    Webhook w = new Webhook("HTTPS://alice:pa55word@Hooks.Example:8443/vigil/in?token=t0ken123#x", SECRET);
    assertThat(w.safeUrl()).matches("https://hooks\\.example:8443/vigil/… #[0-9a-f]{8}");
    assertThat(w.requestUri()).isEqualTo(URI.create("https://hooks.example:8443/vigil/in?token=t0ken123"));
    assertThat(w.userInfo()).isEqualTo("alice:pa55word");
    assertThat(w.toString()).contains("https://hooks.example:8443/vigil/")
        .doesNotContain(SECRET, "pa55word", "alice", "t0ken123", "/in");
  }

  @Test
  void aSecretInThePathIsNeitherShownNorStoredButWebhooksStayDistinct() {
    Webhook slack = new Webhook("https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX", SECRET);
    Webhook other = new Webhook("https://hooks.slack.com/services/T000/B000/YYYYsecretYYYY", SECRET);
    assertThat(slack.safeUrl()).startsWith("https://hooks.slack.com/services/… #").doesNotContain("secret", "T000");
    assertThat(slack.safeUrl()).isNotEqualTo(other.safeUrl());
    assertThat(new Webhook("http://127.0.0.1:9000/hook", SECRET).safeUrl()).startsWith("http://127.0.0.1:9000/hook #");
  }

  @Test
  void acceptsOnlyAbsoluteHttpUrlsAndLongSecrets() {
    assertThat(new Webhook("http://127.0.0.1:9000/hook", SECRET).userInfo()).isNull();
    assertThatThrownBy(() -> Webhook.validate("ftp://hooks.example/in", SECRET)).hasMessageContaining("http");
    assertThatThrownBy(() -> Webhook.validate("/relative/in", SECRET)).hasMessageContaining("absolute");
    assertThatThrownBy(() -> Webhook.validate("https:opaque", SECRET)).hasMessageContaining("host");
    assertThatThrownBy(() -> Webhook.validate("https://hooks example/?token=t0ken123", SECRET))
        .hasMessageNotContaining("t0ken123");
    assertThatThrownBy(() -> Webhook.validate(null, SECRET)).hasMessageContaining("required");
    assertThatThrownBy(() -> Webhook.validate("https://hooks.example/in", "short-secret"))
        .hasMessageContaining("at least 16").hasMessageNotContaining("short-secret");
  }
}
