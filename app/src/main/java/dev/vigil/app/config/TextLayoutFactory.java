package dev.vigil.app.config;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.common.layout.DropwizardLayoutFactory;
import java.util.TimeZone;

/**
 * Dropwizard's plain text log layout under a name, {@code text}, so that config.yml can choose
 * between it and {@code json} with one variable ({@code VIGIL_LOG_FORMAT}); Dropwizard itself
 * only uses it when no layout is named. Registered in META-INF/services.
 */
@JsonTypeName("text")
public final class TextLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {

  @Override
  public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
    return new DropwizardLayoutFactory().build(context, timeZone);
  }
}
