package io.stepflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ratchet the conformance replays share: a checked-in list of cases that may fail ({@code <case
 * file> | <why>}). A case that fails outside the list fails the build, and so does a listed case
 * that passes, so the list only shrinks. With {@code -Dconformance.writeGaps=true} the list is
 * rewritten from the current results.
 */
public final class KnownGaps {

  private final Path file;

  public KnownGaps(Path file) {
    this.file = file;
  }

  /** Asserts that exactly the listed cases fail; {@code failures} maps case to why. */
  public void check(Map<String, String> failures) {
    if (Boolean.getBoolean("conformance.writeGaps")) {
      write(failures);
    }
    Map<String, String> known = read();
    List<String> unexpected = new ArrayList<>();
    failures.forEach(
        (name, why) -> {
          if (!known.containsKey(name)) {
            unexpected.add(name + " -> " + why);
          }
        });
    List<String> fixed = known.keySet().stream().filter(k -> !failures.containsKey(k)).toList();
    assertThat(unexpected).as("cases that fail but are not in " + file.getFileName()).isEmpty();
    assertThat(fixed)
        .as("cases in " + file.getFileName() + " that pass now: remove them from the list")
        .isEmpty();
  }

  private Map<String, String> read() {
    Map<String, String> gaps = new LinkedHashMap<>();
    try {
      if (!Files.exists(file)) {
        return gaps;
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int bar = line.indexOf(" | ");
        gaps.put(
            bar < 0 ? line.strip() : line.substring(0, bar).strip(),
            bar < 0 ? "" : line.substring(bar + 3));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return gaps;
  }

  private void write(Map<String, String> failures) {
    StringBuilder text =
        new StringBuilder(
            "# Recorded AWS cases the engine does not match yet: <case file> | <why>.\n"
                + "# The conformance test fails when a case outside this list fails, and when a"
                + " listed case passes.\n");
    failures.forEach((name, why) -> text.append(name).append(" | ").append(why).append('\n'));
    try {
      Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
