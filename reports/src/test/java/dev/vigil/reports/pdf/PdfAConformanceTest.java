package dev.vigil.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** veraPDF, the PDF Association's reference validator, finds the report conforming to PDF/A-2b. */
class PdfAConformanceTest {

  @BeforeAll
  static void veraPdf() {
    VeraGreenfieldFoundryProvider.initialise();
  }

  @Test
  void aPlainPdfDoesNotPass() throws Exception {
    // the validator really checks: a PDF without the PDF/A metadata and output intent fails
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      doc.save(out);
    }
    assertThat(validate(out.toByteArray()).isCompliant()).isFalse();
  }

  @Test
  void aReportWithNoControlsIsPdfA2b() throws Exception {
    assertConforms(ReportPdfTest.bytes(ReportFixture.noControls()));
  }

  @Test
  void theFixtureReportIsPdfA2b() throws Exception {
    assertConforms(ReportPdfTest.bytes(ReportFixture.report()));
  }

  private static ValidationResult validate(byte[] pdf) throws Exception {
    try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
        PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
      return validator.validate(parser);
    }
  }

  private static void assertConforms(byte[] pdf) throws Exception {
    ValidationResult result = validate(pdf);
    String failures = result.getTestAssertions().stream()
        .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
        .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
        .distinct().collect(Collectors.joining("\n"));
    assertThat(result.getPDFAFlavour()).isEqualTo(PDFAFlavour.PDFA_2_B);
    assertThat(result.isCompliant()).as(failures).isTrue();
  }
}
