package dev.vigil.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;

/**
 * Generates one report's three artifacts into a directory, named as {@link
 * dev.vigil.collectors.reports.ReportFile#NAMES} says, reading the period from the database
 * (never through HTTP). Reports progress from 0 to 1 as it goes. The service's report jobs and
 * the {@code report} command both call it.
 */
public interface ReportGenerator {

  Artifacts generate(ReportRequest request, Path dir, DoubleConsumer progress) throws IOException;
}
