package dev.vigil.reports.pack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Reads a zip's members in order, and writes members back, repeated names included, to tamper with a package. */
final class Zips {

  private Zips() {}

  static List<Map.Entry<String, byte[]>> members(byte[] zip) throws IOException {
    List<Map.Entry<String, byte[]>> out = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.add(new AbstractMap.SimpleEntry<>(e.getName(), in.readAllBytes()));
      }
    }
    return out;
  }

  static byte[] member(byte[] zip, String name) throws IOException {
    return members(zip).stream().filter(e -> e.getKey().equals(name)).findFirst().orElseThrow().getValue();
  }

  /**
   * A zip of the members, in order. ZipOutputStream refuses a repeated name, so a repeat is
   * written under a placeholder of the same length ("#" for its last character) and renamed in
   * the bytes afterwards, in its local header and in the central directory.
   */
  static byte[] write(List<Map.Entry<String, byte[]>> members) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Set<String> seen = new HashSet<>();
    Map<String, String> placeholders = new LinkedHashMap<>();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, byte[]> m : members) {
        String name = m.getKey();
        if (!seen.add(name)) {
          String placeholder = name.substring(0, name.length() - 1) + "#";
          placeholders.put(placeholder, name);
          name = placeholder;
        }
        zip.putNextEntry(new ZipEntry(name));
        zip.write(m.getValue());
        zip.closeEntry();
      }
    }
    String bytes = out.toString(StandardCharsets.ISO_8859_1);
    for (Map.Entry<String, String> p : placeholders.entrySet()) bytes = bytes.replace(p.getKey(), p.getValue());
    return bytes.getBytes(StandardCharsets.ISO_8859_1);
  }
}
