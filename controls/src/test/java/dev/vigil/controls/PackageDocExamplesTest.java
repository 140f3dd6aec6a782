package dev.vigil.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code examples of every module's package docs compiling: a package doc that shows
 * code in {@code <pre>{@code ...}</pre>} names the example test it comes from, as
 * {@code {@code SomeExampleTest#method}}, and every line of the example appears, in order and
 * contiguous, in that method of the test in the same package of the module's test tree. The
 * test compiles and asserts what the example prints, so a doc cannot show a call that does
 * not exist.
 */
class PackageDocExamplesTest {

  private static final Pattern EXAMPLE = Pattern.compile("<pre>\\{@code\\n(.*?)\\n}</pre>", Pattern.DOTALL);
  private static final Pattern SOURCE = Pattern.compile("\\{@code (\\w+Test)#(\\w+)}");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

  @Test
  void everyExampleInAPackageDocIsCopiedFromItsTest() throws IOException {
    List<Path> docs = packageDocs(repositoryRoot());
    List<String> checked = new ArrayList<>();
    for (Path doc : docs) {
      String text = Files.readString(doc);
      if (!text.contains("*/")) continue;
      String comment = uncomment(text.substring(0, text.indexOf("*/")));
      Matcher example = EXAMPLE.matcher(comment);
      if (!example.find()) continue;
      Matcher source = SOURCE.matcher(comment);
      assertThat(source.find()).as("%s shows code but names no {@code SomeExampleTest#method}", doc).isTrue();
      Path test = testFile(doc, source.group(1), text);
      assertThat(test).as("%s names %s", doc, source.group(1)).exists();
      String method = method(Files.readString(test), source.group(2));
      assertThat(method).as("%s has no method %s", test, source.group(2)).isNotNull();
      do {
        assertThat(String.join("\n", lines(method))).as("the example of %s, contiguous, in %s", doc, test)
            .contains(String.join("\n", lines(example.group(1))));
      } while (example.find());
      checked.add(doc.getFileName().toString());
    }
    assertThat(checked).as("package docs with examples").isNotEmpty();
  }

  /** The directory of the parent pom, above this module's (Maven runs tests in the module). */
  private static Path repositoryRoot() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path pom = dir.resolve("pom.xml");
      if (Files.exists(pom) && Files.readString(pom).contains("<artifactId>vigil-parent</artifactId>")
          && Files.readString(pom).contains("<modules>")) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no vigil-parent pom above " + Path.of("").toAbsolutePath());
  }

  private static List<Path> packageDocs(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().equals("package-info.java"))
          .filter(p -> p.toString().replace('\\', '/').contains("/src/main/java/"))
          .filter(p -> !p.toString().replace('\\', '/').contains("/target/"))
          .sorted()
          .toList();
    }
  }

  /** {@code module/src/test/java/<package>/<name>.java} for the doc {@code module/src/main/java/...}. */
  private static Path testFile(Path doc, String name, String text) {
    Matcher pkg = PACKAGE.matcher(text);
    if (!pkg.find()) throw new IllegalStateException(doc + " has no package declaration");
    Path module = doc;
    while (!module.getFileName().toString().equals("src")) module = module.getParent();
    return module.resolve("test/java").resolve(pkg.group(1).replace('.', '/')).resolve(name + ".java");
  }

  /** The text of {@code void name(} up to the next method or the class's end; null if absent. */
  private static String method(String source, String name) {
    Matcher start = Pattern.compile("\\bvoid " + name + "\\(").matcher(source);
    if (!start.find()) return null;
    Matcher next = Pattern.compile("\\n  (@Test|private|static|void|public)").matcher(source);
    int end = next.find(start.end()) ? next.start() : source.length();
    return source.substring(start.start(), end);
  }

  private static String uncomment(String javadoc) {
    return javadoc.lines().map(l -> l.replaceFirst("^\\s*/?\\*+ ?", "")).collect(Collectors.joining("\n"));
  }

  /** The non-blank lines, each stripped: indentation differs between a doc and a method body. */
  private static List<String> lines(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
