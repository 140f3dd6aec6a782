package dev.vigil.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.app.web.Snippet.Part;
import org.junit.jupiter.api.Test;

/** A highlighted snippet taken apart into text the page escapes itself: exact parts for exact inputs. */
class SnippetTest {

  @Test
  void theHighlightersTagsBecomeMarkedPartsAndItsEscapesBecomeText() {
    Snippet s = Snippet.of("agent &lt;script&gt;x&lt;&#x2F;script&gt; <mark>harvests</mark> &#39;leads&#39; &amp;amp;");
    assertThat(s.parts()).containsExactly(new Part("agent <script>x</script> ", false), new Part("harvests", true),
        new Part(" 'leads' &amp;", false));
    assertThat(s.marked()).isTrue();
  }

  @Test
  void indexedTextCannotForgeAMarkSinceItsTagsArriveEscaped() {
    assertThat(Snippet.of("&lt;mark&gt;x&lt;/mark&gt; <mark>y</mark>").parts())
        .containsExactly(new Part("<mark>x</mark> ", false), new Part("y", true));
  }

  @Test
  void whatIsNotAnEntityAnEscaperWritesStaysAsItIs() {
    assertThat(Snippet.of("&nbsp; &#9999999; &#xZZ; & <mark>a</mark>").parts())
        .containsExactly(new Part("&nbsp; &#9999999; &#xZZ; & ", false), new Part("a", true));
  }

  @Test
  void aSnippetWithoutMarksIsOnePlainPartAndAnUnclosedMarkRunsToTheEnd() {
    Snippet plain = Snippet.of("agent triage-bot");
    assertThat(plain.parts()).containsExactly(new Part("agent triage-bot", false));
    assertThat(plain.marked()).isFalse();
    assertThat(Snippet.of("a <mark>b").parts()).containsExactly(new Part("a ", false), new Part("b", true));
    assertThat(Snippet.of("").parts()).isEmpty();
  }
}
