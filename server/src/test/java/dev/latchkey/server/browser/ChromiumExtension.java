package dev.latchkey.server.browser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriverException;

/**
 * Hands a test as many fresh {@link Chromium}s as it asks for and closes them all after it. When the test
 * fails, each browser's screenshot, page source and logs are saved first under
 * {@code target/browser-failures/}, named after the test, for whoever debugs it.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ChromiumExtension chromium = new ChromiumExtension();
 *
 * @Test
 * void someJourney() {
 *   Chromium browser = chromium.launch();
 *   browser.open("http://localhost:" + port + "/");
 * }
 * }</pre>
 */
public final class ChromiumExtension implements AfterTestExecutionCallback, AfterEachCallback {

  /** Relative to the module, where Surefire runs. */
  static final Path FAILURES = Path.of("target", "browser-failures");

  private final List<Chromium> browsers = new ArrayList<>();

  /** A new browser with an empty profile, closed after the current test. */
  public Chromium launch() {
    Chromium browser = Chromium.start();
    browsers.add(browser);
    return browser;
  }

  /** Runs right after the test method, before any {@code @AfterEach}, while the pages are still open. */
  @Override
  public void afterTestExecution(ExtensionContext context) {
    Optional<Throwable> failure = context.getExecutionException();
    if (failure.isEmpty()) {
      return;
    }
    String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    for (int i = 0; i < browsers.size(); i++) {
      String name = test + (browsers.size() == 1 ? "" : "-browser" + (i + 1));
      try {
        Path screenshot = browsers.get(i).saveEvidence(FAILURES, name);
        context.publishReportEntry("screenshot", screenshot.toAbsolutePath().toString());
      } catch (IOException | WebDriverException e) {
        failure.get().addSuppressed(e);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    RuntimeException first = null;
    for (Chromium browser : browsers) {
      try {
        browser.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    browsers.clear();
    if (first != null) {
      throw first;
    }
  }
}
