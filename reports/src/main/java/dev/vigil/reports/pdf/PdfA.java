package dev.vigil.reports.pdf;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * What makes the file PDF/A-2b, besides the embedded fonts: XMP metadata declaring part 2,
 * conformance B, with the same title, producer and dates as the document information; an sRGB
 * output intent (the profile ships with the JDK) for the DeviceRGB colours the pages use; and a
 * file identifier derived from the report id, so it does not change from one save to the next.
 */
final class PdfA {

  static final String SRGB = "sRGB IEC61966-2.1";

  private PdfA() {}

  static void apply(PDDocument doc, String reportId, String title, String producer, Instant created) {
    // XMP dates carry no fraction here, so that they equal the information dictionary's
    Instant at = created.truncatedTo(ChronoUnit.SECONDS);
    PDDocumentInformation info = doc.getDocumentInformation();
    info.setTitle(title);
    info.setProducer(producer);
    info.setCreator(producer);
    info.setCreationDate(calendar(at));
    info.setModificationDate(calendar(at));
    PDDocumentCatalog catalog = doc.getDocumentCatalog();
    catalog.setLanguage("en");
    try {
      PDMetadata metadata = new PDMetadata(doc);
      metadata.importXMPMetadata(xmp(title, producer, at).getBytes(StandardCharsets.UTF_8));
      catalog.setMetadata(metadata);
      PDOutputIntent intent = new PDOutputIntent(doc,
          new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
      intent.setInfo(SRGB);
      intent.setOutputCondition(SRGB);
      intent.setOutputConditionIdentifier(SRGB);
      intent.setRegistryName("http://www.color.org");
      catalog.addOutputIntent(intent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    COSString id = new COSString(Arrays.copyOf(sha256(reportId), 16));
    COSArray ids = new COSArray();
    ids.add(id);
    ids.add(id);
    doc.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  static String xmp(String title, String producer, Instant at) {
    String t = escape(title);
    String p = escape(producer);
    return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        + "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
        + "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n</rdf:Description>\n"
        + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
        + "<dc:format>application/pdf</dc:format>\n"
        + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + t + "</rdf:li></rdf:Alt></dc:title>\n"
        + "</rdf:Description>\n"
        + "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
        + "<pdf:Producer>" + p + "</pdf:Producer>\n</rdf:Description>\n"
        + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
        + "<xmp:CreatorTool>" + p + "</xmp:CreatorTool>\n"
        + "<xmp:CreateDate>" + at + "</xmp:CreateDate>\n"
        + "<xmp:ModifyDate>" + at + "</xmp:ModifyDate>\n"
        + "<xmp:MetadataDate>" + at + "</xmp:MetadataDate>\n</rdf:Description>\n"
        + "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static Calendar calendar(Instant at) {
    GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    c.setTimeInMillis(at.toEpochMilli());
    return c;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
