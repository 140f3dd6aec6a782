package dev.vigil.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.model.Role;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the request bodies' constraints say when broken, with the validator the service uses:
 * the messages are the API's error text, so they must read as sentences about the field.
 */
class ValidationMessagesTest {

  private final Validator validator = Validators.newValidator();

  @Test
  void anEmptyOptionalTextGetsOneMessage() {
    assertThat(messages(new UpdateFinding(null, null, ""))).containsExactly("must not be blank");
    assertThat(messages(new UpdateFinding(null, null, " \t\n"))).containsExactly("must not be blank");
    assertThat(messages(new UpdateFinding(null, null, "line one\nline two"))).as("text over lines").isEmpty();
    assertThat(messages(new UpdateUser("\u0001", null, null))).as("blank as @NotBlank has it, as on create")
        .containsExactly("must not be blank");
  }

  @Test
  void aLengthLimitSaysHowLongInCharacters() {
    assertThat(messages(new CreateUser("a@b.example", "n".repeat(201), Role.ADMIN, "a long enough password")))
        .containsExactly("must be at most 200 characters");
    assertThat(messages(new CreateUser("a@b.example", "Ann", Role.ADMIN, "short")))
        .containsExactly("must be between 12 and 1024 characters");
  }

  /** The default @Size message speaks of characters, so every @Size on something else must say what it counts. */
  @Test
  void everySizeOnACollectionSaysWhatItCounts() throws Exception {
    List<String> unworded = new ArrayList<>();
    for (Class<?> body : bodies()) {
      for (RecordComponent c : body.getRecordComponents()) {
        Field f = body.getDeclaredField(c.getName());
        Size size = f.getAnnotation(Size.class);
        if (size != null && !CharSequence.class.isAssignableFrom(f.getType())
            && size.message().equals("{jakarta.validation.constraints.Size.message}")) {
          unworded.add(body.getSimpleName() + "." + c.getName());
        }
      }
    }
    assertThat(bodies()).as("the bodies were found").contains(CreateGrant.class, IngestRequest.class);
    assertThat(unworded).isEmpty();
  }

  private List<String> messages(Object body) {
    return validator.validate(body).stream().map(ConstraintViolation::getMessage).sorted().toList();
  }

  /** The records of this package, read from the directory its classes were compiled into. */
  private static List<Class<?>> bodies() throws URISyntaxException, java.io.IOException, ClassNotFoundException {
    Path dir = Path.of(CreateGrant.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(CreateGrant.class.getPackageName().replace('.', '/'));
    List<Class<?>> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        Class<?> c = Class.forName(CreateGrant.class.getPackageName() + "."
            + p.getFileName().toString().replace(".class", ""));
        if (c.isRecord()) records.add(c);
      }
    }
    return records;
  }
}
