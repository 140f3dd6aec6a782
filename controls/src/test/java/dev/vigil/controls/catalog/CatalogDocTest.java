package dev.vigil.controls.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The tables of docs/controls.md are generated from the catalog's declarations; this test
 * fails when they differ and prints the expected file. To rewrite the tables in place:
 * {@code mvn -B -q -pl controls test -Dtest=CatalogDocTest -Dvigil.docs.write=true}.
 */
class CatalogDocTest {

  static final String WRITE = "vigil.docs.write";

  @Test
  void theTablesOfDocsControlsMdAreThoseOfTheCatalog() throws IOException {
    Path doc = doc();
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    String expected = regenerate(text, new Catalog(ControlParameters.defaults()));
    if (Boolean.getBoolean(WRITE)) {
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
      text = expected;
    }
    assertThat(text).as("docs/controls.md differs from the catalog: run mvn -B -q -pl controls test"
        + " -Dtest=CatalogDocTest -D" + WRITE + "=true, or paste this file:%n%s", expected).isEqualTo(expected);
  }

  /** {@code text} with the part between each pair of markers replaced by its table. */
  static String regenerate(String text, Catalog catalog) {
    Map<String, Function<Catalog, String>> tables = Map.of("controls", CatalogDocTest::controls,
        "runs", CatalogDocTest::runs, "applicability", CatalogDocTest::applicability,
        "parameters", CatalogDocTest::parameters, "findings", CatalogDocTest::findings);
    String out = text;
    for (Map.Entry<String, Function<Catalog, String>> t : tables.entrySet()) {
      String begin = "<!-- generated from the catalog: " + t.getKey() + " -->\n";
      String end = "<!-- end of generated " + t.getKey() + " -->";
      int from = out.indexOf(begin);
      int to = out.indexOf(end);
      assertThat(from).as("docs/controls.md marks the %s table with '%s' and '%s'", t.getKey(), begin.strip(), end)
          .isNotNegative().isLessThan(to);
      out = out.substring(0, from + begin.length()) + t.getValue().apply(catalog) + out.substring(to);
    }
    return out;
  }

  static String controls(Catalog catalog) {
    return table(List.of("id", "title", "family", "criteria", "test procedure"), catalog.all().stream()
        .map(Control::info)
        .map(i -> List.of(i.id(), i.title(), i.family().wire(), String.join(", ", i.criteria()), i.procedure()))
        .toList());
  }

  static String runs(Catalog catalog) {
    return table(List.of("id", "reads", "parameters", "re-run on", "a change re-checks"), catalog.all().stream()
        .map(Control::info)
        .map(i -> List.of(i.id(),
            i.needs().stream().sorted().map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", ")),
            i.parameters().isEmpty() ? "none"
                : i.parameters().stream().map(p -> "`" + p.name() + "`").collect(Collectors.joining(", ")),
            i.triggers().isEmpty() ? "the sweeps"
                : i.triggers().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")),
            i.triggers().isEmpty() ? "nothing" : i.memberwise() ? "the " + i.population().orElseThrow().wire()
                + " it names" : "the whole control"))
        .toList());
  }

  static String applicability(Catalog catalog) {
    return table(List.of("id", "not applicable when a run finds"), catalog.all().stream()
        .map(Control::info)
        .map(i -> List.of(i.id(), i.notApplicableWhen().orElse("never: an empty population passes")))
        .toList());
  }

  static String findings(Catalog catalog) {
    return table(List.of("id", "severity", "remediation"), catalog.all().stream()
        .map(Control::info)
        .map(i -> List.of(i.id(), i.severity().wire(), i.remediation()))
        .toList());
  }

  static String parameters(Catalog catalog) {
    return table(List.of("`controls.parameters.`", "default", "at least", "meaning"),
        catalog.declaredParameters().stream()
            .map(p -> List.of("`" + p.name() + "`", "`" + p.defaultInConfig() + "`", String.valueOf(p.min()),
                p.description()))
            .toList());
  }

  private static String table(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder(row(header)).append("|---".repeat(header.size())).append("|\n");
    rows.forEach(r -> out.append(row(r)));
    return out.toString();
  }

  private static String row(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  /** docs/controls.md, from the module's directory (Maven) or the repository's (an IDE). */
  private static Path doc() {
    Path inRepo = Path.of("docs", "controls.md");
    return Files.exists(inRepo) ? inRepo : Path.of("..", "docs", "controls.md");
  }
}
