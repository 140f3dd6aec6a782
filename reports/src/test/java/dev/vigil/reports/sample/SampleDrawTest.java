package dev.vigil.reports.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The draw, on the worked example of docs/reports.md: the figures here are the ones it prints. */
class SampleDrawTest {

  static final String SEED = "5f3dc5b9593059df801f51302e56dadab8749d5b0649b47dc6fee79347cdd076";
  static final List<String> VENDORS = List.of("ven_1", "ven_2", "ven_3", "ven_4", "ven_5", "ven_6");

  @Test
  void aSeedIsSixtyFourLowercaseHexDigits() {
    for (String bad : new String[] {null, "", SEED.substring(1), SEED.toUpperCase(), SEED.replace('f', 'g')}) {
      assertThatThrownBy(() -> SampleDraw.draw(bad, "VM-1", VENDORS, 2))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 lowercase hex digits");
    }
  }

  @Test
  void aNegativeSizeIsRefused() {
    assertThatThrownBy(() -> SampleDraw.draw(SEED, "VM-1", VENDORS, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theWorkedExample() throws IOException {
    assertThat(dev.vigil.controls.audit.Sha256.hex("vigil worked example: checkpoint at period end")).isEqualTo(SEED);
    assertThat(SampleDraw.rank(SEED, "VM-1", "ven_1"))
        .isEqualTo("6ad595e09fb7c1c3813047315e350bbfae2f562ca17e3424cc35dc096d9cb9bf");

    Sample sample = Sampler.draw(SEED, "VM-1", Duration.ofDays(30), VENDORS);

    assertThat(sample.frequency()).isEqualTo(Frequency.MONTHLY);
    assertThat(sample.population()).isEqualTo(6);
    assertThat(sample.size()).isEqualTo(2);
    assertThat(sample.items()).extracting(SampledItem::memberId, SampledItem::rank).containsExactly(
        org.assertj.core.groups.Tuple.tuple("ven_3", "2904892ca9f14507b4993e683899f27bf26ac9ce41f41bef15eb3bb6043fc7f1"),
        org.assertj.core.groups.Tuple.tuple("ven_1", "6ad595e09fb7c1c3813047315e350bbfae2f562ca17e3424cc35dc096d9cb9bf"));
    assertThat(SampleDraw.draw(SEED, "VM-1", VENDORS, 6)).extracting(SampleDraw.Ranked::memberId)
        .containsExactly("ven_3", "ven_1", "ven_5", "ven_2", "ven_4", "ven_6");
    String doc = ReportsDocTest.doc();
    assertThat(doc).contains(SEED);
    for (SampleDraw.Ranked r : SampleDraw.draw(SEED, "VM-1", VENDORS, 6)) {
      assertThat(doc).as("docs/reports.md prints the rank of %s", r.memberId())
          .contains("| " + r.memberId() + " | `" + r.rank() + "` |");
    }
  }

  @Test
  void theRanksDependOnSeedAndControlButNotOnTheOrderMembersArriveIn() {
    List<SampleDraw.Ranked> drawn = SampleDraw.draw(SEED, "VM-1", VENDORS, 3);
    List<String> reversed = new java.util.ArrayList<>(VENDORS);
    java.util.Collections.reverse(reversed);
    assertThat(SampleDraw.draw(SEED, "VM-1", reversed, 3)).isEqualTo(drawn);
    assertThat(SampleDraw.draw(SEED, "VM-2", VENDORS, 3)).isNotEqualTo(drawn);
    String other = "0".repeat(64);
    assertThat(SampleDraw.draw(other, "VM-1", VENDORS, 3)).isNotEqualTo(drawn);
  }

  @Test
  void aMemberListedTwiceCountsOnce() {
    Sample sample = Sampler.draw(SEED, "VM-1", Duration.ofDays(30), List.of("ven_1", "ven_1", "ven_2"));

    assertThat(sample.population()).isEqualTo(2);
    assertThat(sample.wholePopulation()).isTrue();
    assertThat(sample.items()).extracting(SampledItem::memberId).containsExactlyInAnyOrder("ven_1", "ven_2");
  }

  @Test
  void anEmptyPopulationHasAnEmptySample() {
    Sample sample = Sampler.draw(SEED, "VM-1", Duration.ofMinutes(5), List.of());

    assertThat(sample.size()).isZero();
    assertThat(sample.items()).isEmpty();
  }
}
