package dev.vigil.reports.pdf;

/** A colour in DeviceRGB, components 0 to 1, and the report's palette. */
record Rgb(float r, float g, float b) {

  static final Rgb TEXT = of(0x1F2328);
  static final Rgb MUTED = of(0x59636E);
  static final Rgb RULE = of(0xD0D7DE);
  static final Rgb HEADER_FILL = of(0xEEF1F4);
  static final Rgb ACCENT = of(0x1F4E79);
  static final Rgb PASSING = of(0x2E7D32);
  static final Rgb FAILING = of(0xC62828);
  static final Rgb ERROR = of(0xEF6C00);
  static final Rgb NOT_RUN = of(0x9E9E9E);
  /** A light blue: nothing to test, neither the green of a pass nor the grey of no run. */
  static final Rgb NOT_APPLICABLE = of(0x90CAF9);

  static Rgb of(int rgb) {
    return new Rgb(((rgb >> 16) & 0xFF) / 255f, ((rgb >> 8) & 0xFF) / 255f, (rgb & 0xFF) / 255f);
  }
}
