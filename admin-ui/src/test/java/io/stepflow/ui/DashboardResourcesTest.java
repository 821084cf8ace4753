package io.stepflow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard ships as static files in this jar under {@code META-INF/resources/ui/}, where the
 * orchestrator-service serves them at {@code /ui/}. These tests read them the way the service does:
 * from the classpath.
 */
class DashboardResourcesTest {

  private static final String ROOT = "META-INF/resources/ui/";

  private static final Pattern TAG = Pattern.compile("<(script|link)\\b([^>]*)>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern STATIC_IMPORT =
      Pattern.compile(
          "^\\s*(?:import|export)\\b[^;]*?\\bfrom\\s*[\"']([^\"']+)[\"']", Pattern.MULTILINE);

  @Test
  void shouldPackageTheDashboardFilesWhereTheServiceServesThem() {
    // given the files the dashboard is made of
    List<String> files = List.of("index.html", "app.js", "app.css");

    // when they are looked up on the classpath, as Spring Boot does for META-INF/resources
    // then every one of them is there
    for (String file : files) {
      assertThat(resource(file)).as(ROOT + file).isNotNull();
    }
  }

  @Test
  void shouldLoadAppJsAsAnEsModule() {
    // given the dashboard's page
    String html = text("index.html");

    // when its script tags are read
    List<String> moduleScripts =
        tags(html).stream()
            .filter(tag -> tag.name().equals("script"))
            .filter(tag -> "module".equals(tag.attribute("type")))
            .map(tag -> tag.attribute("src"))
            .toList();

    // then app.js is loaded as a module, so the browser runs it without a build step
    assertThat(moduleScripts).containsExactly("app.js");
  }

  @Test
  void shouldReferenceOnlyLocalFilesThatExist() {
    // given the local scripts and stylesheets the page names
    List<String> references = new ArrayList<>();
    for (Tag tag : tags(text("index.html"))) {
      String reference = tag.name().equals("script") ? tag.attribute("src") : tag.attribute("href");
      if (reference != null && isLocal(reference)) {
        references.add(reference);
      }
    }
    assertThat(references).isNotEmpty();

    // when each is resolved against the page, the way a browser resolves it
    // then the module's resources hold every one of them
    for (String reference : references) {
      assertThat(resource(reference)).as("index.html references " + reference).isNotNull();
    }
  }

  @Test
  void shouldImportOnlyModulesThatExist() {
    // given the modules app.js imports statically
    Matcher imports = STATIC_IMPORT.matcher(text("app.js"));

    // when each local import is resolved against app.js
    // then the module's resources hold it
    while (imports.find()) {
      String specifier = imports.group(1);
      assertThat(isLocal(specifier)).as("app.js imports " + specifier + " from elsewhere").isTrue();
      assertThat(resource(specifier)).as("app.js imports " + specifier).isNotNull();
    }
  }

  private static boolean isLocal(String reference) {
    return URI.create(reference).getScheme() == null && !reference.startsWith("//");
  }

  private static java.net.URL resource(String relative) {
    String path = URI.create(ROOT).resolve(relative).normalize().getPath();
    return DashboardResourcesTest.class.getClassLoader().getResource(path);
  }

  private static String text(String file) {
    try (InputStream in = resource(file).openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Tag> tags(String html) {
    List<Tag> tags = new ArrayList<>();
    Matcher tag = TAG.matcher(html);
    while (tag.find()) {
      List<String[]> attributes = new ArrayList<>();
      Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
      while (attribute.find()) {
        attributes.add(new String[] {attribute.group(1).toLowerCase(), attribute.group(2)});
      }
      tags.add(new Tag(tag.group(1).toLowerCase(), attributes));
    }
    return tags;
  }

  private record Tag(String name, List<String[]> attributes) {
    String attribute(String name) {
      return attributes.stream()
          .filter(a -> a[0].equals(name))
          .map(a -> a[1])
          .findFirst()
          .orElse(null);
    }
  }
}
