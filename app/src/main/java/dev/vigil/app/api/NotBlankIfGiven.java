package dev.vigil.app.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An optional text that, when given, is not blank: what a change request may leave out, but
 * not give empty. Blank is {@code @NotBlank}'s rule (nothing left once trimmed), so an update
 * refuses what the matching create refuses; null passes (the field is not being changed).
 */
@Constraint(validatedBy = NotBlankIfGiven.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NotBlankIfGiven {
  String message() default "must not be blank";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The rule, for text. */
  final class Validator implements ConstraintValidator<NotBlankIfGiven, CharSequence> {
    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
      return value == null || !value.toString().trim().isEmpty();
    }
  }
}
