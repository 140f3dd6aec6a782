package dev.vigil.collectors.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.CanonicalJson;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An event's directly written canonical text is exactly what the generic canonical form gives. */
class EventCanonicalTest {

  private static final List<String> AWKWARD = List.of("plain", "", "quote\" back\\slash", "tab\tnew\nline\r",
      "\u0001\u001f control", "é ünïcode", "emoji 🚀 and \ud834\udd1e", "slash / and <html>", "\u2028\u2029");

  @Test
  void directCanonicalTextEqualsTheGenericOne() {
    Random random = new Random(11);
    for (int i = 0; i < 5_000; i++) {
      ObjectNode attributes = null;
      if (random.nextBoolean()) {
        attributes = JsonNodeFactory.instance.objectNode().put("z" + pick(random), pick(random)).put("rows", i)
            .put("a", random.nextBoolean());
        attributes.putObject("nested").putNull("x").putArray("list").add(pick(random)).add(-i);
      }
      EventStore.NewEvent e = new EventStore.NewEvent("agt_" + pick(random), "con_" + pick(random),
          "crm:" + pick(random), random.nextInt(4) == 0 ? null : pick(random),
          List.of("success", "failure", "denied").get(random.nextInt(3)),
          Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000)),
          random.nextInt(3) == 0 ? null : pick(random), attributes);
      String expected = CanonicalJson.string(EventStore.data(e));
      assertThat(EventStore.canonicalData(e, attributes == null ? null : CanonicalJson.string(attributes)))
          .as("event %d", i).isEqualTo(expected);
    }
  }

  private static String pick(Random random) {
    return AWKWARD.get(random.nextInt(AWKWARD.size())) + random.nextInt(10);
  }
}
