package dev.vigil.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the in-process server, with messages, arguments and stack traces
 * rendered, so a test can search the log for a secret. Every logger runs at TRACE except
 * Jetty's, held at INFO: Jetty's DEBUG is wire-level and prints raw request bytes by design
 * (the README tells operators never to enable it in production). The console appenders are
 * detached meanwhile, so the test output stays readable.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<String> lines = new ArrayList<>();
  private final Map<Logger, Level> saved = new HashMap<>();
  private final Map<Logger, List<Appender<ILoggingEvent>>> detached = new HashMap<>();

  static LogCapture begin() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    LogCapture capture = new LogCapture();
    capture.setContext(ctx);
    capture.start();
    for (Logger logger : ctx.getLoggerList()) {
      List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
      logger.iteratorForAppenders().forEachRemaining(appenders::add);
      appenders.forEach(logger::detachAppender);
      capture.detached.put(logger, appenders);
      capture.saved.put(logger, logger.getLevel());
      logger.addAppender(capture);
      logger.setAdditive(false);
      boolean jetty = logger.getName().startsWith("org.eclipse.jetty");
      logger.setLevel(jetty ? Level.INFO : Level.TRACE);
    }
    return capture;
  }

  @Override
  protected synchronized void append(ILoggingEvent e) {
    StringBuilder line = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
    for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append("\n").append(t.getClassName()).append(": ").append(t.getMessage());
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) line.append("\n ").append(frame);
    }
    lines.add(line.toString());
  }

  synchronized String text() {
    return String.join("\n", lines);
  }

  synchronized int size() {
    return lines.size();
  }

  @Override
  public void close() {
    saved.forEach((logger, level) -> {
      logger.detachAppender(this);
      logger.setLevel(level);
      logger.setAdditive(true);
      detached.getOrDefault(logger, List.of()).forEach(logger::addAppender);
    });
    stop();
  }
}
