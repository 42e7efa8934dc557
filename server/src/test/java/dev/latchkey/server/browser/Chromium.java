package dev.latchkey.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * One real headless Chromium, driven through ChromeDriver, with a profile of its own that {@link #close()}
 * deletes. Debian's browser and driver are named by path, so Selenium Manager never runs and nothing is
 * downloaded. Page changes are awaited with explicit waits, never with sleeps.
 */
public final class Chromium implements AutoCloseable {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  /** How long a page may take to show what a test waits for; a page that takes longer is a failure. */
  static final Duration PATIENCE = Duration.ofSeconds(15);

  private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--window-size=1280,1024");

  private final Path workDir;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private Chromium(Path workDir, ChromeDriverService service, ChromeDriver driver) {
    this.workDir = workDir;
    this.service = service;
    this.driver = driver;
  }

  /**
   * Starts a browser with an empty profile in a new temporary directory.
   *
   * @throws IllegalStateException when Debian's {@code chromium} or {@code chromium-driver} is missing
   */
  public static Chromium start() {
    for (Path program : List.of(BROWSER, DRIVER)) {
      if (!Files.isExecutable(program)) {
        throw new IllegalStateException(program + " is missing: install Debian's chromium and chromium-driver "
            + "(./test does it for you)");
      }
    }
    Path workDir = createWorkDir();
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(workDir.resolve("chromedriver.log").toFile())
        .build();
    try {
      return new Chromium(workDir, service, new ChromeDriver(service, options(workDir.resolve("profile"))));
    } catch (RuntimeException e) {
      service.stop();
      deleteRecursively(workDir);
      throw e;
    }
  }

  private static ChromeOptions options(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile);
    options.setPageLoadStrategy(PageLoadStrategy.NORMAL);
    options.setPageLoadTimeout(PATIENCE);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    return options;
  }

  private static Path createWorkDir() {
    try {
      return Files.createTempDirectory("latchkey-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  /** The temporary directory that holds the profile and the driver's log. */
  Path workDir() {
    return workDir;
  }

  /** Loads {@code url} and waits until the page has loaded. */
  public void open(String url) {
    driver.get(url);
  }

  /** An explicit wait with this fixture's patience. */
  public WebDriverWait await() {
    return new WebDriverWait(driver, PATIENCE);
  }

  /** The element once it is visible. */
  public WebElement visible(By locator) {
    return await().until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** Clears the field and types {@code text} into it, as a person would. */
  public void type(By field, String text) {
    WebElement element = visible(field);
    element.clear();
    element.sendKeys(text);
  }

  /**
   * Clicks the submit button that reads {@code label} and waits until the page it was on has gone, so
   * that whatever the test looks for next is on the answer, not on the page that was left. While the old
   * document is being torn down, ChromeDriver may answer "unknown error: Node with given id does not belong
   * to the document" instead of "stale element"; the wait asks again rather than failing on it.
   */
  public void submit(String label) {
    WebElement button = visible(By.xpath("//button[@type='submit'][normalize-space()='" + label + "']"));
    button.click();
    await().ignoring(WebDriverException.class)
        .withMessage(() -> "the page to change after clicking " + label)
        .until(ExpectedConditions.stalenessOf(button));
  }

  /** The visible text of the element, once it is visible. */
  public String textOf(By locator) {
    return visible(locator).getText();
  }

  /** The path and query of the current page, e.g. {@code /signin?ended}. */
  public String currentPath() {
    String url = driver.getCurrentUrl();
    int slash = url.indexOf('/', url.indexOf("//") + 2);
    return slash < 0 ? "/" : url.substring(slash);
  }

  /** Waits until the current page's path and query are {@code path}. */
  public void awaitPath(String path) {
    await().withMessage(() -> "the page to be " + path + ", but it is " + currentPath())
        .until(ignored -> currentPath().equals(path));
  }

  /** What the page logged to the console since the last call, one entry a line. */
  public String consoleLog() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(entry -> entry.getLevel() + " " + entry.getMessage())
        .collect(Collectors.joining("\n"));
  }

  /**
   * Adds a Chrome DevTools virtual authenticator that behaves like a platform passkey provider: CTAP2,
   * internal transport, resident (discoverable) keys, and user verification that always succeeds. WebAuthn
   * only runs in a secure context, so the page must be on {@code http://localhost}, not an IP address.
   */
  public VirtualAuthenticator addPasskeyAuthenticator() {
    return driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
        .setHasResidentKey(true)
        .setHasUserVerification(true)
        .setIsUserVerified(true)
        .setIsUserConsenting(true));
  }

  /**
   * Saves what the browser shows to {@code directory}: {@code name.png}, {@code name.html} (the URL, then
   * the page source), {@code name-console.log} and {@code name-chromedriver.log}.
   *
   * @return the screenshot's path
   */
  public Path saveEvidence(Path directory, String name) throws IOException {
    Files.createDirectories(directory);
    Path screenshot = directory.resolve(name + ".png");
    Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));
    Files.writeString(directory.resolve(name + ".html"),
        "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource(), StandardCharsets.UTF_8);
    Files.writeString(directory.resolve(name + "-console.log"), consoleLog(), StandardCharsets.UTF_8);
    Path driverLog = workDir.resolve("chromedriver.log");
    if (Files.exists(driverLog)) {
      Files.copy(driverLog, directory.resolve(name + "-chromedriver.log"), StandardCopyOption.REPLACE_EXISTING);
    }
    return screenshot;
  }

  /** Ends the browser and its driver and deletes the profile. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteRecursively(workDir);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
          Files.deleteIfExists(directory);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the browser profile " + root, e);
    }
  }
}
