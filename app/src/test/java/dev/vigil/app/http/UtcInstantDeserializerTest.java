package dev.vigil.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dropwizard.jackson.Jackson;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtcInstantDeserializerTest {

  record Event(@JsonDeserialize(using = UtcInstantDeserializer.class) Instant occurredAt) {}

  private final ObjectMapper json = Jackson.newObjectMapper();

  private Instant read(String value) throws Exception {
    return json.readValue("{\"occurredAt\":" + value + "}", Event.class).occurredAt();
  }

  @Test
  void readsWhatInstantParseReadsForRandomTimesAndFractions() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
          random.nextInt(1_000_000_000));
      String text = t.toString(); // Z, with 0, 3, 6 or 9 fraction digits
      if (i % 3 == 0) text = text.replaceFirst("(\\.\\d{1,9})?Z$", "." + "123456789".substring(0, 1 + i % 9) + "Z");
      boolean fourDigitYear = Character.isDigit(text.charAt(0)) && text.charAt(4) == '-';
      assertThat(UtcInstantDeserializer.parse(text)).as(text).isEqualTo(fourDigitYear ? Instant.parse(text) : null);
      Instant parsed = Instant.parse(text);
      if (Times.supported(parsed)) {
        assertThat(read("\"" + text + "\"")).as(text).isEqualTo(parsed);
      } else {
        String outside = text;
        assertThatThrownBy(() -> read("\"" + outside + "\"")).as(text).isInstanceOf(RefusedValue.class)
            .hasMessageContaining(Times.OUT_OF_RANGE);
      }
    }
  }

  @Test
  void leavesEveryOtherTextToJacksonAndRefusesNumbers() throws Exception {
    for (String other : new String[] {"2026-11-24T14:00:00+01:00", "2026-11-24T14:00:00.5z", "2026-11-24T14:00Z",
        "2026-11-24T23:59:60Z", "2026-11-24T14:00:00.Z", "2026-11-24T14:00:00.1234567890Z"}) {
      assertThat(UtcInstantDeserializer.parse(other)).as(other).isNull();
    }
    assertThat(read("\"2026-11-24T15:00:00+01:00\"")).isEqualTo(Instant.parse("2026-11-24T14:00:00Z"));
    // Seconds or milliseconds? Nothing says, so a number is refused rather than guessed.
    assertThatThrownBy(() -> read("1795000000")).isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> read("1795000000.5")).isInstanceOf(MismatchedInputException.class);
  }

  record Before(Instant occurredAt) {}

  @Test
  void impossibleDatesAndTimesAreDecidedAsJacksonDecidedThem() throws Exception {
    for (String bad : new String[] {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-24T24:00:00Z",
        "2026-11-24T14:60:00Z", "2026-11-24T14:00:0xZ", "yesterday"}) {
      assertThat(UtcInstantDeserializer.parse(bad)).as(bad).isNull();
      String body = "{\"occurredAt\":\"" + bad + "\"}";
      Object before;
      try {
        before = json.readValue(body, Before.class).occurredAt();
      } catch (InvalidFormatException e) {
        before = e.getClass();
      }
      Object now;
      try {
        now = json.readValue(body, Event.class).occurredAt();
      } catch (InvalidFormatException e) {
        now = e.getClass();
      }
      assertThat(now).as(bad).isEqualTo(before);
    }
    assertThatThrownBy(() -> read("\"yesterday\"")).isInstanceOf(InvalidFormatException.class);
  }
}
