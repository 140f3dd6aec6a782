package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  private final ObjectMapper json = new ObjectMapper();

  private String canon(String text) throws Exception {
    return CanonicalJson.string(json.readTree(text));
  }

  @Test
  void rfc8785StringsAndLiteralsExample() throws Exception {
    // RFC 8785 section 3.2.2 sample, without its fractional numbers (which we reject).
    String input = """
        {
          "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
          "literals": [null, true, false]
        }""";
    assertThat(canon(input))
        .isEqualTo("{\"literals\":[null,true,false],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void rfc8785SortsMembersByUtf16CodeUnits() throws Exception {
    // RFC 8785 section 3.2.3 sample.
    String input = """
        {"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",
         "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",
         "\\u00f6": "Latin Small Letter O With Diaeresis"}""";
    String out = canon(input);
    assertThat(out).startsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
        + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void nestedObjectsAreSortedAndCompact() throws Exception {
    assertThat(canon("{ \"b\" : [ 1, {\"z\":2, \"a\": -3} ], \"a\": {} }"))
        .isEqualTo("{\"a\":{},\"b\":[1,{\"a\":-3,\"z\":2}]}");
  }

  @Test
  void integersUpToTwoToThe53AreWrittenAsDigits() throws Exception {
    assertThat(canon("[9007199254740992, -9007199254740992, 0, 1.0, 1e3]"))
        .isEqualTo("[9007199254740992,-9007199254740992,0,1,1000]");
  }

  @Test
  void fractionalAndOversizedNumbersAreRejectedWithAReason() {
    assertThatThrownBy(() -> canon("{\"x\": 4.5}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as a string");
    assertThatThrownBy(() -> canon("{\"x\": 9007199254740993}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^53");
  }

  @Test
  void loneSurrogatesAreRejected() {
    assertThatThrownBy(() -> CanonicalJson.string(json.getNodeFactory().textNode("a\ud800b")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
  }
}
