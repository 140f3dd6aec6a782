package dev.vigil.app.api;

import dev.vigil.controls.model.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /users}. Passwords are 12 to 1024 characters and are never returned. */
public record CreateUser(
    @NotBlank @Email @Size(max = 320) String email,
    @NotBlank @Size(max = 200) String name,
    @NotNull Role role,
    @NotNull @Size(min = 12, max = 1024) String password) {

  @Override
  public String toString() {
    return "CreateUser[email=" + email + ", name=" + name + ", role=" + role + "]";
  }
}
