package dev.vigil.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.VigilConfiguration;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.crypto.MasterKeyRotation;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.controls.audit.Actor;
import io.dropwizard.db.ManagedDataSource;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code master-key add|rewrap|prune [--out FILE] config.yml}: rotates the master key in three
 * steps that servers keep running through (README, "Operations"). {@code add} writes a new key
 * file holding the current keys and a fresh primary; {@code rewrap}, with the configuration on
 * that file, re-encrypts every stored keyset under the primary (each tenant's with an entry
 * in its chain, by {@code {"type": "cli", "id": "master-key"}}); {@code prune} writes a file of
 * the primary alone once nothing needs the other keys. Each prints one JSON line of key ids,
 * never key material; a file is never overwritten.
 */
public final class MasterKeyCommand extends VigilCommand {

  static final Actor ACTOR = new Actor("cli", "master-key");

  public MasterKeyCommand() {
    super("master-key", "Rotates the master key: add a new primary, rewrap the stored keysets, prune the old keys",
        "master-key add --out NEW.json config.yml");
  }

  @Override
  public void configure(Subparser subparser) {
    // Before the configuration file, which super.configure adds as the last positional.
    subparser.addArgument("step").choices("add", "rewrap", "prune")
        .help("add: write --out with a new primary; rewrap: re-encrypt stored keysets under the primary; "
            + "prune: write --out with the primary alone");
    super.configure(subparser);
    subparser.addArgument("--out").help("the key file to write (add, prune); must not exist");
  }

  @Override
  protected void run(Namespace namespace, VigilConfiguration config) throws Exception {
    String step = namespace.getString("step");
    String out = namespace.getString("out");
    if (step.equals("rewrap") && out != null) throw new IllegalArgumentException("rewrap writes no file: drop --out");
    if (!step.equals("rewrap") && (out == null || out.isBlank())) {
      throw new IllegalArgumentException(step + " needs --out NEW.json, a file that does not exist yet");
    }
    MasterKey master = current(config);
    Map<String, Object> line = switch (step) {
      case "add" -> add(master, Path.of(out));
      case "rewrap" -> withRotation(config, master, MasterKeyCommand::rewrap);
      default -> withRotation(config, master, rotation -> prune(rotation, Path.of(out)));
    };
    System.out.println(new ObjectMapper().writeValueAsString(line));
  }

  /** The master keyset the server would read with this configuration; never generates one. */
  private static MasterKey current(VigilConfiguration config) {
    Path file = config.crypto().file(config.dataDir());
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no master key file at " + file
          + " (VIGIL_MASTER_KEY_FILE, or master-key.json in the data dir)");
    }
    try {
      return MasterKey.load(file);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Map<String, Object> add(MasterKey master, Path out) throws Exception {
    MasterKey added = master.withNewPrimary();
    try {
      added.writeNew(out);
    } catch (FileAlreadyExistsException e) {
      throw exists(out);
    }
    return keyFile(out, added);
  }

  private static Map<String, Object> rewrap(MasterKeyRotation rotation) throws CommandFailed {
    try {
      MasterKeyRotation.Rewrapped done = rotation.rewrap(ACTOR);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("primaryKeyId", done.masterKeyId());
      line.put("rewrapped", done.rewrapped());
      line.put("alreadyUnderPrimary", done.unchanged());
      return line;
    } catch (MasterKeyRotation.Unreadable e) {
      throw new CommandFailed(1, e.getMessage() + "; nothing was changed: point VIGIL_MASTER_KEY_FILE at the "
          + "file master-key add wrote from the key in use");
    }
  }

  private static Map<String, Object> prune(MasterKeyRotation rotation, Path out) throws Exception {
    try {
      return keyFile(out, rotation.prune(out));
    } catch (MasterKeyRotation.Unreadable e) {
      throw new CommandFailed(1, e.getMessage() + "; run master-key rewrap first (nothing was written)");
    } catch (FileAlreadyExistsException e) {
      throw exists(out);
    }
  }

  private static IllegalArgumentException exists(Path out) {
    return new IllegalArgumentException(out + " exists, and a key file is never overwritten: name a new one");
  }

  private static Map<String, Object> keyFile(Path file, MasterKey key) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("file", file.toAbsolutePath().normalize().toString());
    line.put("primaryKeyId", key.primaryKeyId());
    line.put("keyIds", key.keyIds());
    return line;
  }

  private interface Step {
    Map<String, Object> run(MasterKeyRotation rotation) throws Exception;
  }

  /** Runs {@code step} on the configured database (H2 in AUTO_SERVER mode, so beside a server). */
  private static Map<String, Object> withRotation(VigilConfiguration config, MasterKey master, Step step)
      throws Exception {
    ManagedDataSource dataSource = config.database().buildForCommand(config.dataDir());
    try {
      Jdbi jdbi = Jdbis.configure(Jdbi.create(dataSource));
      Clock clock = Clock.tickMillis(ZoneOffset.UTC);
      return step.run(new MasterKeyRotation(jdbi, master, new AuditAppender(clock), clock));
    } finally {
      dataSource.stop();
    }
  }
}
