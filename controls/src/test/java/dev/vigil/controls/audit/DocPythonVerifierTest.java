package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python verifier printed in docs/audit-format.md, run as printed against entries the
 * service's own code hashes: a verifier written from the document must agree with ours on the
 * cases where a careless one would not. Skipped where no python3 is installed.
 */
class DocPythonVerifierTest {

  private static final String TENANT = "ten_01jf3x0000000000000000000a";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  private static Path script;

  @BeforeAll
  static void scriptFromTheDoc() throws Exception {
    Assumptions.assumeTrue(pythonInstalled(), "python3 is not installed");
    String doc = Files.readString(doc());
    int start = doc.indexOf("```python\n", doc.indexOf("A verifier in a few lines of Python")) + "```python\n".length();
    String code = doc.substring(start, doc.indexOf("```", start));
    script = dir.resolve("verify.py");
    Files.writeString(script, code + """

        import sys
        print(json.dumps(verify(read_entries(sys.stdin.buffer.read()))))
        """);
  }

  @Test
  void agreesOnKeysThatSortDifferentlyByCodePointAndRawLineSeparators() throws Exception {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("\uD83D\uDE00", "emoji key, above U+FFFF").put("\uE000", "private-use key").put("z", 1);
    data.put("nfd", "Zoe\u0308 and Ame\u0301lie").put("separators", "a\u2028b\u2029c\u0085d");
    data.put("controls", "tab\tnew\nline\u0001bell\u007f").put("quote", "\"\\");
    data.put("max", 9007199254740992L).put("min", -9007199254740992L);
    data.putArray("list").add(true).addNull().add(0).addObject().put("\u00e9", "é").put("e", "e");

    assertThat(runPython(chain(data, false))).isEqualTo("[]");
  }

  @Test
  void findsAnEntryWhoseDataWasChanged() throws Exception {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("\uD83D\uDE00", "x").put("\uE000", "y");

    assertThat(runPython(chain(data, true))).startsWith("[[2, \"hash ");
  }

  /** Two entries hashed by the service's code, as export lines; the second's data altered after hashing if asked. */
  private static byte[] chain(ObjectNode data, boolean alterSecond) throws IOException {
    List<AuditEntry> entries = new ArrayList<>();
    String previous = AuditChain.GENESIS_HEX;
    for (long seq = 1; seq <= 2; seq++) {
      AuditEntry e = new AuditEntry(seq, TENANT, Instant.parse("2026-11-26T10:15:30.123Z").plusSeconds(seq),
          new Actor("token", "tok_1"), "agent.action", "agt_1", data.deepCopy(), null);
      previous = AuditChain.nextHash(previous, e);
      entries.add(e.withHash(previous));
    }
    StringBuilder out = new StringBuilder();
    for (AuditEntry e : entries) {
      ObjectNode line = AuditJson.toJson(e);
      if (alterSecond && e.seq() == 2) ((ObjectNode) line.get("data")).put("\uE000", "z");
      out.append(JSON.writeValueAsString(line)).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String runPython(byte[] input) throws Exception {
    Process p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
    p.getOutputStream().write(input);
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static boolean pythonInstalled() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException notInstalled) {
      return false;
    }
  }

  /** docs/audit-format.md, from the module's directory (Maven) or the repository's (an IDE). */
  private static Path doc() {
    Path inRepo = Path.of("docs", "audit-format.md");
    return Files.exists(inRepo) ? inRepo : Path.of("..", "docs", "audit-format.md");
  }
}
