package dev.vigil.reports.sample;

import dev.vigil.controls.audit.Sha256;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The draw: which members a sample takes. Each member's rank is the lowercase hex SHA-256 of
 * the UTF-8 bytes of {@code seed + ":" + controlId + ":" + memberId}; the sample is the
 * {@code k} members of smallest rank (compared as strings, which for lowercase hex of one
 * length is numeric order), smallest first. The seed is the hex SHA-256 of the signed
 * checkpoint at the period's end, fixed before anyone could choose the members it favours, so
 * nobody can pick the sample and anyone can redraw it with a SHA-256 tool and a sort.
 */
public final class SampleDraw {

  private static final Pattern SEED = Pattern.compile("[0-9a-f]{64}");

  /** A member with its rank. */
  public record Ranked(String memberId, String rank) {}

  private SampleDraw() {}

  public static String rank(String seed, String controlId, String memberId) {
    return Sha256.hex(seed + ":" + controlId + ":" + memberId);
  }

  /** The {@code k} members of smallest rank, smallest first; each distinct member id counts once. */
  public static List<Ranked> draw(String seed, String controlId, Collection<String> members, int k) {
    if (seed == null || !SEED.matcher(seed).matches()) {
      throw new IllegalArgumentException("the seed is a checkpoint's SHA-256 as 64 lowercase hex digits, not '"
          + seed + "'");
    }
    if (k < 0) throw new IllegalArgumentException("a sample takes no fewer than 0 members: " + k);
    return members.stream().distinct().map(m -> new Ranked(m, rank(seed, controlId, m)))
        .sorted(Comparator.comparing(Ranked::rank)).limit(k).toList();
  }
}
