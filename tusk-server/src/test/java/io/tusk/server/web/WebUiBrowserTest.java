package io.tusk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.server.TestServer;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser (Debian's chromium, headless, driven by its chromedriver) against a real server and
 * PostgreSQL 18 with Pagila: the four-step wizard, "Run now" until the backup succeeds, a restore into a new
 * database through the restore dialog (checked identical to the source), a failing database's error on the
 * dashboard and its page, the storages page's test button, and the phone layout. Screenshots of each main page
 * go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);
    private static final int PHONE_WIDTH = 390;
    private EmbeddedPostgres pg;
    private TestServer server;
    private WebDriver browser;
    private Path storageDir;
    private Path profileDir;
    private long shopId;

    @BeforeAll
    void start() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests need Debian's chromium and chromedriver at %s and %s: apt-get install -y chromium chromium-driver"
                        + " (as .ci/run does)", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        Files.createDirectories(SCREENSHOTS);
        storageDir = Files.createTempDirectory("tusk-ui-storage");
        profileDir = Files.createTempDirectory("tusk-ui-chromium");
        pg = EmbeddedPostgres.start(18);
        pg.createDatabase("pagila");
        SampleDatabases.loadPagila(pg, "pagila");
        // a first run: the browser creates the first user
        server = TestServer.startFirstRun(Files.createTempDirectory("tusk-ui-data"));
        browser = chromium();
    }

    /** The system's chromium through the system's chromedriver: Selenium Manager never downloads a browser or driver. */
    private WebDriver chromium() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profileDir, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @Order(0)
    void firstRunAsksForTheAdminAccountThenSignsIn() throws IOException {
        open("/");
        wait(ExpectedConditions.urlContains("/setup"));
        assertThat(text("main")).contains("Create the first user", "No user exists yet");
        screenshot("first-run");
        browser.findElement(By.id("password")).sendKeys("short");
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(text("#sign-in-error")).contains("10");
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(TestServer.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait(ExpectedConditions.not(ExpectedConditions.urlContains("/setup")));
        assertThat(text("main")).contains("No databases yet");
        // signed out, the sign-in page comes back, and signing in again works
        browser.findElement(By.cssSelector("form[action='/sign-out'] button")).click();
        wait(ExpectedConditions.urlContains("/login"));
        screenshot("sign-in");
        browser.findElement(By.id("username")).sendKeys(TestServer.ADMIN);
        browser.findElement(By.id("password")).sendKeys(TestServer.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private TestServer.Client api;

    /** The API as the admin the browser created. */
    private TestServer.Client api() {
        if (api == null) {
            api = server.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
        }
        return api;
    }

    @Test
    @Order(1)
    void firstVisitShowsAnEmptyDashboardThatSaysWhatToDoNext() throws IOException {
        open("/");
        assertThat(text("main")).contains("No databases yet", "Register a database");
        screenshot("dashboard-empty");
        // keyboard first: the first Tab reaches the skip link
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        browser.findElement(By.linkText("Add a database")).click();
        wait(ExpectedConditions.urlContains("/databases/new/connection"));
    }

    @Test
    @Order(2)
    void wizardRegistersADatabaseInFourSteps() throws IOException {
        type("name", "shop");
        type("host", "127.0.0.1");
        type("port", Integer.toString(pg.port()));
        type("database", "pagila");
        type("user", EmbeddedPostgres.SUPERUSER);
        new Select(browser.findElement(By.id("sslmode"))).selectByValue("disable");
        browser.findElement(By.id("test-connection")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("connection-result"), "Connected: PostgreSQL 18."));
        screenshot("wizard-1-connection");
        browser.findElement(By.id("next")).click();

        wait(ExpectedConditions.urlContains("/databases/new/storage"));
        assertThat(browser.findElement(By.id("storage-new")).isSelected()).isTrue();
        type("storageName", "local disk");
        new Select(browser.findElement(By.id("storageType"))).selectByValue("local");
        assertThat(browser.findElement(By.id("s3-bucket")).isDisplayed()).as("only the chosen type's fields show").isFalse();
        type("local-path", storageDir.toString());
        screenshot("wizard-2-storage");
        browser.findElement(By.id("next")).click();

        wait(ExpectedConditions.urlContains("/databases/new/schedule"));
        browser.findElement(By.id("kind-daily")).click();
        type("time", "02:30");
        type("zone", "Europe/Paris");
        wait(d -> d.findElements(By.cssSelector("#next-runs li")).size() == 5
                && d.findElement(By.id("next-runs")).getText().contains("02:30:00 CET"));
        screenshot("wizard-3-schedule");
        browser.findElement(By.id("next")).click();

        wait(ExpectedConditions.urlContains("/databases/new/policy"));
        assertThat(text("#retention-preview")).contains("this policy keeps");
        assertThat(text(".summary")).contains("daily at 02:30 (Europe/Paris)", "local disk (local)");
        type("daily", "3");
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("retention-preview"), "keeps"));
        screenshot("wizard-4-policy");
        browser.findElement(By.id("create")).click();

        wait(ExpectedConditions.urlMatches("/databases/[0-9]+\\?created"));
        shopId = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/databases/([0-9]+).*", "$1"));
        assertThat(text("main")).contains("shop", "PostgreSQL 18.", "daily at 02:30 (Europe/Paris)", "local disk (local)",
                "keeps daily 3, weekly 4, monthly 6");
    }

    @Test
    @Order(3)
    void runShowsLiveProgressAndCancelStopsIt() throws Exception {
        // a table held exclusively keeps the dump waiting for its lock: the run stays running until cancelled
        try (Connection lock = pg.connect("pagila"); Statement s = lock.createStatement()) {
            lock.setAutoCommit(false);
            s.execute("LOCK TABLE public.actor IN ACCESS EXCLUSIVE MODE");
            browser.findElement(By.id("run-now")).click();
            wait(d -> !d.findElements(By.id("progress")).isEmpty());
            // the panel counts the Server-Sent Events it received: one a second while the run runs
            wait(d -> Integer.parseInt(Objects.requireNonNullElse(d.findElement(By.id("progress")).getAttribute("data-events"), "0")) >= 2
                    && d.findElement(By.cssSelector("#progress [data-field='status']")).getText().equals("running"));
            assertThat(text("#progress")).contains("Current table", "Rows", "Bytes", "ETA");
            screenshot("database-running");
            browser.findElement(By.id("cancel-run")).click();
            awaitRun("#runs tr[data-status='cancelled']");
            lock.rollback();
        }
        assertThat(browser.findElements(By.id("progress"))).isEmpty();
        assertThat(browser.findElements(By.id("no-backups"))).as("a cancelled run leaves no backup").hasSize(1);
    }

    @Test
    @Order(4)
    void runNowMakesABackupThePageShowsWhenItSucceeds() throws IOException {
        browser.findElement(By.id("run-now")).click();
        // the page follows the run over Server-Sent Events and reloads itself once the run has ended
        awaitRun("#runs tr[data-status='succeeded']");
        assertThat(browser.findElements(By.cssSelector("#backups tbody tr"))).hasSize(1);
        assertThat(text("#backups")).contains("complete", "yes", "not yet");
        screenshot("database");
    }

    @Test
    @Order(5)
    void restoreDialogRestoresIntoANewDatabaseIdenticalToTheSource() throws Exception {
        browser.findElement(By.cssSelector("#backups .restore-link")).click();
        wait(ExpectedConditions.urlContains("/restore"));
        assertThat(browser.findElement(By.id("target-new")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("overwrite-warning")).isDisplayed()).as("no warning for a new database").isFalse();
        browser.findElement(By.id("target-same")).click();
        assertThat(browser.findElement(By.id("overwrite-warning")).isDisplayed()).as("a warning before overwriting").isTrue();
        assertThat(text("#overwrite-warning")).contains("Restoring into an existing database changes it");
        browser.findElement(By.id("target-new")).click();
        type("newDatabaseName", "pagila_restored");
        assertThat(browser.findElement(By.cssSelector("details summary")).getText()).contains("tables");
        screenshot("restore-dialog");
        browser.findElement(By.id("start-restore")).click();

        wait(d -> d.getCurrentUrl().matches(".*/runs/[0-9]+$") || !d.findElements(By.cssSelector(".field-error")).isEmpty());
        assertThat(browser.getCurrentUrl()).as("the restore did not start: %s", text("main")).matches(".*/runs/[0-9]+$");
        awaitRun("#run-status[data-status]");
        assertThat(browser.findElement(By.id("run-status")).getAttribute("data-status")).as(text("main")).isEqualTo("succeeded");
        assertThat(text("#run-log")).contains("restore complete");
        screenshot("restore-result");
        DatabaseComparator.assertIdentical(pg, "pagila", "pagila_restored");

        open("/databases/" + shopId);
        assertThat(text("#backups")).contains("yes, restored");
    }

    @Test
    @Order(6)
    void aFailingDatabaseShowsItsErrorOnTheDashboardAndItsPage() throws Exception {
        pg.createDatabase("doomed");
        long storageId = api().getJson("/api/v1/storages").get(0).get("id").asLong();
        long doomed = api().post("/api/v1/databases", Map.of("name", "doomed", "host", "127.0.0.1", "port", pg.port(),
                "database", "doomed", "user", EmbeddedPostgres.SUPERUSER, "storageId", storageId), 201).get("id").asLong();
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE doomed");
        }
        open("/databases/" + doomed);
        browser.findElement(By.id("run-now")).click();
        awaitRun("#runs tr[data-status='failed']");
        assertThat(text("#last-failure")).contains("The last backup failed", "doomed");
        screenshot("database-failed");

        open("/");
        WebElement card = browser.findElement(By.cssSelector(".card[data-health='failing']"));
        assertThat(card.getText()).contains("doomed", "failing");
        assertThat(text(".alert")).contains("1 database failing");
        List<WebElement> cards = browser.findElements(By.cssSelector(".card"));
        assertThat(cards.get(0).getAttribute("data-database")).as("failures first").isEqualTo("doomed");
        assertThat(browser.findElement(By.cssSelector(".card[data-database='shop'] svg"))).isNotNull();
        screenshot("dashboard");
    }

    @Test
    @Order(7)
    void storagesPageTestsAStorage() throws IOException {
        open("/storages");
        browser.findElement(By.cssSelector("tr[data-storage='local disk'] button")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "works"));
        screenshot("storages");
        open("/settings");
        screenshot("settings");
    }

    @Test
    @Order(8)
    void phoneSizedScreenNeedsNoHorizontalScrolling() throws IOException {
        browser.manage().window().setSize(new Dimension(PHONE_WIDTH, 844));
        String backupId = api().getJson("/api/v1/backups?databaseId=" + shopId).get(0).get("backupId").asString();
        for (String path : List.of("/", "/databases/" + shopId, "/backups/" + backupId + "/restore", "/databases/new/connection", "/storages")) {
            open(path);
            long width = ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth")).longValue();
            assertThat(width).as("page width of %s on a %d px wide screen", path, PHONE_WIDTH).isLessThanOrEqualTo(PHONE_WIDTH);
        }
        open("/");
        screenshot("phone-dashboard");
        open("/databases/" + shopId);
        screenshot("phone-database");
    }

    /** Waits for the page to show a run's end by itself (it follows the run's events and reloads); on timeout, keeps the page. */
    private void awaitRun(String css) throws IOException {
        try {
            new WebDriverWait(browser, RUN_TIMEOUT).ignoring(StaleElementReferenceException.class).until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("timeout");
            Files.writeString(SCREENSHOTS.resolve("timeout.html"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
            throw new AssertionError("the page never showed " + css + " (see target/screenshots/timeout.*): " + text("main"), e);
        }
    }

    private void open(String path) {
        browser.get(server.base() + path);
        wait(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private <T> T wait(java.util.function.Function<? super WebDriver, T> condition) {
        // htmx replaces the previews as they change: an element found a moment ago may be gone
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(condition);
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}
